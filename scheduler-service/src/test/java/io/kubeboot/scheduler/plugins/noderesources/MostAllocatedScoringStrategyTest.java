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

/** Upstream 1.32 {@code most_allocated_test.go} (TestMostAllocatedScoringStrategy). */
class MostAllocatedScoringStrategyTest {

    static Stream<Arguments> scores() {
        Pod twoContainers = pod().req("cpu", "1000", "memory", "2000").req("cpu", "2000", "memory", "3000").obj();
        return Stream.of(
                Arguments.of("nothing scheduled, nothing requested", pod().obj(),
                        List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "4000", "memory", "10000")),
                        List.of(), ResourceSpec.DEFAULTS, List.of(0L, 0L)),
                // node1: cpu 3000*100/4000 = 75, memory 50 -> 62; node2: 50, 50 -> 50
                Arguments.of("nothing scheduled, resources requested, differently sized nodes", twoContainers,
                        List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "6000", "memory", "10000")),
                        List.of(), ResourceSpec.DEFAULTS, List.of(62L, 50L)),
                Arguments.of("no resources requested, pods scheduled with resources", pod().obj(),
                        List.of(node("node1", "cpu", "10000", "memory", "20000"), node("node2", "cpu", "10000", "memory", "20000")),
                        List.of(pod().node("node1").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node1").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node2").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node2").req("cpu", "3000", "memory", "5000").obj()),
                        ResourceSpec.DEFAULTS, List.of(30L, 42L)),
                Arguments.of("resources requested, pods scheduled with resources", twoContainers,
                        List.of(node("node1", "cpu", "10000", "memory", "20000"), node("node2", "cpu", "10000", "memory", "20000")),
                        List.of(pod().node("node1").req("cpu", "3000", "memory", "0").obj(),
                                pod().node("node2").req("cpu", "3000", "memory", "5000").obj()),
                        ResourceSpec.DEFAULTS, List.of(42L, 55L)),
                Arguments.of("resources requested equal node capacity",
                        pod().req("cpu", "2000", "memory", "4000").req("cpu", "3000", "memory", "5000").obj(),
                        List.of(node("node1", "cpu", "5000", "memory", "10000"), node("node2", "cpu", "10000", "memory", "9000")),
                        List.of(), ResourceSpec.DEFAULTS, List.of(95L, 75L)),
                // node1: (75 * 1 + 50 * 2) / 3 = 58
                Arguments.of("nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes",
                        twoContainers,
                        List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "6000", "memory", "10000")),
                        List.of(), List.of(new ResourceSpec("memory", 2), new ResourceSpec("cpu", 1)), List.of(58L, 50L)),
                // request-less containers count 100m and 200Mi: node1 cpu 300m of 250m (capped, 100), memory 600Mi of 1000Mi (60)
                Arguments.of("no resources requested, pods scheduled, nonzero request for resource", pod().container().obj(),
                        List.of(node("node1", "cpu", "250m", "memory", "1000Mi"), node("node2", "cpu", "250m", "memory", "1000Mi")),
                        List.of(pod().node("node1").container().obj(), pod().node("node1").container().obj()),
                        ResourceSpec.DEFAULTS, List.of(80L, 30L)),
                Arguments.of("bypass extended resource if the pod does not request", twoContainers,
                        List.of(node("node1", "cpu", "6000", "memory", "10000"),
                                node("node2", "cpu", "6000", "memory", "10000", EXTENDED_RES, "4")),
                        List.of(), EXTENDED_RESOURCE_SET, List.of(50L, 50L)),
                // extended: node1 2/4 = 50, node2 2/10 = 20 -> (50+50+20)/3 = 40
                Arguments.of("honor extended resource if the pod request",
                        pod().req("cpu", "3000", "memory", "5000", EXTENDED_RES, "2").obj(),
                        List.of(node("node1", "cpu", "6000", "memory", "10000", EXTENDED_RES, "4"),
                                node("node2", "cpu", "6000", "memory", "10000", EXTENDED_RES, "10")),
                        List.of(), EXTENDED_RESOURCE_SET, List.of(50L, 40L)),
                Arguments.of("if the node doesn't have a resource", pod().req("cpu", "3000", "memory", "4000").obj(),
                        List.of(node("node1", "cpu", "6000", "memory", "10000"),
                                node("node2", "cpu", "6000", "memory", "10000", EXTENDED_RES, "4")),
                        List.of(), List.of(new ResourceSpec(EXTENDED_RES, 2), new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1)),
                        List.of(45L, 45L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void scores(String name, Pod pod, List<Node> nodes, List<Pod> existing, List<ResourceSpec> resources, List<Long> want) {
        NodeResourcesFit p = new NodeResourcesFit(args(NodeResourcesFitArgs.MOST_ALLOCATED, resources));
        assertThat(TestObjects.scores(p, pod, nodes, existing, true)).isEqualTo(want);
    }
}
