package io.kubeboot.scheduler.plugins.tainttoleration;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Upstream taint_toleration_test.go (1.32): TestTaintTolerationScore and TestTaintTolerationFilter. */
class TaintTolerationTest {
    private final TaintToleration plugin = new TaintToleration(Map.of(), null);

    private static Node nodeWithTaints(String name, Taint... taints) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withTaints(taints).endSpec().build();
    }

    private static Pod podWithTolerations(Toleration... tolerations) {
        return new PodBuilder().withNewMetadata().withName("pod1").withNamespace("default").endMetadata()
                .withNewSpec().withTolerations(tolerations).endSpec().build();
    }

    private static Taint taint(String key, String value, String effect) {
        return new Taint(effect, key, null, value);
    }

    private static Toleration tol(String key, String op, String value, String effect) {
        return new Toleration(effect, key, op, null, value);
    }

    static Stream<Arguments> score() {
        return Stream.of(
                arguments("node with taints tolerated by the pod, gets a higher score than those node with intolerable taints",
                        podWithTolerations(tol("foo", "Equal", "bar", "PreferNoSchedule")),
                        List.of(nodeWithTaints("nodeA", taint("foo", "bar", "PreferNoSchedule")),
                                nodeWithTaints("nodeB", taint("foo", "blah", "PreferNoSchedule"))),
                        new long[]{100, 0}),
                arguments("the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has",
                        podWithTolerations(tol("cpu-type", "Equal", "arm64", "PreferNoSchedule"),
                                tol("disk-type", "Equal", "ssd", "PreferNoSchedule")),
                        List.of(nodeWithTaints("nodeA"),
                                nodeWithTaints("nodeB", taint("cpu-type", "arm64", "PreferNoSchedule")),
                                nodeWithTaints("nodeC", taint("cpu-type", "arm64", "PreferNoSchedule"),
                                        taint("disk-type", "ssd", "PreferNoSchedule"))),
                        new long[]{100, 100, 100}),
                arguments("the more intolerable taints a node has, the lower score it gets.",
                        podWithTolerations(tol("foo", "Equal", "bar", "PreferNoSchedule")),
                        List.of(nodeWithTaints("nodeA"),
                                nodeWithTaints("nodeB", taint("cpu-type", "arm64", "PreferNoSchedule")),
                                nodeWithTaints("nodeC", taint("cpu-type", "arm64", "PreferNoSchedule"),
                                        taint("disk-type", "ssd", "PreferNoSchedule"))),
                        new long[]{100, 50, 0}),
                arguments("only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function",
                        podWithTolerations(tol("cpu-type", "Equal", "arm64", "NoSchedule"),
                                tol("disk-type", "Equal", "ssd", "NoSchedule")),
                        List.of(nodeWithTaints("nodeA"),
                                nodeWithTaints("nodeB", taint("cpu-type", "arm64", "NoSchedule")),
                                nodeWithTaints("nodeC", taint("cpu-type", "arm64", "PreferNoSchedule"),
                                        taint("disk-type", "ssd", "PreferNoSchedule"))),
                        new long[]{100, 100, 0}),
                arguments("Default behaviour No taints and tolerations, lands on node with no taints",
                        podWithTolerations(),
                        List.of(nodeWithTaints("nodeA"), nodeWithTaints("nodeB", taint("cpu-type", "arm64", "PreferNoSchedule"))),
                        new long[]{100, 0}),
                arguments("a toleration without effect covers PreferNoSchedule",
                        podWithTolerations(tol("cpu-type", "Exists", null, null)),
                        List.of(nodeWithTaints("nodeA", taint("cpu-type", "arm64", "PreferNoSchedule")),
                                nodeWithTaints("nodeB", taint("other", "x", "PreferNoSchedule"))),
                        new long[]{100, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void score(String name, Pod pod, List<Node> nodes, long[] expected) {
        PodInfo p = PodInfo.of(pod);
        List<NodeInfo> infos = nodes.stream().map(NodeInfo::of).toList();
        CycleState state = new CycleState();
        assertThat(plugin.preScore(state, p, infos)).isEqualTo(Status.success());
        List<String> names = new ArrayList<>();
        long[] raw = new long[infos.size()];
        for (int i = 0; i < infos.size(); i++) {
            names.add(infos.get(i).nodeName());
            raw[i] = plugin.score(state, p, infos.get(i));
        }
        NodeScores scores = NodeScores.of(names, raw);
        assertThat(plugin.normalizeScore(state, p, scores)).isEqualTo(Status.success());
        assertThat(scores.toArray()).containsExactly(expected);
    }

    static Stream<Arguments> filter() {
        Status ok = Status.success();
        return Stream.of(
                arguments("A pod having no tolerations can't be scheduled onto a node with nonempty taints",
                        podWithTolerations(), nodeWithTaints("nodeA", taint("dedicated", "user1", "NoSchedule")),
                        Status.unresolvable("node(s) had untolerated taint {dedicated: user1}")),
                arguments("A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule",
                        podWithTolerations(tol("dedicated", null, "user1", "NoSchedule")),
                        nodeWithTaints("nodeA", taint("dedicated", "user1", "NoSchedule")), ok),
                arguments("A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
                        podWithTolerations(tol("dedicated", "Equal", "user2", "NoSchedule")),
                        nodeWithTaints("nodeA", taint("dedicated", "user1", "NoSchedule")),
                        Status.unresolvable("node(s) had untolerated taint {dedicated: user1}")),
                arguments("A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node",
                        podWithTolerations(tol("foo", "Exists", null, "NoSchedule")),
                        nodeWithTaints("nodeA", taint("foo", "bar", "NoSchedule")), ok),
                arguments("A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node",
                        podWithTolerations(tol("dedicated", "Equal", "user2", "NoSchedule"), tol("foo", "Exists", null, "NoSchedule")),
                        nodeWithTaints("nodeA", taint("dedicated", "user2", "NoSchedule"), taint("foo", "bar", "NoSchedule")), ok),
                arguments("A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
                        podWithTolerations(tol("foo", "Equal", "bar", "PreferNoSchedule")),
                        nodeWithTaints("nodeA", taint("foo", "bar", "NoSchedule")),
                        Status.unresolvable("node(s) had untolerated taint {foo: bar}")),
                arguments("The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node",
                        podWithTolerations(tol("foo", "Equal", "bar", null)),
                        nodeWithTaints("nodeA", taint("foo", "bar", "NoSchedule")), ok),
                arguments("The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
                        podWithTolerations(tol("dedicated", "Equal", "user2", "NoSchedule")),
                        nodeWithTaints("nodeA", taint("dedicated", "user1", "PreferNoSchedule")), ok),
                arguments("The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
                        podWithTolerations(), nodeWithTaints("nodeA", taint("dedicated", "user1", "PreferNoSchedule")), ok),
                arguments("A NoExecute taint without a value is reported with an empty value",
                        podWithTolerations(), nodeWithTaints("nodeA", taint("node.kubernetes.io/not-ready", null, "NoExecute")),
                        Status.unresolvable("node(s) had untolerated taint {node.kubernetes.io/not-ready: }")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void filter(String name, Pod pod, Node node, Status want) {
        assertThat(plugin.filter(new CycleState(), PodInfo.of(pod), NodeInfo.of(node))).isEqualTo(want);
    }

    @Test
    void scoreWithoutPreScoreIsAnError() {
        assertThatThrownBy(() -> plugin.score(new CycleState(), PodInfo.of(podWithTolerations()), NodeInfo.of(nodeWithTaints("n"))))
                .isInstanceOf(PluginException.class)
                .hasMessage("failed to read \"PreScoreTaintToleration\" from cycleState: not found");
    }
}
