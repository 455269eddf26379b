package io.kubeboot.scheduler.plugins.noderesources;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.plugins.noderesources.NodeResourcesFitArgs.ShapePoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.makeNode;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.node;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream 1.32 {@code requested_to_capacity_ratio_test.go}: TestRequestedToCapacityRatioScoringStrategy,
 * TestBrokenLinearFunction, TestResourceBinPackingSingleExtended and ...MultipleExtended. As upstream,
 * Score runs without PreScore here (the fallback path).
 */
class RequestedToCapacityRatioScoringStrategyTest {
    private static final long MI = 1024L * 1024;

    private static NodeResourcesFitArgs args(List<ResourceSpec> resources, ShapePoint... shape) {
        return new NodeResourcesFitArgs(List.of(), List.of(), new NodeResourcesFitArgs.ScoringStrategy(
                NodeResourcesFitArgs.REQUESTED_TO_CAPACITY_RATIO, resources, List.of(shape)));
    }

    static Stream<Arguments> leastRequestedShape() {
        List<Node> nodes44 = List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "4000", "memory", "10000"));
        List<Node> nodes46 = List.of(node("node1", "cpu", "4000", "memory", "10000"), node("node2", "cpu", "6000", "memory", "10000"));
        return Stream.of(
                Arguments.of("nothing scheduled, nothing requested (default - least requested nodes have priority)", pod().obj(),
                        nodes44, List.of(pod().node("node1").obj(), pod().node("node1").obj()), List.of(100L, 100L)),
                // node1: cpu 75% -> 25, memory 50% -> 50, round(37.5) = 38
                Arguments.of("nothing scheduled, resources requested, differently sized nodes (default - least requested nodes have priority)",
                        pod().req("cpu", "1000", "memory", "2000").req("cpu", "2000", "memory", "3000").obj(),
                        nodes46, List.of(pod().node("node1").obj(), pod().node("node1").obj()), List.of(38L, 50L)),
                Arguments.of("no resources requested, pods scheduled with resources (default - least requested nodes have priority)",
                        pod().obj(), nodes46,
                        List.of(pod().node("node1").req("cpu", "3000", "memory", "5000").obj(),
                                pod().node("node2").req("cpu", "3000", "memory", "5000").obj()),
                        List.of(38L, 50L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void leastRequestedShape(String name, Pod pod, List<Node> nodes, List<Pod> existing, List<Long> want) {
        NodeResourcesFit p = new NodeResourcesFit(args(ResourceSpec.DEFAULTS, new ShapePoint(0, 10), new ShapePoint(100, 0)));
        assertThat(TestObjects.scores(p, pod, nodes, existing, false)).isEqualTo(want);
    }

    static Stream<Arguments> brokenLinearFunction() {
        return Stream.of(
                Arguments.of(List.of(pt(10, 1), pt(90, 9)), new long[][]{
                        {-10, 1}, {0, 1}, {9, 1}, {10, 1}, {15, 1}, {19, 1}, {20, 2}, {89, 8}, {90, 9}, {99, 9}, {100, 9}, {110, 9}}),
                Arguments.of(List.of(pt(0, 2), pt(40, 10), pt(100, 0)), new long[][]{
                        {-10, 2}, {0, 2}, {20, 6}, {30, 8}, {40, 10}, {70, 5}, {100, 0}, {110, 0}}),
                Arguments.of(List.of(pt(0, 2), pt(40, 2), pt(100, 2)), new long[][]{
                        {-10, 2}, {0, 2}, {20, 2}, {30, 2}, {40, 2}, {70, 2}, {100, 2}, {110, 2}}));
    }

    private static BrokenLinearFunction.Point pt(long utilization, long score) {
        return new BrokenLinearFunction.Point(utilization, score);
    }

    @ParameterizedTest
    @MethodSource
    void brokenLinearFunction(List<BrokenLinearFunction.Point> points, long[][] assertions) {
        BrokenLinearFunction f = new BrokenLinearFunction(points);
        for (long[] a : assertions) {
            assertThat(f.apply(a[0])).as("p=%d", a[0]).isEqualTo(a[1]);
        }
    }

    static Stream<Arguments> binPackingSingleExtended() {
        List<Node> nodes = List.of(makeNode("node1", 4000, 10000 * MI, Map.of("intel.com/foo", 8L)),
                makeNode("node2", 4000, 10000 * MI, Map.of("intel.com/foo", 4L)));
        return Stream.of(
                // the pod does not request the extended resource, so nothing takes part
                Arguments.of("nothing scheduled, nothing requested", pod().obj(), nodes, List.of(), List.of(0L, 0L)),
                // node1: 2/8 = 25% -> 2; node2: 2/4 = 50% -> 5
                Arguments.of("resources requested, pods scheduled with less resources", pod().req("intel.com/foo", "2").obj(), nodes,
                        List.of(pod().obj()), List.of(2L, 5L)),
                // node2: (2+2)/4 = 100% -> 10
                Arguments.of("resources requested, pods scheduled with resources, on node with existing pod running",
                        pod().req("intel.com/foo", "2").obj(), nodes,
                        List.of(pod().req("intel.com/foo", "2").node("node2").obj()), List.of(2L, 10L)),
                Arguments.of("resources requested, pods scheduled with more resources", pod().req("intel.com/foo", "4").obj(), nodes,
                        List.of(pod().obj()), List.of(5L, 10L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void binPackingSingleExtended(String name, Pod pod, List<Node> nodes, List<Pod> existing, List<Long> want) {
        NodeResourcesFit p = new NodeResourcesFit(args(List.of(new ResourceSpec("intel.com/foo", 1)),
                new ShapePoint(0, 0), new ShapePoint(100, 1)));
        assertThat(TestObjects.scores(p, pod, nodes, existing, false)).isEqualTo(want);
    }

    static Stream<Arguments> binPackingMultipleExtended() {
        List<Node> nodes = List.of(makeNode("node1", 4000, 10000 * MI, Map.of("intel.com/foo", 8L, "intel.com/bar", 4L)),
                makeNode("node2", 4000, 10000 * MI, Map.of("intel.com/foo", 4L, "intel.com/bar", 8L)));
        return Stream.of(
                Arguments.of("nothing scheduled, nothing requested", pod().obj(), nodes, List.of(), List.of(0L, 0L)),
                // node1: foo 25% -> 2, bar 50% -> 5, round((2*3 + 5*5) / 8) = 4; node2: round((5*3 + 2*5) / 8) = 3
                Arguments.of("resources requested, pods scheduled with less resources",
                        pod().req("intel.com/foo", "2", "intel.com/bar", "2").obj(), nodes, List.of(pod().obj()), List.of(4L, 3L)),
                // node2: foo (2+2)/4 -> 10, bar (2+2)/8 -> 5, round((10*3 + 5*5) / 8) = 7
                Arguments.of("resources requested, pods scheduled with resources, on node with existing pod running",
                        pod().req("intel.com/foo", "2", "intel.com/bar", "2").obj(), nodes,
                        List.of(pod().req("intel.com/foo", "4", "intel.com/bar", "2").node("node2").obj()), List.of(4L, 7L)),
                Arguments.of("resources requested, pods scheduled with more resources",
                        pod().req("intel.com/foo", "4", "intel.com/bar", "2").obj(), nodes, List.of(pod().obj()), List.of(5L, 5L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void binPackingMultipleExtended(String name, Pod pod, List<Node> nodes, List<Pod> existing, List<Long> want) {
        NodeResourcesFit p = new NodeResourcesFit(args(List.of(new ResourceSpec("intel.com/foo", 3), new ResourceSpec("intel.com/bar", 5)),
                new ShapePoint(0, 0), new ShapePoint(100, 1)));
        assertThat(TestObjects.scores(p, pod, nodes, existing, false)).isEqualTo(want);
    }
}
