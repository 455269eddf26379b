package io.kubeboot.scheduler.plugins.noderesources;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.plugins.InTreePlugins;
import io.kubeboot.scheduler.plugins.podtopologyspread.DefaultSelectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.makeNode;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Upstream 1.32 {@code balanced_allocation_test.go} (TestNodeResourcesBalancedAllocation); 1.32 still
 * scores best-effort pods (the PreScore skip for them came later).
 */
class NodeResourcesBalancedAllocationTest {
    private static final List<ResourceSpec> WITH_GPU = List.of(
            new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1), new ResourceSpec("nvidia.com/gpu", 1));

    private static TestObjects.PodMaker cpuAndMemory() {
        return pod().req("cpu", "1000m", "memory", "2000").req("cpu", "2000m", "memory", "3000");
    }

    private static TestObjects.PodMaker cpuOnly() {
        return pod().req("cpu", "1000m", "memory", "0").req("cpu", "2000m", "memory", "0");
    }

    private static TestObjects.PodMaker cpuAndMemoryAndGpu() {
        return pod().req("cpu", "1000m", "memory", "2000").req("cpu", "2000m", "memory", "3000", "nvidia.com/gpu", "3");
    }

    static Stream<Arguments> scores() {
        List<Pod> scheduled = List.of(cpuOnly().node("node1").obj(), cpuAndMemory().node("node2").obj());
        Map<String, Long> gpu = Map.of("nvidia.com/gpu", 8L);
        return Stream.of(
                // nothing requested anywhere: both fractions 0, std 0
                Arguments.of("nothing scheduled, nothing requested", pod().obj(),
                        List.of(makeNode("node1", 4000, 10000, null), makeNode("node2", 4000, 10000, null)), List.of(),
                        ResourceSpec.DEFAULTS, true, List.of(100L, 100L)),
                // node1: cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5, std 0.125 -> 87; node2: 0.5, 0.5 -> 100
                Arguments.of("nothing scheduled, resources requested, differently sized nodes", cpuAndMemory().obj(),
                        List.of(makeNode("node1", 4000, 10000, null), makeNode("node2", 6000, 10000, null)), List.of(),
                        ResourceSpec.DEFAULTS, true, List.of(87L, 100L)),
                // node1: 0.6, 0.25, std 0.175 -> 82; node2: 0.6, 0.5, std 0.05 -> 95
                Arguments.of("resources requested, pods scheduled with resources", cpuAndMemory().obj(),
                        List.of(makeNode("node1", 10000, 20000, null), makeNode("node2", 10000, 20000, null)), scheduled,
                        ResourceSpec.DEFAULTS, true, List.of(82L, 95L)),
                Arguments.of("resources requested, pods scheduled with resources, differently sized nodes", cpuAndMemory().obj(),
                        List.of(makeNode("node1", 10000, 20000, null), makeNode("node2", 10000, 50000, null)), scheduled,
                        ResourceSpec.DEFAULTS, true, List.of(82L, 80L)),
                // node1: cpu 1, memory 0, std 0.5 -> 50; node2: 1, 0.5, std 0.25 -> 75
                Arguments.of("requested resources at node capacity", cpuOnly().obj(),
                        List.of(makeNode("node1", 6000, 10000, null), makeNode("node2", 6000, 10000, null)), scheduled,
                        ResourceSpec.DEFAULTS, true, List.of(50L, 75L)),
                // node1: cpu 0.857, memory 0.125, gpu 4/8 -> std 0.3 -> 70; node2: gpu 1/8 -> std 0.345 -> 65
                Arguments.of("include scalar resource on a node for balanced resource allocation",
                        pod().req("memory", "0", "nvidia.com/gpu", "1").obj(),
                        List.of(makeNode("node1", 3500, 40000, gpu), makeNode("node2", 3500, 40000, gpu)),
                        List.of(cpuAndMemory().node("node2").obj(), cpuAndMemoryAndGpu().node("node1").obj()),
                        WITH_GPU, true, List.of(70L, 65L)),
                // the pod does not request the gpu, so neither node counts it: std (0.857 - 0.125) / 2 -> 63
                Arguments.of("node without the scalar resource should skip the scalar resource", cpuAndMemory().obj(),
                        List.of(makeNode("node1", 3500, 40000, gpu), makeNode("node2", 3500, 40000, null)), List.of(),
                        WITH_GPU, true, List.of(63L, 63L)),
                Arguments.of("resources requested, pods scheduled with resources if PreScore not called", cpuAndMemory().obj(),
                        List.of(makeNode("node1", 10000, 20000, null), makeNode("node2", 10000, 20000, null)), scheduled,
                        ResourceSpec.DEFAULTS, false, List.of(82L, 95L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void scores(String name, Pod pod, List<Node> nodes, List<Pod> existing, List<ResourceSpec> resources, boolean runPreScore,
                List<Long> want) {
        NodeResourcesBalancedAllocation p = new NodeResourcesBalancedAllocation(new NodeResourcesBalancedAllocationArgs(resources));
        assertThat(TestObjects.scores(p, pod, nodes, existing, runPreScore)).isEqualTo(want);
    }

    /** Plain requests, not the non-zero defaults: request-less pods leave the node's balance as it is. */
    @Test
    void requestLessContainersCountNothing() {
        NodeResourcesBalancedAllocation p = new NodeResourcesBalancedAllocation(Map.of(), null);
        List<Long> got = TestObjects.scores(p, pod().container().obj(),
                List.of(makeNode("node1", 1000, 1000L * 1024 * 1024 * 1024, null)), List.of(pod().node("node1").container().obj()), true);
        assertThat(got).containsExactly(100L);
    }

    static Stream<Arguments> invalidArgs() {
        return Stream.of(
                Arguments.of(Map.of("resources", List.of(Map.of("name", "cpu", "weight", 2), Map.of("name", "memory", "weight", 1))),
                        "resources[0].weight: Invalid value: 2: must be 1"),
                Arguments.of(Map.of("resources", List.of(Map.of("name", "cpu", "weight", 1), Map.of("name", "cpu", "weight", 1))),
                        "resources[1].name: Duplicate value: \"cpu\""),
                Arguments.of(Map.of("resources", List.of(Map.of("name", "cpu", "weight", 3), Map.of("name", "cpu"))),
                        "[resources[0].weight: Invalid value: 3: must be 1, resources[1].name: Duplicate value: \"cpu\"]"),
                Arguments.of(Map.of("resource", List.of()), "strict decoding error: unknown field \"resource\""));
    }

    /** TestValidateNodeResourcesBalancedAllocationArgs, through the registered factory. */
    @ParameterizedTest
    @MethodSource
    void invalidArgs(Map<String, Object> args, String message) {
        assertThatThrownBy(() -> InTreePlugins.registry(DefaultSelectors.NONE).get(NodeResourcesBalancedAllocation.NAME).create(args, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void argsDefaultToCpuAndMemory() {
        assertThat(NodeResourcesBalancedAllocationArgs.fromMap(Map.of()).resources()).isEqualTo(ResourceSpec.DEFAULTS);
        assertThat(NodeResourcesBalancedAllocationArgs.fromMap(Map.of("resources", List.of(Map.of("name", "nvidia.com/gpu")))).resources())
                .containsExactly(new ResourceSpec("nvidia.com/gpu", 1));
    }
}
