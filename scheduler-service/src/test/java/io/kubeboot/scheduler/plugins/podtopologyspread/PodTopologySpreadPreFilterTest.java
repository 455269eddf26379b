package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.framework.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.BAR;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.DO_NOT_SCHEDULE;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.FOO;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.SCHEDULE_ANYWAY;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.UNSCHEDULABLE_TAINT;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.matchLabels;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.node;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.pod;
import static io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpreadFilterTest.bar;
import static io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpreadFilterTest.foo;
import static io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpreadFilterTest.fooBar;
import static io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpreadFilterTest.fourNodes;
import static io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpreadFilterTest.incoming;
import static io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpreadFilterTest.zoned;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PreFilter state (matching pods per domain and critical paths) and its incremental updates, ported
 * from upstream's TestPreFilterState, TestPreFilterStateAddPod and TestPreFilterStateRemovePod. States are
 * compared in a compact form: per constraint {@code "selector|value=count,..."} and the critical paths
 * {@code "value:num value:num"} with equal-count values sorted, as upstream's comparer does.
 */
class PodTopologySpreadPreFilterTest {

    record Case(String name, Pod pod, List<Node> nodes, List<Pod> existing, List<String> wantCounts, List<String> wantPaths) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<String> l(String... s) {
        return List.of(s);
    }

    static Stream<Case> preFilterState() {
        List<Pod> five = List.of(foo("p-a1", "node-a"), foo("p-a2", "node-a"), foo("p-b1", "node-b"), foo("p-y1", "node-y"), foo("p-y2", "node-y"));
        List<Pod> seven = List.of(foo("p-a1", "node-a"), foo("p-a2", "node-a"), foo("p-b1", "node-b"), foo("p-y1", "node-y"),
                foo("p-y2", "node-y"), foo("p-y3", "node-y"), foo("p-y4", "node-y"));
        List<Node> threeNodeCluster = List.of(node("node-a").label("node", "node-a").label("foo", "").obj(),
                node("node-b").label("node", "node-b").label("foo", "").obj(), node("node-c").label("node", "node-c").label("bar", "").obj());
        List<Pod> barPods = List.of(bar("p-a", "node-a"), bar("p-b", "node-b"), bar("p-c", "node-b"), pod("p-d").node("node-c").obj());
        List<Node> taintedC = List.of(node("node-a").label("node", "node-a").obj(), node("node-b").label("node", "node-b").obj(),
                node("node-c").label("node", "node-c").taints(UNSCHEDULABLE_TAINT).label("bar", "").obj());
        List<Pod> aValued = List.of(pod("p-a1").node("node-a").label("foo", "a").obj(), pod("p-a2").node("node-a").label("foo", "a").obj(),
                pod("p-b1").node("node-b").label("foo", "a").obj(), pod("p-y1").node("node-y").label("foo", "a").obj(),
                pod("p-y2").node("node-y").label("foo", "a").obj());
        return Stream.of(
                new Case("clean cluster with one spreadConstraint",
                        incoming().spread(5, "zone", DO_NOT_SCHEDULE, matchLabels("foo", "bar")).obj(), fourNodes(), List.of(),
                        l("foo=bar|zone1=0,zone2=0"), l("zone1:0 zone2:0")),
                new Case("normal case with one spreadConstraint", incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj(), fourNodes(), five,
                        l("foo|zone1=3,zone2=2"), l("zone2:2 zone1:3")),
                new Case("normal case with null label selector", incoming().spread(1, "zone", DO_NOT_SCHEDULE, null).obj(), fourNodes(), five,
                        l("|zone1=0,zone2=0"), l("zone1:0 zone2:0")),
                new Case("normal case with one spreadConstraint, on a 3-zone cluster", incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj(),
                        List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-x", "zone2"), zoned("node-y", "zone2"),
                                zoned("node-o", "zone3"), zoned("node-p", "zone3")), five,
                        l("foo|zone1=3,zone2=2,zone3=0"), l("zone3:0 zone2:2")),
                new Case("namespace mismatch doesn't count", incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj(), fourNodes(),
                        List.of(foo("p-a1", "node-a"), pod("p-a2").namespace("ns1").node("node-a").label("foo", "").obj(), foo("p-b1", "node-b"),
                                pod("p-y1").namespace("ns2").node("node-y").label("foo", "").obj(), foo("p-y2", "node-y")),
                        l("foo|zone1=2,zone2=1"), l("zone2:1 zone1:2")),
                new Case("normal case with two spreadConstraints",
                        incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(), fourNodes(), seven,
                        l("foo|zone1=3,zone2=4", "foo|node-a=2,node-b=1,node-x=0,node-y=4"), l("zone1:3 zone2:4", "node-x:0 node-b:1")),
                new Case("soft spreadConstraints should be bypassed",
                        incoming().spread(1, "zone", SCHEDULE_ANYWAY, FOO).spread(1, "zone", DO_NOT_SCHEDULE, FOO)
                                .spread(1, "node", SCHEDULE_ANYWAY, FOO).spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(),
                        List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-y", "zone2")), seven,
                        l("foo|zone1=3,zone2=4", "foo|node-a=2,node-b=1,node-y=4"), l("zone1:3 zone2:4", "node-b:1 node-a:2")),
                new Case("different labelSelectors - simple version",
                        pod("p").label("foo", "").label("bar", "").spread(1, "zone", DO_NOT_SCHEDULE, FOO).spread(1, "node", DO_NOT_SCHEDULE, BAR).obj(),
                        List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-y", "zone2")),
                        List.of(foo("p-a", "node-a"), bar("p-b", "node-b")),
                        l("foo|zone1=1,zone2=0", "bar|node-a=0,node-b=1,node-y=0"), l("zone2:0 zone1:1", "node-a:0 node-y:0")),
                new Case("different labelSelectors - complex pods",
                        pod("p").label("foo", "").label("bar", "").spread(1, "zone", DO_NOT_SCHEDULE, FOO).spread(1, "node", DO_NOT_SCHEDULE, BAR).obj(),
                        List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-y", "zone2")),
                        List.of(foo("p-a1", "node-a"), fooBar("p-a2", "node-a"), foo("p-b1", "node-b"), foo("p-y1", "node-y"),
                                fooBar("p-y2", "node-y"), foo("p-y3", "node-y"), fooBar("p-y4", "node-y")),
                        l("foo|zone1=3,zone2=4", "bar|node-a=1,node-b=0,node-y=2"), l("zone1:3 zone2:4", "node-b:0 node-a:1")),
                new Case("two spreadConstraints, and with podAffinity",
                        incoming().nodeAffinityNotIn("node", "node-x").spread(1, "zone", DO_NOT_SCHEDULE, FOO).spread(1, "node", DO_NOT_SCHEDULE, FOO).obj(),
                        fourNodes(), seven, l("foo|zone1=3,zone2=4", "foo|node-a=2,node-b=1,node-y=4"), l("zone1:3 zone2:4", "node-b:1 node-a:2")),
                new Case("NodeAffinityPolicy honored with labelSelectors",
                        incoming().nodeSelector("foo", "").spread(1, "node", DO_NOT_SCHEDULE, BAR).obj(), threeNodeCluster, barPods,
                        l("bar|node-a=1,node-b=2"), l("node-a:1 node-b:2")),
                new Case("NodeAffinityPolicy ignored with labelSelectors",
                        incoming().nodeSelector("foo", "").spread(1, "node", DO_NOT_SCHEDULE, BAR, null, "Ignore", null).obj(), threeNodeCluster,
                        barPods, l("bar|node-a=1,node-b=2,node-c=0"), l("node-c:0 node-a:1")),
                new Case("NodeAffinityPolicy honored with nodeAffinity",
                        incoming().nodeAffinityIn("foo", "").spread(1, "node", DO_NOT_SCHEDULE, BAR).obj(), threeNodeCluster, barPods,
                        l("bar|node-a=1,node-b=2"), l("node-a:1 node-b:2")),
                new Case("NodeAffinityPolicy ignored with nodeAffinity",
                        incoming().nodeAffinityIn("foo", "").spread(1, "node", DO_NOT_SCHEDULE, BAR, null, "Ignore", null).obj(), threeNodeCluster,
                        barPods, l("bar|node-a=1,node-b=2,node-c=0"), l("node-c:0 node-a:1")),
                new Case("NodeTaintsPolicy ignored", incoming().spread(1, "node", DO_NOT_SCHEDULE, BAR).obj(), taintedC, barPods,
                        l("bar|node-a=1,node-b=2,node-c=0"), l("node-c:0 node-a:1")),
                new Case("NodeTaintsPolicy honored", incoming().spread(1, "node", DO_NOT_SCHEDULE, BAR, null, null, "Honor").obj(), taintedC,
                        barPods, l("bar|node-a=1,node-b=2"), l("node-a:1 node-b:2")),
                new Case("NodeTaintsPolicy honored with tolerated taints",
                        incoming().toleration("node.kubernetes.io/unschedulable").spread(1, "node", DO_NOT_SCHEDULE, BAR, null, null, "Honor").obj(),
                        taintedC, barPods, l("bar|node-a=1,node-b=2,node-c=0"), l("node-c:0 node-a:1")),
                new Case("two node inclusion Constraints, zone: ignore/ignore, node: honor/honor",
                        incoming().nodeSelector("foo", "").spread(1, "zone", DO_NOT_SCHEDULE, FOO, null, "Ignore", null)
                                .spread(1, "node", DO_NOT_SCHEDULE, FOO, null, null, "Honor").obj(),
                        List.of(zoned("node-a", "zone1"),
                                node("node-b").label("zone", "zone1").label("node", "node-b").label("foo", "").taints(UNSCHEDULABLE_TAINT).obj(),
                                node("node-x").label("zone", "zone2").label("node", "node-x").label("foo", "").obj(),
                                node("node-y").label("zone", "zone2").label("node", "node-y").label("foo", "").obj()),
                        List.of(foo("p-a1", "node-a"), foo("p-a2", "node-a"), foo("p-x1", "node-x"), foo("p-x2", "node-x"), foo("p-y1", "node-y")),
                        l("foo|zone1=2,zone2=3", "foo|node-x=2,node-y=1"), l("zone1:2 zone2:3", "node-y:1 node-x:2")),
                new Case("matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
                        pod("p").label("foo", "").label("bar", "a").spread(1, "zone", DO_NOT_SCHEDULE, FOO, null, null, null, "bar").obj(),
                        fourNodes(), List.of(foo("p-a1", "node-a"), pod("p-a2").node("node-a").label("foo", "").label("bar", "a").obj(),
                        foo("p-b1", "node-b"), pod("p-y1").node("node-y").label("foo", "").label("bar", "a").obj(), bar("p-y2", "node-y")),
                        l("bar=a,foo|zone1=1,zone2=1"), l("zone1:1 zone2:1")),
                new Case("matchLabelKeys ANDed with LabelSelector when LabelSelector is empty",
                        pod("p").label("foo", "a").spread(1, "zone", DO_NOT_SCHEDULE, new io.fabric8.kubernetes.api.model.LabelSelector(),
                                null, null, null, "foo").obj(),
                        fourNodes(), aValued, l("foo=a|zone1=3,zone2=2"), l("zone2:2 zone1:3")),
                new Case("key in matchLabelKeys is ignored when LabelSelector is nil",
                        incoming().spread(1, "zone", DO_NOT_SCHEDULE, null, null, null, null, "bar").obj(), fourNodes(), aValued,
                        l("|zone1=0,zone2=0"), l("zone1:0 zone2:0")),
                new Case("key in matchLabelKeys is ignored when it isn't exist in pod.labels",
                        incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO, null, null, null, "bar").obj(), fourNodes(), aValued,
                        l("foo|zone1=3,zone2=2"), l("zone2:2 zone1:3")),
                new Case("two spreadConstraints with the same topologyKey",
                        pod("p").label("foo", "").label("bar", "").spread(1, "zone", DO_NOT_SCHEDULE, FOO).spread(1, "zone", DO_NOT_SCHEDULE, BAR).obj(),
                        fourNodes(), List.of(fooBar("p-a1", "node-a"), foo("p-b1", "node-b"), bar("p-x1", "node-x"), fooBar("p-y1", "node-y"),
                        bar("p-y2", "node-y")),
                        l("foo|zone1=2,zone2=1", "bar|zone1=1,zone2=3"), l("zone2:1 zone1:2", "zone1:1 zone2:3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preFilterState")
    void preFilterState(Case c) {
        Snapshot snapshot = Fixtures.snapshot(c.nodes(), c.existing());
        CycleState state = Fixtures.preFiltered(Fixtures.plugin(snapshot), snapshot, c.pod());
        PreFilterState s = state.read(PreFilterState.KEY);
        assertThat(counts(s)).isEqualTo(c.wantCounts());
        assertThat(paths(s)).isEqualTo(c.wantPaths());
    }

    @Test
    void constraintsAreDefaultedAsUpstream() {
        Snapshot snapshot = Fixtures.snapshot(fourNodes(), List.of());
        CycleState state = Fixtures.preFiltered(Fixtures.plugin(snapshot), snapshot,
                incoming().spread(5, "zone", DO_NOT_SCHEDULE, FOO).obj());
        assertThat(state.read(PreFilterState.KEY).constraints())
                .containsExactly(new SpreadConstraint(5, "zone", LabelSelector.parse("foo"), 1, true, false));
    }

    @Test
    void skipsPodsWithoutHardConstraints() {
        Snapshot snapshot = Fixtures.snapshot(fourNodes(), List.of());
        PreFilterPlugin.Result r = Fixtures.plugin(snapshot).preFilter(new CycleState(), PodInfo.of(incoming().obj()), snapshot.nodeInfos());
        assertThat(r.status().isSkip()).isTrue();
    }

    // --- default constraints (upstream "default constraints and a service" cases) ---

    /** Services by selector: the DefaultSelectors contract for Services only. */
    static DefaultSelectors services(Map<String, String>... selectors) {
        return p -> {
            List<LabelSelector> out = new ArrayList<>();
            for (Map<String, String> s : selectors) {
                if (LabelSelector.fromSet(s).matches(p.getMetadata().getLabels())) {
                    out.add(LabelSelector.fromSet(s));
                }
            }
            return out;
        };
    }

    static Map<String, Object> listDefaults(Map<String, Object>... constraints) {
        return Map.of("defaultingType", "List", "defaultConstraints", List.of(constraints));
    }

    static Map<String, Object> constraint(int maxSkew, String key, String when) {
        return Map.of("maxSkew", maxSkew, "topologyKey", key, "whenUnsatisfiable", when);
    }

    @SuppressWarnings("unchecked")
    @Test
    void defaultConstraintsTakeTheServiceSelector() {
        Snapshot snapshot = Fixtures.snapshot(List.of(), List.of());
        PodTopologySpread p = new PodTopologySpread(listDefaults(constraint(3, "node", DO_NOT_SCHEDULE),
                constraint(2, "node", SCHEDULE_ANYWAY), constraint(5, "rack", DO_NOT_SCHEDULE)),
                Fixtures.handle(snapshot), services(Map.of("foo", "bar")));
        CycleState state = Fixtures.preFiltered(p, snapshot, pod("p").label("foo", "bar").label("baz", "kar").obj());
        assertThat(state.read(PreFilterState.KEY).constraints()).containsExactly(
                new SpreadConstraint(3, "node", LabelSelector.parse("foo=bar"), 1, true, false),
                new SpreadConstraint(5, "rack", LabelSelector.parse("foo=bar"), 1, true, false));
        assertThat(paths(state.read(PreFilterState.KEY))).containsExactly(":2147483647 :2147483647", ":2147483647 :2147483647");
    }

    @SuppressWarnings("unchecked")
    @Test
    void defaultConstraintsWithoutMatchingServiceSkip() {
        Snapshot snapshot = Fixtures.snapshot(List.of(), List.of());
        PodTopologySpread p = new PodTopologySpread(listDefaults(constraint(3, "node", DO_NOT_SCHEDULE)),
                Fixtures.handle(snapshot), services(Map.of("baz", "kep")));
        PreFilterPlugin.Result r = p.preFilter(new CycleState(), PodInfo.of(pod("p").label("foo", "bar").obj()), List.of());
        assertThat(r.status()).isEqualTo(Status.skip());
    }

    @SuppressWarnings("unchecked")
    @Test
    void podConstraintsWinOverDefaults() {
        Snapshot snapshot = Fixtures.snapshot(List.of(), List.of());
        PodTopologySpread p = new PodTopologySpread(listDefaults(constraint(2, "node", DO_NOT_SCHEDULE)),
                Fixtures.handle(snapshot), services(Map.of("foo", "bar")));
        CycleState state = Fixtures.preFiltered(p, snapshot, pod("p").label("foo", "bar").label("baz", "tar")
                .spread(1, "zone", DO_NOT_SCHEDULE, matchLabels("baz", "tar"))
                .spread(2, "planet", SCHEDULE_ANYWAY, matchLabels("fot", "rok")).obj());
        assertThat(state.read(PreFilterState.KEY).constraints())
                .containsExactly(new SpreadConstraint(1, "zone", LabelSelector.parse("baz=tar"), 1, true, false));
    }

    @SuppressWarnings("unchecked")
    @Test
    void softDefaultConstraintsDoNotFilter() {
        Snapshot snapshot = Fixtures.snapshot(List.of(), List.of());
        PodTopologySpread p = new PodTopologySpread(listDefaults(constraint(2, "node", SCHEDULE_ANYWAY)),
                Fixtures.handle(snapshot), services(Map.of("foo", "bar")));
        PreFilterPlugin.Result r = p.preFilter(new CycleState(), PodInfo.of(pod("p").label("foo", "bar").obj()), List.of());
        assertThat(r.status().isSkip()).isTrue();
    }

    // --- AddPod / RemovePod ---

    record Update(String name, Pod preemptor, Pod pod, int nodeIdx, List<Node> nodes, List<Pod> existing, boolean add,
                  List<String> wantCounts, List<String> wantPaths) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Update> updates() {
        Pod onNode = incoming().spread(1, "node", DO_NOT_SCHEDULE, FOO).obj();
        Pod onZone = incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj();
        Pod zoneNode = incoming().spread(1, "zone", DO_NOT_SCHEDULE, FOO).spread(1, "node", DO_NOT_SCHEDULE, FOO).obj();
        Pod fooZoneBarNode = pod("p").label("foo", "").label("bar", "").spread(1, "zone", DO_NOT_SCHEDULE, FOO)
                .spread(1, "node", DO_NOT_SCHEDULE, BAR).obj();
        Pod affinityUnmatched = incoming().nodeAffinityNotIn("foo", "bar").spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj();
        List<Node> ab = List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"));
        List<Node> ax = List.of(zoned("node-a", "zone1"), zoned("node-x", "zone2"));
        List<Node> abx = List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-x", "zone2"));
        List<Node> fooBarNodes = List.of(node("node-a").label("zone", "zone1").label("node", "node-a").label("foo", "bar").obj(),
                node("node-b").label("zone", "zone2").label("node", "node-b").label("foo", "").obj());
        List<Node> taintedA = List.of(node("node-a").label("zone", "zone1").label("node", "node-a").taints(UNSCHEDULABLE_TAINT).obj(),
                node("node-b").label("zone", "zone2").label("node", "node-b").obj());
        List<Pod> a2b1 = List.of(pod("p-a2").node("node-a").label("foo", "").label("zone", "zone1").obj(),
                pod("p-b1").node("node-b").label("foo", "").label("zone", "zone2").obj());
        List<Pod> a1b2 = List.of(pod("p-a1").node("node-a").label("foo", "").label("zone", "zone1").obj(),
                pod("p-b2").node("node-b").label("foo", "").label("zone", "zone2").obj());
        Pod addA1 = pod("p-a1").node("node-a").label("foo", "").label("zone", "zone1").obj();
        Pod addB1 = pod("p-b1").node("node-b").label("foo", "").label("zone", "zone2").obj();
        return Stream.of(
                new Update("node a and b both impact current min match", onNode, foo("p-a1", "node-a"), 0, ab, List.of(), true,
                        l("foo|node-a=1,node-b=0"), l("node-b:0 node-a:1")),
                new Update("only node a impacts current min match", onNode, foo("p-a1", "node-a"), 0, ab, List.of(foo("p-b1", "node-b")), true,
                        l("foo|node-a=1,node-b=1"), l("node-a:1 node-b:1")),
                new Update("add a pod in a different namespace doesn't change topologyKeyToMinPodsMap", onNode,
                        pod("p-a1").namespace("ns1").node("node-a").label("foo", "").obj(), 0, ab, List.of(foo("p-b1", "node-b")), true,
                        l("foo|node-a=0,node-b=1"), l("node-a:0 node-b:1")),
                new Update("add pod on non-critical node won't trigger re-calculation", onNode, foo("p-b2", "node-b"), 1, ab,
                        List.of(foo("p-b1", "node-b")), true, l("foo|node-a=0,node-b=2"), l("node-a:0 node-b:2")),
                new Update("node a and x both impact topologyKeyToMinPodsMap on zone and node", zoneNode, foo("p-a1", "node-a"), 0, ax,
                        List.of(), true, l("foo|zone1=1,zone2=0", "foo|node-a=1,node-x=0"), l("zone2:0 zone1:1", "node-x:0 node-a:1")),
                new Update("only node a impacts topologyKeyToMinPodsMap on zone and node", zoneNode, foo("p-a1", "node-a"), 0, ax,
                        List.of(foo("p-x1", "node-x")), true, l("foo|zone1=1,zone2=1", "foo|node-a=1,node-x=1"), l("zone1:1 zone2:1", "node-a:1 node-x:1")),
                new Update("node a impacts topologyKeyToMinPodsMap on node, node x impacts topologyKeyToMinPodsMap on zone", zoneNode,
                        foo("p-a1", "node-a"), 0, abx, List.of(foo("p-b1", "node-b"), foo("p-b2", "node-b"), foo("p-x1", "node-x")), true,
                        l("foo|zone1=3,zone2=1", "foo|node-a=1,node-b=2,node-x=1"), l("zone2:1 zone1:3", "node-a:1 node-x:1")),
                new Update("Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on zone", fooZoneBarNode,
                        foo("p-a1", "node-a"), 0, abx, List.of(fooBar("p-b1", "node-b"), fooBar("p-x1", "node-x"), bar("p-x2", "node-x")), true,
                        l("foo|zone1=2,zone2=1", "bar|node-a=0,node-b=1,node-x=2"), l("zone2:1 zone1:2", "node-a:0 node-b:1")),
                new Update("Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on both zone and node",
                        fooZoneBarNode, fooBar("p-a1", "node-a"), 0, abx,
                        List.of(bar("p-b1", "node-b"), fooBar("p-x1", "node-x"), bar("p-x2", "node-x")), true,
                        l("foo|zone1=1,zone2=1", "bar|node-a=1,node-b=1,node-x=2"), l("zone1:1 zone2:1", "node-a:1 node-b:1")),
                new Update("add a pod when scheduling node affinity unmatched pod", affinityUnmatched, addA1, 0, fooBarNodes, a2b1, true,
                        l("foo|zone2=1"), l("zone2:1 :2147483647")),
                new Update("add a pod when scheduling node affinity matched pod", onZone, addB1, 1, fooBarNodes, a1b2, true,
                        l("foo|zone1=1,zone2=2"), l("zone1:1 zone2:2")),
                new Update("add a label selector not matched pod", onZone, pod("p-b1").node("node-b").label("zone", "zone2").obj(), 1,
                        fooBarNodes, a1b2, true, l("foo|zone1=1,zone2=1"), l("zone1:1 zone2:1")),
                new Update("add a pod when scheduling taint tolerated pod", incoming().toleration("node.kubernetes.io/unschedulable")
                        .spread(1, "zone", DO_NOT_SCHEDULE, FOO).obj(), addB1, 1, taintedA, a1b2, true,
                        l("foo|zone1=1,zone2=2"), l("zone1:1 zone2:2")),
                new Update("one spreadConstraint on zone, topologyKeyToMinPodsMap unchanged", onZone, foo("p-a1", "node-a"), 0, abx,
                        List.of(foo("p-a1", "node-a"), foo("p-b1", "node-b"), foo("p-x1", "node-x")), false,
                        l("foo|zone1=1,zone2=1"), l("zone1:1 zone2:1")),
                new Update("one spreadConstraint on node, topologyKeyToMinPodsMap changed", onZone, foo("p-a1", "node-a"), 0, fourNodes(),
                        List.of(foo("p-a1", "node-a"), foo("p-b1", "node-b"), foo("p-x1", "node-x"), foo("p-y1", "node-y")), false,
                        l("foo|zone1=1,zone2=2"), l("zone1:1 zone2:2")),
                new Update("delete an irrelevant pod won't help", onZone, bar("p-a0", "node-a"), 0, fourNodes(),
                        List.of(bar("p-a0", "node-a"), foo("p-a1", "node-a"), foo("p-b1", "node-b"), foo("p-x1", "node-x"), foo("p-y1", "node-y")),
                        false, l("foo|zone1=2,zone2=2"), l("zone1:2 zone2:2")),
                new Update("two spreadConstraints", zoneNode, foo("p-x1", "node-x"), 2, abx,
                        List.of(foo("p-a1", "node-a"), foo("p-a2", "node-a"), foo("p-b1", "node-b"), foo("p-x1", "node-x"), foo("p-x2", "node-x")),
                        false, l("foo|zone1=3,zone2=1", "foo|node-a=2,node-b=1,node-x=1"), l("zone2:1 zone1:3", "node-b:1 node-x:1")),
                new Update("remove a pod when scheduling node affinity unmatched pod", affinityUnmatched, addA1, 0, fooBarNodes, a2b1, false,
                        l("foo|zone2=1"), l("zone2:1 :2147483647")),
                new Update("remove a pod when scheduling node affinity matched pod", onZone, addB1, 1, fooBarNodes, a1b2, false,
                        l("foo|zone1=1,zone2=0"), l("zone2:0 zone1:1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void addAndRemovePod(Update c) {
        Snapshot snapshot = Fixtures.snapshot(c.nodes(), c.existing());
        PodTopologySpread p = Fixtures.plugin(snapshot);
        CycleState state = Fixtures.preFiltered(p, snapshot, c.preemptor());
        CycleState copy = state.copy();
        Status s = c.add()
                ? p.addPod(copy, PodInfo.of(c.preemptor()), PodInfo.of(c.pod()), snapshot.nodeInfos().get(c.nodeIdx()))
                : p.removePod(copy, PodInfo.of(c.preemptor()), PodInfo.of(c.pod()), snapshot.nodeInfos().get(c.nodeIdx()));
        assertThat(s.isSuccess()).isTrue();
        assertThat(counts(copy.read(PreFilterState.KEY))).isEqualTo(c.wantCounts());
        assertThat(paths(copy.read(PreFilterState.KEY))).isEqualTo(c.wantPaths());
    }

    @Test
    void updatesChangeOnlyTheCopy() {
        Snapshot snapshot = Fixtures.snapshot(List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1")), List.of());
        PodTopologySpread p = Fixtures.plugin(snapshot);
        Pod preemptor = incoming().spread(1, "node", DO_NOT_SCHEDULE, FOO).obj();
        CycleState state = Fixtures.preFiltered(p, snapshot, preemptor);
        p.addPod(state.copy(), PodInfo.of(preemptor), PodInfo.of(foo("p-a1", "node-a")), snapshot.nodeInfos().get(0));
        assertThat(counts(state.read(PreFilterState.KEY))).containsExactly("foo|node-a=0,node-b=0");
    }

    static List<String> counts(PreFilterState s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.constraints().size(); i++) {
            StringBuilder b = new StringBuilder(s.constraints().get(i).selector().toString()).append('|');
            new TreeMap<>(s.matchNums(i)).forEach((k, v) -> b.append(k).append('=').append(v).append(','));
            b.setLength(b.length() - (s.matchNums(i).isEmpty() ? 0 : 1));
            out.add(b.toString());
        }
        return out;
    }

    static List<String> paths(PreFilterState s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.constraints().size(); i++) {
            CriticalPaths p = s.criticalPaths(i);
            String v0 = p.value(0);
            String v1 = p.value(1);
            if (p.num(0) == p.num(1) && v0.compareTo(v1) > 0) {
                String t = v0;
                v0 = v1;
                v1 = t;
            }
            out.add(v0 + ":" + p.num(0) + " " + v1 + ":" + p.num(1));
        }
        return out;
    }
}
