package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.framework.Status.Code;
import io.kubeboot.scheduler.testing.PodWrapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.framework.Status.Code.SUCCESS;
import static io.kubeboot.scheduler.framework.Status.Code.UNSCHEDULABLE;
import static io.kubeboot.scheduler.framework.Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.BAR;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.DO_NOT_SCHEDULE;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.FOO;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.UNSCHEDULABLE_TAINT;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.node;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filter verdicts per node, ported from upstream's TestSingleConstraint and TestMultipleConstraints
 * (cases that only hold with NodeInclusionPolicy disabled are left out: the feature is always on here).
 */
class PodTopologySpreadFilterTest {

    record Case(String name, Pod pod, List<Node> nodes, List<Pod> existing, Map<String, Code> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Node zoned(String name, String zone) {
        return node(name).label("zone", zone).label("node", name).obj();
    }

    /** node-a, node-b in zone1; node-x, node-y in zone2; each with a "node" label. */
    static List<Node> fourNodes() {
        return List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-x", "zone2"), zoned("node-y", "zone2"));
    }

    static Pod foo(String name, String nodeName) {
        return pod(name).node(nodeName).label("foo", "").obj();
    }

    static Pod bar(String name, String nodeName) {
        return pod(name).node(nodeName).label("bar", "").obj();
    }

    static Pod fooBar(String name, String nodeName) {
        return pod(name).node(nodeName).label("foo", "").label("bar", "").obj();
    }

    static Map<String, Code> want(Object... kv) {
        Map<String, Code> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Code) kv[i + 1]);
        }
        return m;
    }

    static PodWrapper incoming() {
        return pod("p").label("foo", "");
    }

    static Stream<Case> singleConstraint() {
        List<Pod> spread2103 = List.of(foo("p-a1", "node-a"), foo("p-a2", "node-a"), foo("p-b1", "node-b"),
                foo("p-y1", "node-y"), foo("p-y2", "node-y"), foo("p-y3", "node-y"));
        List<Node> nodesABC = List.of(node("node-a").label("node", "node-a").obj(), node("node-b").label("node", "node-b").obj(),
                node("node-c").label("node", "node-c").obj());
        List<Pod> spread221 = List.of(foo("p-a1", "node-a"), foo("p-a2", "node-a"), foo("p-b1", "node-b"),
                foo("p-b2", "node-b"), foo("p-c1", "node-c"));
        List<Pod> zone21 = List.of(foo("p-b1", "node-a"), foo("p-b2", "node-b"), foo("p-y1", "node-y"));
        List<Node> fooLabelled = List.of(
                node("node-a").label("node", "node-a").label("foo", "").obj(),
                node("node-b").label("node", "node-b").label("foo", "").obj(),
                node("node-x").label("node", "node-x").label("foo", "").obj(),
                node("node-y").label("node", "node-y").obj());
        List<Node> taintedY = List.of(
                node("node-a").label("node", "node-a").label("foo", "").obj(),
                node("node-b").label("node", "node-b").label("foo", "").obj(),
                node("node-x").label("node", "node-x").label("foo", "").obj(),
                node("node-y").label("node", "node-y").taints(UNSCHEDULABLE_TAINT).obj());
        return Stream.of(
                new Case("no existing pods", incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj(), fourNodes(), List.of(),
                        want("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", SUCCESS)),
                new Case("no existing pods, incoming pod doesn't match itself", incoming().spread(1, "zone", DO_NOT_SCHEDULE, BAR).obj(),
                        fourNodes(), List.of(), want("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", SUCCESS)),
                new Case("existing pods in a different namespace do not count", incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj(),
                        fourNodes(), List.of(pod("p-a1").namespace("ns1").node("node-a").label("foo", "").obj(),
                        pod("p-b1").namespace("ns2").node("node-a").label("foo", "").obj(), foo("p-x1", "node-x"), foo("p-y1", "node-y")),
                        want("node-a", SUCCESS, "node-b", SUCCESS, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                new Case("existing pods do not match null selector", incoming().spread(1, "zone", DO_NOT_SCHEDULE, null).obj(),
                        fourNodes(), List.of(foo("p-x1", "node-x"), foo("p-y1", "node-y")),
                        want("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", SUCCESS)),
                new Case("pods spread across zones as 3/3, all nodes fit", incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj(),
                        fourNodes(), spread2103, want("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", SUCCESS)),
                new Case("pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
                        incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj(),
                        List.of(zoned("node-a", "zone1"), node("node-b").label("zon", "zone1").label("node", "node-b").obj(),
                                zoned("node-x", "zone2"), zoned("node-y", "zone2")),
                        List.of(foo("p-a1", "node-a"), foo("p-b1", "node-b"), foo("p-x1", "node-x"), foo("p-y1", "node-y")),
                        want("node-a", SUCCESS, "node-b", UNSCHEDULABLE_AND_UNRESOLVABLE, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                new Case("pod cannot be scheduled as all nodes don't have label 'rack'", incoming().spread(1, "rack", DO_NOT_SCHEDULE, FOO).obj(),
                        List.of(zoned("node-a", "zone1"), zoned("node-x", "zone2")), List.of(),
                        want("node-a", UNSCHEDULABLE_AND_UNRESOLVABLE, "node-x", UNSCHEDULABLE_AND_UNRESOLVABLE)),
                new Case("pods spread across nodes as 2/1/0/3, only node-x fits", incoming().spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(),
                        fourNodes(), spread2103, want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit",
                        incoming().spread(2, "node", DO_NOT_SCHEDULE, FOO).obj(), fourNodes(), spread2103,
                        want("node-a", UNSCHEDULABLE, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
                        pod("p").label("bar", "").spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(), fourNodes(), spread2103,
                        want("node-a", UNSCHEDULABLE, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits",
                        incoming().nodeAffinityIn("node", "node-a", "node-y").spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(),
                        fourNodes(), spread2103, want("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("terminating Pods should be excluded", incoming().spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(),
                        List.of(node("node-a").label("node", "node-a").obj(), node("node-b").label("node", "node-b").obj()),
                        List.of(pod("p-a").node("node-a").label("foo", "").terminating().obj(), foo("p-b", "node-b")),
                        want("node-a", SUCCESS, "node-b", UNSCHEDULABLE)),
                new Case("incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits",
                        incoming().nodeAffinityNotIn("node", "node-b").spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj(), fourNodes(),
                        List.of(foo("p-b1", "node-b"), foo("p-b2", "node-b"), foo("p-y1", "node-y")),
                        want("node-a", SUCCESS, "node-b", SUCCESS, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                new Case("pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits",
                        incoming().spread(2, "node", DO_NOT_SCHEDULE, FOO, 4, null, null).obj(), nodesABC, spread221,
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-c", SUCCESS)),
                new Case("pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit",
                        incoming().spread(2, "node", DO_NOT_SCHEDULE, FOO, 2, null, null).obj(), nodesABC, spread221,
                        want("node-a", SUCCESS, "node-b", SUCCESS, "node-c", SUCCESS)),
                new Case("pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit",
                        incoming().spread(2, "zone", DO_NOT_SCHEDULE, FOO, 3, null, null).obj(), fourNodes(), zone21,
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", SUCCESS)),
                new Case("pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit",
                        incoming().spread(2, "zone", DO_NOT_SCHEDULE, FOO, 1, null, null).obj(), fourNodes(), zone21,
                        want("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", SUCCESS)),
                new Case("NodeAffinityPolicy honored with labelSelectors",
                        incoming().nodeSelector("foo", "").spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(), fooLabelled, zone21Alt(),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", SUCCESS)),
                new Case("NodeAffinityPolicy ignored with labelSelectors",
                        incoming().nodeSelector("foo", "").spread(1, "node", DO_NOT_SCHEDULE, FOO, null, "Ignore", null).obj(),
                        fooLabelled, zone21Alt(),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("NodeAffinityPolicy honored with nodeAffinity",
                        incoming().nodeAffinityIn("foo", "").spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(), fooLabelled, zone21Alt(),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", SUCCESS)),
                new Case("NodeAffinityPolicy ignored with nodeAffinity",
                        incoming().nodeAffinityIn("foo", "").spread(1, "node", DO_NOT_SCHEDULE, FOO, null, "Ignore", null).obj(),
                        fooLabelled, zone21Alt(),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("NodeTaintsPolicy honored", incoming().spread(1, "node", DO_NOT_SCHEDULE, FOO, null, null, "Honor").obj(),
                        taintedY, zone21Alt(),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", SUCCESS)),
                new Case("NodeTaintsPolicy ignored", incoming().spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(), taintedY, zone21Alt(),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)));
    }

    private static List<Pod> zone21Alt() {
        return List.of(foo("p-b1", "node-a"), foo("p-b2", "node-b"), foo("p-y1", "node-y"));
    }

    static Stream<Case> multipleConstraints() {
        Pod zoneAndNode = incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).spread(1, "node", DO_NOT_SCHEDULE, FOO).obj();
        Pod fooZoneBarNode = pod("p").label("foo", "").label("bar", "")
                .spread(1, "zone", DO_NOT_SCHEDULE, FOO).spread(1, "node", DO_NOT_SCHEDULE, BAR).obj();
        Pod barZoneFooZone = pod("p").label("foo", "").label("bar", "")
                .spread(1, "zone", DO_NOT_SCHEDULE, BAR).spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj();
        List<Pod> threePods = List.of(foo("p-a1", "node-a"), foo("p-b1", "node-b"), foo("p-y1", "node-y"));
        return Stream.of(
                new Case("two Constraints on zone and node, spreads = [3/3, 2/1/0/3]", zoneAndNode, fourNodes(),
                        List.of(foo("p-a1", "node-a"), foo("p-a2", "node-a"), foo("p-b1", "node-b"), foo("p-y1", "node-y"),
                                foo("p-y2", "node-y"), foo("p-y3", "node-y")),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("two Constraints on zone and node, spreads = [3/4, 2/1/0/4]", zoneAndNode, fourNodes(),
                        List.of(foo("p-a1", "node-a"), foo("p-a2", "node-a"), foo("p-b1", "node-b"), foo("p-y1", "node-y"),
                                foo("p-y2", "node-y"), foo("p-y3", "node-y"), foo("p-y4", "node-y")),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                new Case("Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]", fooZoneBarNode, fourNodes(),
                        List.of(foo("p-a1", "node-a"), bar("p-y1", "node-y")),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]", fooZoneBarNode, fourNodes(),
                        List.of(foo("p-a1", "node-a"), bar("p-x1", "node-x"), bar("p-y1", "node-y")),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                new Case("Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]", fooZoneBarNode, fourNodes(),
                        List.of(foo("p-a1", "node-a"), fooBar("p-a2", "node-a"), foo("p-y1", "node-y"), fooBar("p-y2", "node-y"),
                                foo("p-y3", "node-y")),
                        want("node-a", UNSCHEDULABLE, "node-b", SUCCESS, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                new Case("Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
                        pod("p").label("bar", "").spread(1, "zone", DO_NOT_SCHEDULE, FOO).spread(1, "node", DO_NOT_SCHEDULE, BAR).obj(),
                        fourNodes(), List.of(foo("p-a1", "node-a"), bar("p-x1", "node-x"), bar("p-y1", "node-y")),
                        want("node-a", SUCCESS, "node-b", SUCCESS, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                new Case("two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]", zoneAndNode,
                        List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), node("node-x").label("zone", "zone2").obj(),
                                zoned("node-y", "zone2")),
                        List.of(foo("p-a1", "node-a"), foo("p-y3", "node-y")),
                        want("node-a", UNSCHEDULABLE, "node-b", SUCCESS, "node-x", UNSCHEDULABLE_AND_UNRESOLVABLE, "node-y", UNSCHEDULABLE)),
                new Case("two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore",
                        incoming().nodeSelector("foo", "").spread(1, "zone", DO_NOT_SCHEDULE, FOO)
                                .spread(1, "node", DO_NOT_SCHEDULE, FOO, null, "Ignore", null).obj(),
                        List.of(fooZoned("node-a", "zone1"), fooZoned("node-b", "zone1"), fooZoned("node-x", "zone2"), zoned("node-y", "zone2")),
                        threePods, want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("two node inclusion Constraints, zone: honor/honor, node: honor/ignore",
                        incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO, null, null, "Honor").spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(),
                        List.of(fooZoned("node-a", "zone1"), fooZoned("node-b", "zone1"), fooZoned("node-x", "zone2"),
                                node("node-y").label("zone", "zone2").label("node", "node-y").taints(UNSCHEDULABLE_TAINT).obj()),
                        threePods, want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("two node inclusion Constraints, zone: honor/ignore, node: honor/ignore",
                        incoming().nodeSelector("foo", "").spread(1, "zone", DO_NOT_SCHEDULE, FOO).spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(),
                        List.of(fooZoned("node-a", "zone1"), zoned("node-b", "zone1"), fooZoned("node-x", "zone2"),
                                node("node-y").label("zone", "zone2").label("node", "node-y").label("foo", "").taints(UNSCHEDULABLE_TAINT).obj()),
                        threePods, want("node-a", UNSCHEDULABLE, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("two node inclusion Constraints, zone: honor/honor, node: ignore/ignore",
                        incoming().nodeSelector("foo", "").spread(1, "zone", DO_NOT_SCHEDULE, FOO, null, null, "Honor")
                                .spread(1, "node", DO_NOT_SCHEDULE, FOO, null, "Ignore", null).obj(),
                        List.of(fooZoned("node-a", "zone1"), zoned("node-b", "zone1"), fooZoned("node-x", "zone2"),
                                node("node-y").label("zone", "zone2").label("node", "node-y").label("foo", "").taints(UNSCHEDULABLE_TAINT).obj()),
                        threePods, want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                new Case("two Constraints on zone, spreads = [3/3, 2/1]", barZoneFooZone, fourNodes(),
                        List.of(fooBar("p-a1", "node-a"), foo("p-a2", "node-a"), fooBar("p-b1", "node-b"), foo("p-y1", "node-y"),
                                fooBar("p-y2", "node-y"), foo("p-y3", "node-y")),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", SUCCESS)),
                new Case("two Constraints on zone, spreads = [3/4, 2/1]", barZoneFooZone, fourNodes(),
                        List.of(fooBar("p-a1", "node-a"), foo("p-a2", "node-a"), fooBar("p-b1", "node-b"), foo("p-y1", "node-y"),
                                fooBar("p-y2", "node-y"), foo("p-y3", "node-y"), foo("p-y4", "node-y")),
                        want("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)));
    }

    private static Node fooZoned(String name, String zone) {
        return node(name).label("zone", zone).label("node", name).label("foo", "").obj();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"singleConstraint", "multipleConstraints"})
    void filter(Case c) {
        Snapshot snapshot = Fixtures.snapshot(c.nodes(), c.existing());
        PodTopologySpread p = Fixtures.plugin(snapshot);
        CycleState state = new CycleState();
        assertThat(p.preFilter(state, PodInfo.of(c.pod()), snapshot.nodeInfos()).status().isSuccess()).isTrue();

        Map<String, Code> got = new LinkedHashMap<>();
        for (NodeInfo n : snapshot.nodeInfos()) {
            Status s = p.filter(state, PodInfo.of(c.pod()), n);
            got.put(n.nodeName(), s.code());
            // each rejection carries upstream's reason for its code
            if (s.code() == UNSCHEDULABLE) {
                assertThat(s.reasons()).containsExactly("node(s) didn't match pod topology spread constraints");
            } else if (s.code() == UNSCHEDULABLE_AND_UNRESOLVABLE) {
                assertThat(s.reasons()).containsExactly("node(s) didn't match pod topology spread constraints (missing required label)");
            }
        }
        assertThat(got).isEqualTo(c.want());
    }

    @org.junit.jupiter.api.Test
    void filterWithoutPreFilterStateIsAnError() {
        // upstream TestPreFilterDisabled
        PodTopologySpread p = Fixtures.plugin(Fixtures.snapshot(List.of(), List.of()));
        Status s = p.filter(new CycleState(), PodInfo.of(pod("p").obj()), NodeInfo.of(node("n").obj()));
        assertThat(s.code()).isEqualTo(Code.ERROR);
        assertThat(s.message()).isEqualTo("reading \"PreFilterPodTopologySpread\" from cycleState: not found");
    }
}
