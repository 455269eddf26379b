package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.testing.PodWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.node;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.pod;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.req;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.selector;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.term;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Normalized scores ported from upstream's TestPreferredAffinity and
 * TestPreferredAffinityWithHardPodAffinitySymmetricWeight; {@code want} null means PreScore returns
 * {@code wantPreScore} and no scoring happens.
 */
class InterPodAffinityScoreTest {
    static final UnaryOperator<PodWrapper> STAY_WITH_S1_IN_REGION =
            p -> p.preferAffinity(weighted(5, term("region", req("security", "In", "S1"))));
    static final UnaryOperator<PodWrapper> STAY_WITH_S2_IN_REGION =
            p -> p.preferAffinity(weighted(6, term("region", req("security", "In", "S2"))));
    static final UnaryOperator<PodWrapper> AFFINITY3 = p -> p.preferAffinity(
            weighted(8, term("region", req("security", "NotIn", "S1"), req("security", "In", "S2"))),
            weighted(2, term("region", req("security", "Exists"), req("wrongkey", "DoesNotExist"))));
    static final UnaryOperator<PodWrapper> HARD_AFFINITY = p -> p.affinity(
            term("region", req("security", "In", "S1", "value2")),
            term("region", req("security", "Exists"), req("wrongkey", "DoesNotExist")));
    static final UnaryOperator<PodWrapper> AWAY_FROM_S1_IN_AZ =
            p -> p.preferAnti(weighted(5, term("az", req("security", "In", "S1"))));
    static final UnaryOperator<PodWrapper> AWAY_FROM_S2_IN_AZ =
            p -> p.preferAnti(weighted(5, term("az", req("security", "In", "S2"))));
    static final UnaryOperator<PodWrapper> STAY_WITH_S1_AWAY_FROM_S2 = p -> p
            .preferAffinity(weighted(8, term("region", req("security", "In", "S1"))))
            .preferAnti(weighted(5, term("az", req("security", "In", "S2"))));
    static final LabelSelector TEAM1 = selector(req("team", "In", "team1"));
    static final UnaryOperator<PodWrapper> AFFINITY_NS_SELECTOR = p -> p.preferAffinity(
            weighted(5, term("region", List.of("subteam2.team2"), TEAM1, req("security", "In", "S1"))));
    static final UnaryOperator<PodWrapper> ANTI_AFFINITY_NS_SELECTOR = p -> p.preferAnti(
            weighted(5, term("region", List.of("subteam2.team2"), TEAM1, req("security", "In", "S1"))));

    record Case(String name, Pod pod, List<Pod> pods, List<Node> nodes, Map<String, Long> want, Status wantPreScore,
                Map<String, Object> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, Long> want(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Integer) kv[i + 1]).longValue());
        }
        return m;
    }

    static Case scored(String name, Pod pod, List<Pod> pods, List<Node> nodes, Map<String, Long> want) {
        return new Case(name, pod, pods, nodes, want, null, Map.of());
    }

    static Pod s1(String name, String node) {
        return pod(name).node(node).label("security", "S1").obj();
    }

    static Pod s2(String name, String node) {
        return pod(name).node(node).label("security", "S2").obj();
    }

    static Stream<Case> preferred() {
        Node china1 = node("node1", "region", "China");
        Node india2 = node("node2", "region", "India");
        Node az1Node3 = node("node3", "az", "az1");
        List<Node> chinaIndiaAz1 = List.of(china1, india2, az1Node3);
        PodWrapper incomingS1 = pod("p").label("security", "S1");
        return Stream.of(
                new Case("all nodes are same priority as Affinity is nil", incomingS1.obj(), List.of(), chinaIndiaAz1, null,
                        Status.skip(), Map.of()),
                scored("Affinity: pod that matches topology key & pods in nodes will get high score comparing to others which doesn't match either pods in nodes or in topology key",
                        pod("p").label("security", "S1").with(STAY_WITH_S1_IN_REGION).obj(),
                        List.of(s1("e1", "node1"), s2("e2", "node2"), s1("e3", "node3")), chinaIndiaAz1,
                        want("node1", 100, "node2", 0, "node3", 0)),
                scored("All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score",
                        pod("p").with(STAY_WITH_S1_IN_REGION).obj(), List.of(s1("e1", "node1")),
                        List.of(china1, node("node2", "region", "China", "az", "az1"), node("node3", "region", "India")),
                        want("node1", 100, "node2", 100, "node3", 0)),
                scored("Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score",
                        pod("p").label("security", "S1").with(STAY_WITH_S2_IN_REGION).obj(),
                        List.of(s2("e1", "node1"), s2("e2", "node1"), s2("e3", "node2"), s2("e4", "node3"), s2("e5", "node4"), s2("e6", "node5")),
                        List.of(china1, india2, node("node3", "region", "China"), node("node4", "region", "China"), node("node5", "region", "India")),
                        want("node1", 100, "node2", 0, "node3", 100, "node4", 100, "node5", 0)),
                scored("Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures",
                        pod("p").label("security", "S1").with(AFFINITY3).obj(), List.of(s1("e1", "node1"), s2("e2", "node2"), s1("e3", "node3")),
                        chinaIndiaAz1, want("node1", 20, "node2", 100, "node3", 0)),
                scored("Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
                        pod("p").label("security", "S2").obj(),
                        List.of(pod("e1").node("node1").label("security", "S1").with(STAY_WITH_S1_IN_REGION).obj(),
                                pod("e2").node("node2").label("security", "S2").with(STAY_WITH_S2_IN_REGION).obj()),
                        chinaIndiaAz1, want("node1", 0, "node2", 100, "node3", 0)),
                scored("Affinity symmetry with namespace selector", pod("p").namespace("subteam1.team1").label("security", "S1").obj(),
                        List.of(pod("e1").node("node1").label("security", "S1").with(AFFINITY_NS_SELECTOR).obj(),
                                pod("e2").node("node2").label("security", "S2").with(STAY_WITH_S2_IN_REGION).obj()),
                        chinaIndiaAz1, want("node1", 100, "node2", 0, "node3", 0)),
                scored("AntiAffinity symmetry with namespace selector", pod("p").namespace("subteam1.team1").label("security", "S1").obj(),
                        List.of(pod("e1").node("node1").label("security", "S1").with(ANTI_AFFINITY_NS_SELECTOR).obj(),
                                pod("e2").node("node2").label("security", "S2").with(STAY_WITH_S2_IN_REGION).obj()),
                        chinaIndiaAz1, want("node1", 0, "node2", 100, "node3", 100)),
                scored("Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
                        pod("p").label("security", "S1").obj(),
                        List.of(pod("e1").node("node1").label("security", "S1").with(HARD_AFFINITY).obj(),
                                pod("e2").node("node2").label("security", "S2").with(HARD_AFFINITY).obj()),
                        chinaIndiaAz1, want("node1", 100, "node2", 100, "node3", 0)),
                scored("Anti Affinity: pod that does not match existing pods in node will get high score",
                        pod("p").label("security", "S1").with(AWAY_FROM_S1_IN_AZ).obj(), List.of(s1("e1", "node1"), s2("e2", "node2")),
                        List.of(node("node1", "az", "az1"), node("node2", "region", "China")), want("node1", 0, "node2", 100)),
                scored("Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others",
                        pod("p").label("security", "S1").with(AWAY_FROM_S1_IN_AZ).obj(), List.of(s1("e1", "node1"), s1("e2", "node2")),
                        List.of(node("node1", "az", "az1"), node("node2", "region", "China")), want("node1", 0, "node2", 100)),
                scored("Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score",
                        pod("p").label("security", "S1").with(AWAY_FROM_S1_IN_AZ).obj(),
                        List.of(s1("e1", "node1"), s1("e2", "node1"), s2("e3", "node2")),
                        List.of(node("node1", "az", "az1"), node("node2", "region", "India")), want("node1", 0, "node2", 100)),
                scored("Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score",
                        pod("p").label("security", "S2").obj(),
                        List.of(pod("e1").node("node1").label("security", "S1").with(AWAY_FROM_S2_IN_AZ).obj(),
                                pod("e2").node("node2").label("security", "S2").with(AWAY_FROM_S1_IN_AZ).obj()),
                        List.of(node("node1", "az", "az1"), node("node2", "az", "az2")), want("node1", 0, "node2", 100)),
                scored("Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity",
                        pod("p").label("security", "S1").with(STAY_WITH_S1_AWAY_FROM_S2).obj(), List.of(s1("e1", "node1"), s1("e2", "node2")),
                        List.of(china1, node("node2", "az", "az1")), want("node1", 100, "node2", 0)),
                scored("Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels",
                        pod("p").label("security", "S1").with(STAY_WITH_S1_AWAY_FROM_S2).obj(),
                        List.of(s1("e1", "node1"), s1("e2", "node1"), s1("e3", "node2"), s1("e4", "node3"), s1("e5", "node3"), s1("e6", "node4"),
                                s1("e7", "node5")),
                        List.of(node("node1", "region", "China", "az", "az1"), india2, node("node3", "region", "China"),
                                node("node4", "region", "China"), node("node5", "region", "India")),
                        want("node1", 100, "node2", 0, "node3", 100, "node4", 100, "node5", 0)),
                scored("Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry",
                        pod("p").label("security", "S1").with(STAY_WITH_S1_AWAY_FROM_S2).obj(),
                        List.of(s1("e1", "node1"), s2("e2", "node2"), pod("e3").node("node3").with(STAY_WITH_S1_AWAY_FROM_S2).obj(),
                                pod("e4").node("node4").with(AWAY_FROM_S1_IN_AZ).obj()),
                        List.of(china1, node("node2", "az", "az1"), node("node3", "region", "India"), node("node4", "az", "az2")),
                        want("node1", 100, "node2", 0, "node3", 100, "node4", 0)),
                scored("Avoid panic when partial nodes in a topology don't have pods with affinity", pod("p").label("security", "S1").obj(),
                        List.of(s1("e1", "node1"), pod("e2").node("node2").with(STAY_WITH_S1_AWAY_FROM_S2).obj()),
                        List.of(china1, node("node2", "region", "China")), want("node1", 0, "node2", 0)),
                scored("Affinity with pods matching NamespaceSelector",
                        pod("p").namespace("subteam1.team1").label("security", "S1").with(AFFINITY_NS_SELECTOR).obj(),
                        List.of(pod("e1").namespace("subteam1.team1").node("node1").label("security", "S1").obj(),
                                pod("e2").namespace("subteam1.team1").node("node1").label("security", "S1").obj(),
                                pod("e3").namespace("subteam1.team2").node("node1").label("security", "S1").obj(),
                                pod("e4").namespace("subteam2.team1").node("node2").label("security", "S1").obj()),
                        List.of(china1, india2), want("node1", 100, "node2", 0)),
                scored("Affinity with pods matching both NamespaceSelector and Namespaces fields",
                        pod("p").namespace("subteam1.team1").label("security", "S1").with(AFFINITY_NS_SELECTOR).obj(),
                        List.of(pod("e1").namespace("subteam1.team1").node("node1").label("security", "S1").obj(),
                                pod("e2").namespace("subteam1.team1").node("node1").label("security", "S1").obj(),
                                pod("e3").namespace("subteam2.team2").node("node1").label("security", "S1").obj(),
                                pod("e4").namespace("subteam2.team1").node("node2").label("security", "S1").obj()),
                        List.of(china1, india2), want("node1", 100, "node2", 0)),
                scored("Anti-affinity with pods matching NamespaceSelector",
                        pod("p").namespace("subteam1.team1").label("security", "S1").with(ANTI_AFFINITY_NS_SELECTOR).obj(),
                        List.of(pod("e1").namespace("subteam1.team1").node("node1").label("security", "S1").obj(),
                                pod("e2").namespace("subteam1.team1").node("node1").label("security", "S1").obj(),
                                pod("e3").namespace("subteam1.team2").node("node1").label("security", "S1").obj(),
                                pod("e4").namespace("subteam2.team1").node("node2").label("security", "S1").obj()),
                        List.of(china1, india2), want("node1", 0, "node2", 100)),
                new Case("Ignore preferred terms of existing pods", pod("p").label("security", "S2").obj(),
                        List.of(pod("e1").node("node1").label("security", "S1").with(STAY_WITH_S1_AWAY_FROM_S2).obj(),
                                pod("e2").node("node2").label("security", "S2").with(STAY_WITH_S2_IN_REGION).obj()),
                        List.of(china1, india2), null, Status.skip(), Map.of("ignorePreferredTermsOfExistingPods", true)),
                scored("Do not ignore preferred terms of existing pods", pod("p").label("security", "S2").obj(),
                        List.of(pod("e1").node("node1").label("security", "S1").with(STAY_WITH_S1_AWAY_FROM_S2).obj(),
                                pod("e2").node("node2").label("security", "S2").with(STAY_WITH_S2_IN_REGION).obj()),
                        List.of(china1, india2), want("node1", 0, "node2", 100)),
                new Case("No nodes to score", pod("p").label("security", "S2").obj(), List.of(), List.of(), null, Status.skip(), Map.of()));
    }

    static Stream<Case> hardPodAffinityWeight() {
        UnaryOperator<PodWrapper> hard = p -> p.affinity(
                term("region", List.of("", "subteam2.team2"), TEAM1, req("service", "In", "S1")));
        List<Pod> pods = List.of(pod("e1").node("node1").with(hard).obj(), pod("e2").node("node2").with(hard).obj());
        List<Node> nodes = List.of(node("node1", "region", "China"), node("node2", "region", "India"), node("node3", "az", "az1"));
        return Stream.of(
                new Case("with default weight", pod("p").label("service", "S1").obj(), pods, nodes,
                        want("node1", 100, "node2", 100, "node3", 0), null, Map.of()),
                new Case("with zero weight", pod("p").label("service", "S1").obj(), pods, nodes, null, Status.skip(),
                        Map.of("hardPodAffinityWeight", 0)),
                new Case("with no matching namespace", pod("p").namespace("subteam1.team2").label("service", "S1").obj(), pods, nodes,
                        null, Status.skip(), Map.of()),
                new Case("with matching NamespaceSelector", pod("p").namespace("subteam1.team1").label("service", "S1").obj(), pods, nodes,
                        want("node1", 100, "node2", 100, "node3", 0), null, Map.of()),
                new Case("with matching Namespaces", pod("p").namespace("subteam2.team2").label("service", "S1").obj(), pods, nodes,
                        want("node1", 100, "node2", 100, "node3", 0), null, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"preferred", "hardPodAffinityWeight"})
    void score(Case c) {
        Snapshot snapshot = Fixtures.snapshot(c.nodes(), c.pods());
        InterPodAffinity p = new InterPodAffinity(c.args(), Fixtures.handle(snapshot));
        PodInfo pod = PodInfo.of(c.pod());
        CycleState state = new CycleState();
        Status pre = p.preScore(state, pod, snapshot.nodeInfos());
        if (c.want() == null) {
            assertThat(pre).isEqualTo(c.wantPreScore());
            return;
        }
        assertThat(pre.isSuccess()).isTrue();
        NodeScores scores = new NodeScores(snapshot.nodeInfos().stream().map(NodeInfo::nodeName).toArray(String[]::new));
        for (int i = 0; i < scores.size(); i++) {
            scores.set(i, p.score(state, pod, snapshot.nodeInfos().get(i)));
        }
        assertThat(p.normalizeScore(state, pod, scores).isSuccess()).isTrue();
        Map<String, Long> got = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            got.put(scores.name(i), scores.score(i));
        }
        assertThat(got).isEqualTo(c.want());
    }

    static Stream<Pod> invalidPreferred() {
        return Stream.of(
                pod("p").preferAffinity(weighted(8, term("region", req("security", "In", "{{.bad-value.}}")))).obj(),
                pod("p").preferAnti(weighted(5, term("az", req("security", "In", "{{.bad-value.}}")))).obj());
    }

    @ParameterizedTest
    @MethodSource("invalidPreferred")
    void invalidPreferredTermsFailPreScore(Pod bad) {
        // upstream "invalid Affinity fails PreScore" / "invalid AntiAffinity fails PreScore"
        Snapshot snapshot = Fixtures.snapshot(List.of(node("node1", "region", "China"), node("node2", "region", "China")), List.of());
        Status s = new InterPodAffinity(Map.of(), Fixtures.handle(snapshot)).preScore(new CycleState(), PodInfo.of(bad), snapshot.nodeInfos());
        assertThat(s.code()).isEqualTo(Status.Code.ERROR);
        assertThat(s.message()).startsWith("failed to parse pod: preferred").contains("Invalid value: \"{{.bad-value.}}\"");
    }

    @Test
    void rejectsHardPodAffinityWeightOutOfRange() {
        Snapshot s = Fixtures.snapshot(List.of(), List.of());
        assertThatThrownBy(() -> new InterPodAffinity(Map.of("hardPodAffinityWeight", 101), Fixtures.handle(s)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hardPodAffinityWeight: Invalid value: 101: not in valid range [0-100]");
    }

    @Test
    void registersUpstreamEvents() {
        InterPodAffinity p = new InterPodAffinity(Map.of(), Fixtures.handle(Fixtures.snapshot(List.of(), List.of())));
        assertThat(p.eventsToRegister()).containsExactly(
                ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.ADD | ClusterEvent.UPDATE_POD_LABEL | ClusterEvent.DELETE),
                ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_LABEL));
    }
}
