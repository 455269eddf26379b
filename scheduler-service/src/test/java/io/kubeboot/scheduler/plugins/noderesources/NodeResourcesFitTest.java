package io.kubeboot.scheduler.plugins.noderesources;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.plugins.InTreePlugins;
import io.kubeboot.scheduler.plugins.noderesources.TestObjects.Usage;
import io.kubeboot.scheduler.plugins.podtopologyspread.DefaultSelectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.EXTENDED_A;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.EXTENDED_B;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.HUGE_PAGE_A;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.KUBERNETES_IO_A;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.KUBERNETES_IO_B;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.allocatable;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.allocatableNode;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.node;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.pod;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.resourcePod;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.withInit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream 1.32 {@code fit_test.go}: TestEnoughRequests, TestPreFilterDisabled, TestNotEnoughRequests,
 * TestStorageRequests, TestRestartableInitContainers (sidecars on, the 1.32 default), TestFitScore and
 * TestEventsToRegister.
 */
class NodeResourcesFitTest {

    private static InsufficientResource ir(String name, long requested, long used, long capacity) {
        String reason = name.equals("pods") ? "Too many pods" : "Insufficient " + name;
        return new InsufficientResource(name, reason, requested, used, capacity);
    }

    private static Arguments enough(String name, TestObjects.PodMaker pod, Usage existing, NodeResourcesFitArgs args,
                                    InsufficientResource... want) {
        return Arguments.of(name, pod.obj(), resourcePod(existing).name("existing").obj(), args, List.of(want));
    }

    private static Arguments enough(String name, TestObjects.PodMaker pod, Usage existing, InsufficientResource... want) {
        return enough(name, pod, existing, NodeResourcesFitArgs.defaults(), want);
    }

    private static NodeResourcesFitArgs ignoring(List<String> resources, List<String> groups) {
        NodeResourcesFitArgs d = NodeResourcesFitArgs.defaults();
        return new NodeResourcesFitArgs(resources, groups, d.scoringStrategy());
    }

    static Stream<Arguments> enoughRequests() {
        Usage none = Usage.none();
        return Stream.of(
                enough("no resources requested always fits", pod(), Usage.of(10, 20)),
                enough("too many resources fails", resourcePod(Usage.of(1, 1)), Usage.of(10, 20),
                        ir("cpu", 1, 10, 10), ir("memory", 1, 20, 20)),
                enough("too many resources fails due to init container cpu",
                        withInit(resourcePod(Usage.of(1, 1)), Usage.of(3, 1)), Usage.of(8, 19), ir("cpu", 3, 8, 10)),
                enough("too many resources fails due to highest init container cpu",
                        withInit(resourcePod(Usage.of(1, 1)), Usage.of(3, 1), Usage.of(2, 1)), Usage.of(8, 19), ir("cpu", 3, 8, 10)),
                enough("too many resources fails due to init container memory",
                        withInit(resourcePod(Usage.of(1, 1)), Usage.of(1, 3)), Usage.of(9, 19), ir("memory", 3, 19, 20)),
                enough("too many resources fails due to highest init container memory",
                        withInit(resourcePod(Usage.of(1, 1)), Usage.of(1, 3), Usage.of(1, 2)), Usage.of(9, 19), ir("memory", 3, 19, 20)),
                enough("init container fits because it's the max, not sum, of containers and init containers",
                        withInit(resourcePod(Usage.of(1, 1)), Usage.of(1, 1)), Usage.of(9, 19)),
                enough("multiple init containers fit because it's the max, not sum, of containers and init containers",
                        withInit(resourcePod(Usage.of(1, 1)), Usage.of(1, 1), Usage.of(1, 1)), Usage.of(9, 19)),
                enough("both resources fit", resourcePod(Usage.of(1, 1)), Usage.of(5, 5)),
                enough("one resource memory fits", resourcePod(Usage.of(2, 1)), Usage.of(9, 5), ir("cpu", 2, 9, 10)),
                enough("one resource cpu fits", resourcePod(Usage.of(1, 2)), Usage.of(5, 19), ir("memory", 2, 19, 20)),
                enough("equal edge case", resourcePod(Usage.of(5, 1)), Usage.of(5, 19)),
                enough("equal edge case for init container", withInit(resourcePod(Usage.of(4, 1)), Usage.of(5, 1)), Usage.of(5, 19)),
                enough("extended resource fits", resourcePod(Usage.of(0, 0, EXTENDED_A, 1)), none),
                enough("extended resource fits for init container", withInit(resourcePod(none), Usage.of(0, 0, EXTENDED_A, 1)), none),
                // 10 exceeds even the empty node's 5, yet 1.32 answers Unschedulable (Unresolvable came in 1.34)
                enough("extended resource capacity enforced", resourcePod(Usage.of(1, 1, EXTENDED_A, 10)),
                        Usage.of(0, 0, EXTENDED_A, 0), ir(EXTENDED_A, 10, 0, 5)),
                enough("extended resource capacity enforced for init container",
                        withInit(resourcePod(none), Usage.of(1, 1, EXTENDED_A, 10)), Usage.of(0, 0, EXTENDED_A, 0), ir(EXTENDED_A, 10, 0, 5)),
                enough("extended resource allocatable enforced", resourcePod(Usage.of(1, 1, EXTENDED_A, 1)),
                        Usage.of(0, 0, EXTENDED_A, 5), ir(EXTENDED_A, 1, 5, 5)),
                enough("extended resource allocatable enforced for init container",
                        withInit(resourcePod(none), Usage.of(1, 1, EXTENDED_A, 1)), Usage.of(0, 0, EXTENDED_A, 5), ir(EXTENDED_A, 1, 5, 5)),
                enough("extended resource allocatable enforced for multiple containers",
                        resourcePod(Usage.of(1, 1, EXTENDED_A, 3), Usage.of(1, 1, EXTENDED_A, 3)), Usage.of(0, 0, EXTENDED_A, 2),
                        ir(EXTENDED_A, 6, 2, 5)),
                enough("extended resource allocatable admits multiple init containers",
                        withInit(resourcePod(none), Usage.of(1, 1, EXTENDED_A, 3), Usage.of(1, 1, EXTENDED_A, 3)), Usage.of(0, 0, EXTENDED_A, 2)),
                enough("extended resource allocatable enforced for multiple init containers",
                        withInit(resourcePod(none), Usage.of(1, 1, EXTENDED_A, 6), Usage.of(1, 1, EXTENDED_A, 3)), Usage.of(0, 0, EXTENDED_A, 2),
                        ir(EXTENDED_A, 6, 2, 5)),
                enough("extended resource allocatable enforced for unknown resource", resourcePod(Usage.of(1, 1, EXTENDED_B, 1)),
                        none, ir(EXTENDED_B, 1, 0, 0)),
                enough("extended resource allocatable enforced for unknown resource for init container",
                        withInit(resourcePod(none), Usage.of(1, 1, EXTENDED_B, 1)), none, ir(EXTENDED_B, 1, 0, 0)),
                enough("kubernetes.io resource capacity enforced", resourcePod(Usage.of(1, 1, KUBERNETES_IO_A, 10)),
                        none, ir(KUBERNETES_IO_A, 10, 0, 0)),
                enough("kubernetes.io resource capacity enforced for init container",
                        withInit(resourcePod(none), Usage.of(1, 1, KUBERNETES_IO_B, 10)), none, ir(KUBERNETES_IO_B, 10, 0, 0)),
                enough("hugepages resource capacity enforced", resourcePod(Usage.of(1, 1, HUGE_PAGE_A, 10)),
                        Usage.of(0, 0, HUGE_PAGE_A, 0), ir(HUGE_PAGE_A, 10, 0, 5)),
                enough("hugepages resource capacity enforced for init container",
                        withInit(resourcePod(none), Usage.of(1, 1, HUGE_PAGE_A, 10)), Usage.of(0, 0, HUGE_PAGE_A, 0), ir(HUGE_PAGE_A, 10, 0, 5)),
                enough("hugepages resource allocatable enforced for multiple containers",
                        resourcePod(Usage.of(1, 1, HUGE_PAGE_A, 3), Usage.of(1, 1, HUGE_PAGE_A, 3)), Usage.of(0, 0, HUGE_PAGE_A, 2),
                        ir(HUGE_PAGE_A, 6, 2, 5)),
                enough("skip checking ignored extended resource", resourcePod(Usage.of(1, 1, EXTENDED_B, 1)), none,
                        ignoring(List.of("example.com/bbb"), List.of())),
                enough("resources + pod overhead fits", resourcePod(Usage.of(1, 1)).overhead("cpu", "3m", "memory", "13"), Usage.of(5, 5)),
                enough("requests + overhead does not fit for memory", resourcePod(Usage.of(1, 1)).overhead("cpu", "1m", "memory", "15"),
                        Usage.of(5, 5), ir("memory", 16, 5, 20)),
                enough("skip checking ignored extended resource via resource groups",
                        resourcePod(new Usage(1, 1, 0, Map.of(EXTENDED_B, 1L, KUBERNETES_IO_A, 1L))), none,
                        ignoring(List.of(), List.of("example.com")), ir(KUBERNETES_IO_A, 1, 0, 0)),
                enough("skip checking extended resource request with quantity zero via resource groups",
                        resourcePod(Usage.of(1, 1, EXTENDED_A, 0)), Usage.of(0, 0, EXTENDED_A, 6)),
                enough("skip checking resource request with quantity zero", resourcePod(Usage.of(0, 0, EXTENDED_A, 1)),
                        Usage.of(20, 30, EXTENDED_A, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void enoughRequests(String name, Pod pod, Pod existing, NodeResourcesFitArgs args, List<InsufficientResource> want) {
        NodeInfo node = NodeInfo.of(allocatableNode("node", allocatable(10, 20, 32, 5, 20, 5)), existing);
        NodeResourcesFit p = new NodeResourcesFit(args);
        CycleState state = new CycleState();
        PodInfo podInfo = PodInfo.of(pod);
        assertThat(p.preFilter(state, podInfo, List.of(node)).status().isSuccess()).isTrue();

        Status got = p.filter(state, podInfo, node);

        Status wantStatus = want.isEmpty() ? Status.success()
                : Status.unschedulable(want.stream().map(InsufficientResource::reason).toArray(String[]::new));
        assertThat(got).isEqualTo(wantStatus);
        assertThat(ResourceFit.insufficient(podInfo.requests(), node, Set.copyOf(args.ignoredResources()), Set.copyOf(args.ignoredResourceGroups())))
                .isEqualTo(want);
    }

    /** TestPreFilterDisabled: Filter without PreFilter's state is an internal error. */
    @Test
    void filterWithoutPreFilterIsAnError() {
        NodeInfo node = NodeInfo.of(allocatableNode("node", Map.of()));
        Status got = new NodeResourcesFit(NodeResourcesFitArgs.defaults()).filter(new CycleState(), PodInfo.of(pod().obj()), node);
        assertThat(got).isEqualTo(Status.error("error reading \"PreFilterNodeResourcesFit\" from cycleState: not found"));
    }

    static Stream<Arguments> notEnoughRequests() {
        return Stream.of(
                Arguments.of("even without specified resources, predicate fails when there's no space for additional pod",
                        pod().obj(), Usage.of(10, 20)),
                Arguments.of("even if both resources fit, predicate fails when there's no space for additional pod",
                        resourcePod(Usage.of(1, 1)).obj(), Usage.of(5, 5)),
                Arguments.of("even for equal edge case, predicate fails when there's no space for additional pod",
                        resourcePod(Usage.of(5, 1)).obj(), Usage.of(5, 19)),
                Arguments.of("even for equal edge case, predicate fails when there's no space for additional pod due to init container",
                        withInit(resourcePod(Usage.of(5, 1)), Usage.of(5, 1)).obj(), Usage.of(5, 19)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void notEnoughRequests(String name, Pod pod, Usage existing) {
        NodeInfo node = NodeInfo.of(allocatableNode("node", allocatable(10, 20, 1, 0, 0, 0)), resourcePod(existing).obj());
        assertThat(filter(NodeResourcesFitArgs.defaults(), pod, node)).isEqualTo(Status.unschedulable("Too many pods"));
    }

    static Stream<Arguments> storageRequests() {
        return Stream.of(
                Arguments.of("empty storage requested, and pod fits", resourcePod(Usage.of(1, 1)).obj(), Usage.of(2, 10), Status.success()),
                Arguments.of("storage ephemeral local storage request exceeds allocatable", resourcePod(Usage.storage(25)).obj(),
                        Usage.of(2, 2), Status.unschedulable("Insufficient ephemeral-storage")),
                Arguments.of("ephemeral local storage is sufficient", resourcePod(Usage.storage(5)).obj(),
                        new Usage(2, 2, 10, Map.of()), Status.success()),
                Arguments.of("pod fits", resourcePod(Usage.storage(10)).obj(), Usage.of(2, 2), Status.success()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void storageRequests(String name, Pod pod, Usage existing, Status want) {
        NodeInfo node = NodeInfo.of(allocatableNode("node", allocatable(10, 20, 32, 5, 20, 5)), resourcePod(existing).obj());
        assertThat(filter(NodeResourcesFitArgs.defaults(), pod, node)).isEqualTo(want);
    }

    static Stream<Arguments> restartableInitContainers() {
        return Stream.of(
                Arguments.of("allow pod without restartable init containers", pod().container().obj(), Status.success()),
                Arguments.of("allow pod with restartable init containers", pod().container().sidecar().obj(), Status.success()),
                Arguments.of("allow pod if the total requested resources do not exceed the node's allocatable resources",
                        pod().req("cpu", "1m").sidecarReq("cpu", "1m").obj(), Status.success()),
                Arguments.of("not allow pod if the total requested resources do exceed the node's allocatable resources",
                        pod().req("cpu", "1m").sidecarReq("cpu", "2m").obj(), Status.unschedulable("Insufficient cpu")));
    }

    /** Sidecars run next to the app containers, so their requests add up (SidecarContainers is on in 1.32). */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void restartableInitContainers(String name, Pod pod, Status want) {
        NodeInfo node = NodeInfo.of(allocatableNode("node", allocatable(2, 0, 1, 0, 0, 0)));
        assertThat(filter(NodeResourcesFitArgs.defaults(), pod, node)).isEqualTo(want);
    }

    private static Status filter(NodeResourcesFitArgs args, Pod pod, NodeInfo node) {
        NodeResourcesFit p = new NodeResourcesFit(args);
        CycleState state = new CycleState();
        PodInfo podInfo = PodInfo.of(pod);
        assertThat(p.preFilter(state, podInfo, List.of(node)).status().isSuccess()).isTrue();
        return p.filter(state, podInfo, node);
    }

    private static NodeResourcesFitArgs strategy(String type, List<NodeResourcesFitArgs.ShapePoint> shape) {
        return new NodeResourcesFitArgs(List.of(), List.of(),
                new NodeResourcesFitArgs.ScoringStrategy(type, ResourceSpec.DEFAULTS, shape));
    }

    static Stream<Arguments> fitScore() {
        List<Node> nodes46 = List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "6000", "memory", "10000"));
        List<Node> nodes44 = List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "4000", "memory", "10000"));
        List<Pod> existing = List.of(
                pod().node("node1").req("cpu", "2000", "memory", "4000").obj(),
                pod().node("node2").req("cpu", "1000", "memory", "2000").obj());
        List<Pod> existingWithSidecar = List.of(
                pod().node("node1").req("cpu", "1000", "memory", "2000").sidecarReq("cpu", "1000", "memory", "2000").obj(),
                pod().node("node2").req("cpu", "1000", "memory", "2000").obj());
        Pod big = pod().req("cpu", "3000", "memory", "5000").obj();
        Pod small = pod().req("cpu", "1000", "memory", "2000").obj();
        NodeResourcesFitArgs ratioDown = strategy(NodeResourcesFitArgs.REQUESTED_TO_CAPACITY_RATIO,
                List.of(new NodeResourcesFitArgs.ShapePoint(0, 10), new NodeResourcesFitArgs.ShapePoint(100, 0)));
        NodeResourcesFitArgs ratioUp = strategy(NodeResourcesFitArgs.REQUESTED_TO_CAPACITY_RATIO,
                List.of(new NodeResourcesFitArgs.ShapePoint(0, 0), new NodeResourcesFitArgs.ShapePoint(100, 10)));
        NodeResourcesFitArgs most = strategy(NodeResourcesFitArgs.MOST_ALLOCATED, null);
        NodeResourcesFitArgs least = strategy(NodeResourcesFitArgs.LEAST_ALLOCATED, null);
        List<Arguments> cases = new ArrayList<>();
        for (boolean preScore : new boolean[]{true, false}) {
            String suffix = preScore ? "" : " if PreScore is not called";
            cases.add(Arguments.of("test case for ScoringStrategy RequestedToCapacityRatio case1" + suffix, big, nodes46, existing,
                    ratioDown, List.of(10L, 32L), preScore));
            cases.add(Arguments.of("test case for ScoringStrategy MostAllocated" + suffix, small, nodes46, existing,
                    most, List.of(67L, 36L), preScore));
            cases.add(Arguments.of("test case for ScoringStrategy LeastAllocated" + suffix, small, nodes46, existing,
                    least, List.of(32L, 63L), preScore));
        }
        cases.add(Arguments.of("test case for ScoringStrategy RequestedToCapacityRatio case2", big, nodes46, existing,
                ratioUp, List.of(95L, 68L), true));
        cases.add(Arguments.of("test case for ScoringStrategy MostAllocated with sidecar container", small, nodes44, existingWithSidecar,
                most, List.of(67L, 45L), true));
        cases.add(Arguments.of("test case for ScoringStrategy LeastAllocated with sidecar container", small, nodes44, existingWithSidecar,
                least, List.of(32L, 55L), true));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void fitScore(String name, Pod pod, List<Node> nodes, List<Pod> existing, NodeResourcesFitArgs args, List<Long> want,
                  boolean runPreScore) {
        assertThat(TestObjects.scores(new NodeResourcesFit(args), pod, nodes, existing, runPreScore)).isEqualTo(want);
    }

    /** 1.32 without queueing hints: pod deletion; node add, allocatable, taint and label updates. */
    @Test
    void eventsToRegister() {
        assertThat(new NodeResourcesFit(NodeResourcesFitArgs.defaults()).eventsToRegister()).containsExactly(
                ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.DELETE),
                ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_ALLOCATABLE
                        | ClusterEvent.UPDATE_NODE_TAINT | ClusterEvent.UPDATE_NODE_LABEL));
    }

    /** Upstream's exported Fits: the same shortfalls, nothing ignored. */
    @Test
    void fitsIgnoresNothing() {
        NodeInfo node = NodeInfo.of(allocatableNode("node", allocatable(10, 20, 32, 5, 20, 5)));
        PodInfo pod = PodInfo.of(resourcePod(Usage.of(11, 1, EXTENDED_B, 1)).obj());
        assertThat(NodeResourcesFit.fits(pod, node)).containsExactly(ir("cpu", 11, 0, 10), ir(EXTENDED_B, 1, 0, 0));
    }

    @Test
    void factoryDecodesArgs() {
        var plugin = InTreePlugins.registry(DefaultSelectors.NONE).get(NodeResourcesFit.NAME).create(Map.of("ignoredResources", List.of(EXTENDED_B)), null);
        assertThat(plugin.name()).isEqualTo("NodeResourcesFit");
        NodeInfo node = NodeInfo.of(allocatableNode("node", allocatable(10, 20, 32, 5, 20, 5)));
        CycleState state = new CycleState();
        PodInfo pod = PodInfo.of(resourcePod(Usage.of(1, 1, EXTENDED_B, 1)).obj());
        NodeResourcesFit fit = (NodeResourcesFit) plugin;
        fit.preFilter(state, pod, List.of(node));
        assertThat(fit.filter(state, pod, node)).isEqualTo(Status.success());
    }
}
