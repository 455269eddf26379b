package io.kubeboot.scheduler.plugins.noderesources;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.noderesources.ScoringStrategyArgsTest.EXTENDED_RES;
import static io.kubeboot.scheduler.plugins.noderesources.ScoringStrategyArgsTest.EXTENDED_RESOURCE_SET;
import static io.kubeboot.scheduler.plugins.noderesources.ScoringStrategyArgsTest.args;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.node;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

/** Upstream 1.32 {@code least_allocated_test.go} (TestLeastAllocatedScoringStrategy). */
class LeastAllocatedScoringStrategyTest {
    static Stream<Arguments> scores() {
        Pod twoContainers = pod().req("cpu", "1000", "memory", "2000").req("cpu", "2000", "memory", "3000").obj();
        return Stream.of(
                // cpu and memory all free on both nodes: (100 + 100) / 2
                Arguments.of("nothing scheduled, nothing requested", pod().obj(),
                        List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "4000", "memory", "10000")),
                        List.of(), ResourceSpec.DEFAULTS, List.of(100L, 100L)),
                // node1: cpu (4000-3000)*100/4000 = 25, memory 50 -> 37; node2: 50, 50 -> 50
                Arguments.of("nothing scheduled, resources requested, differently sized nodes", twoContainers,
                        List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "6000", "memory", "10000")),
                        List.of(), ResourceSpec.DEFAULTS, List.of(37L, 50L)),
                // pods without containers request nothing, not even the non-zero defaults
                Arguments.of("no resources requested, pods scheduled", pod().obj(),
                        List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "4000", "memory", "10000")),
                        List.of(pod().node("node1").obj(), pod().node("node1").obj(), pod().node("node2").obj(), pod().node("node2").obj()),
                        ResourceSpec.DEFAULTS, List.of(100L, 100L)),
                // node1: cpu 40, memory 100 -> 70; node2: cpu 40, memory 75 -> 57
                Arguments.of("no resources requested, pods scheduled with resources", pod().obj(),
                        List.of(node("node1", "cpu", "10000", "memory", "20000"), node("node2", "cpu", "10000", "memory", "20000")),
                        List.of(pod().node("node1").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node1").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node2").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node2").req("cpu", "3000", "memory", "5000").obj()),
                        ResourceSpec.DEFAULTS, List.of(70L, 57L)),
                Arguments.of("resources requested, pods scheduled with resources", twoContainers,
                        List.of(node("node1", "cpu", "10000", "memory", "20000"), node("node2", "cpu", "10000", "memory", "20000")),
                        List.of(pod().node("node1").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node2").req("cpu", "3000", "memory", "5000").obj()),
                        ResourceSpec.DEFAULTS, List.of(57L, 45L)),
                Arguments.of("resources requested, pods scheduled with resources, differently sized nodes", twoContainers,
                        List.of(node("node1", "cpu", "10000", "memory", "20000"), node("node2", "cpu", "10000", "memory", "50000")),
                        List.of(pod().node("node1").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node2").req("cpu", "3000", "memory", "5000").obj()),
                        ResourceSpec.DEFAULTS, List.of(57L, 60L)),
                // cpu over capacity scores 0; an explicit memory request of 0 stays 0
                Arguments.of("requested resources exceed node capacity", pod().req("cpu", "3000", "memory", "0").obj(),
                        List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "4000", "memory", "10000")),
                        List.of(pod().node("node1").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node2").req("cpu", "3000", "memory", "5000").obj()),
                        ResourceSpec.DEFAULTS, List.of(50L, 25L)),
                Arguments.of("zero node resources, pods scheduled with resources", pod().obj(),
                        List.of(node("node1"), node("node2")),
                        List.of(pod().node("node1").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node2").req("cpu", "3000", "memory", "5000").obj()),
                        ResourceSpec.DEFAULTS, List.of(0L, 0L)),
                // node1: (25 * 1 + 50 * 2) / 3 = 41
                Arguments.of("nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes",
                        twoContainers,
                        List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "6000", "memory", "10000")),
                        List.of(), List.of(new ResourceSpec("memory", 2), new ResourceSpec("cpu", 1)), List.of(41L, 50L)),
                Arguments.of("bypass extended resource if the pod does not request", twoContainers,
                        List.of(node("node1", "cpu", "6000", "memory", "10000"),
                                node("node2", "cpu", "6000", "memory", "10000", EXTENDED_RES, "4")),
                        List.of(), EXTENDED_RESOURCE_SET, List.of(50L, 50L)),
                // extended: node1 (4-2)/4 = 50, node2 (10-2)/10 = 80 -> (50+50+80)/3 = 60
                Arguments.of("honor extended resource if the pod requests",
                        pod().req("cpu", "3000", "memory", "5000", EXTENDED_RES, "2").obj(),
                        List.of(node("node1", "cpu", "6000", "memory", "10000", EXTENDED_RES, "4"),
                                node("node2", "cpu", "6000", "memory", "10000", EXTENDED_RES, "10")),
                        List.of(), EXTENDED_RESOURCE_SET, List.of(50L, 60L)),
                Arguments.of("if the node doesn't have a resource", pod().req("cpu", "3000", "memory", "4000").obj(),
                        List.of(node("node1", "cpu", "6000", "memory", "10000"),
                                node("node2", "cpu", "6000", "memory", "10000", EXTENDED_RES, "4")),
                        List.of(), List.of(new ResourceSpec(EXTENDED_RES, 2), new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1)),
                        List.of(55L, 55L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void scores(String name, Pod pod, List<Node> nodes, List<Pod> existing, List<ResourceSpec> resources, List<Long> want) {
        NodeResourcesFit p = new NodeResourcesFit(args(NodeResourcesFitArgs.LEAST_ALLOCATED, resources));
        assertThat(TestObjects.scores(p, pod, nodes, existing, true)).isEqualTo(want);
    }
}
