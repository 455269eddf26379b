package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.testing.NodeWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.BAR;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.FOO;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.HOSTNAME;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.SCHEDULE_ANYWAY;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.UNSCHEDULABLE_TAINT;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.node;
import static io.kubeboot.scheduler.plugins.podtopologyspread.Fixtures.pod;
import static io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpreadFilterTest.bar;
import static io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpreadFilterTest.foo;
import static io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpreadFilterTest.fooBar;
import static io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpreadFilterTest.incoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Normalized scores ported from upstream's TestPodTopologySpreadScore (plugin with System defaulting;
 * {@code nodes} are the feasible ones, {@code failed} are in the cluster but did not pass Filter), plus
 * TestPreScoreSkip and the plugin's registered events.
 */
class PodTopologySpreadScoreTest {

    record Case(String name, Pod pod, List<Node> nodes, List<Node> failed, List<Pod> existing, Map<String, Object> want,
                DefaultSelectors selectors) {
        Case(String name, Pod pod, List<Node> nodes, List<Node> failed, List<Pod> existing, Map<String, Object> want) {
            this(name, pod, nodes, failed, existing, want, DefaultSelectors.NONE);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, Object> want(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Integer) kv[i + 1]).longValue());
        }
        return m;
    }

    static Node host(String name) {
        return node(name).label(HOSTNAME, name).obj();
    }

    static Node zoneHost(String name, String zone) {
        return node(name).label("zone", zone).label(HOSTNAME, name).obj();
    }

    static Node nodeLabelled(String name, String... kv) {
        NodeWrapper m = node(name).label("node", name);
        for (int i = 0; i < kv.length; i += 2) {
            m.label(kv[i], kv[i + 1]);
        }
        return m.obj();
    }

    static List<Pod> foos(String... nameNode) {
        List<Pod> out = new ArrayList<>();
        for (int i = 0; i < nameNode.length; i += 2) {
            out.add(foo(nameNode[i], nameNode[i + 1]));
        }
        return out;
    }

    static Stream<Case> scores() {
        Pod hostSpread = incoming().spread(1, HOSTNAME, SCHEDULE_ANYWAY, FOO).obj();
        List<Node> fourHosts = List.of(host("node-a"), host("node-b"), host("node-c"), host("node-d"));
        List<Pod> s2103 = foos("p-a1", "node-a", "p-a2", "node-a", "p-b1", "node-b", "p-d1", "node-d", "p-d2", "node-d", "p-d3", "node-d");
        List<Pod> s4321 = foos("p-a1", "node-a", "p-a2", "node-a", "p-a3", "node-a", "p-a4", "node-a", "p-b1", "node-b", "p-b2", "node-b",
                "p-b3", "node-b", "p-c1", "node-c", "p-c2", "node-c", "p-d1", "node-d");
        List<Pod> s4213 = foos("p-a1", "node-a", "p-a2", "node-a", "p-a3", "node-a", "p-a4", "node-a", "p-b1", "node-b", "p-b2", "node-b",
                "p-x1", "node-x", "p-y1", "node-y", "p-y2", "node-y", "p-y3", "node-y");
        List<Pod> s2121 = foos("p-a1", "node-a", "p-a2", "node-a", "p-b1", "node-b", "p-c1", "node-c");
        List<Node> abc = List.of(nodeLabelled("node-a", "foo", ""), nodeLabelled("node-b", "foo", ""), nodeLabelled("node-c"));
        List<Node> abcTainted = List.of(nodeLabelled("node-a"), nodeLabelled("node-b"),
                node("node-c").label("node", "node-c").taints(UNSCHEDULABLE_TAINT).obj());
        DefaultSelectors fooService = p -> LabelSelector.fromSet(Map.of("foo", "")).matches(p.getMetadata().getLabels())
                ? List.of(LabelSelector.fromSet(Map.of("foo", ""))) : List.of();
        return Stream.of(
                new Case("one constraint on node, no existing pods", hostSpread, List.of(host("node-a"), host("node-b")), List.of(), List.of(),
                        want("node-a", 100, "node-b", 100)),
                new Case("one constraint on node, only one node is candidate", hostSpread, List.of(host("node-a")), List.of(host("node-b")),
                        foos("p-a1", "node-a", "p-a2", "node-a", "p-b1", "node-b"), want("node-a", 100)),
                new Case("one constraint on node, all nodes have the same number of matching pods", hostSpread,
                        List.of(host("node-a"), host("node-b")), List.of(), foos("p-a1", "node-a", "p-b1", "node-b"),
                        want("node-a", 100, "node-b", 100)),
                new Case("one constraint on node, all 4 nodes are candidates", hostSpread, fourHosts, List.of(), s2103,
                        want("node-a", 20, "node-b", 60, "node-c", 100, "node-d", 0)),
                new Case("one constraint on node, null selector", incoming().spread(1, HOSTNAME, SCHEDULE_ANYWAY, null).obj(), fourHosts,
                        List.of(), s2103, want("node-a", 100, "node-b", 100, "node-c", 100, "node-d", 100)),
                new Case("one constraint on node, all 4 nodes are candidates, maxSkew=2",
                        incoming().spread(2, HOSTNAME, SCHEDULE_ANYWAY, FOO).obj(), fourHosts, List.of(), s2103,
                        want("node-a", 33, "node-b", 66, "node-c", 100, "node-d", 16)),
                new Case("one constraint on node, all 4 nodes are candidates, maxSkew=3",
                        incoming().spread(3, HOSTNAME, SCHEDULE_ANYWAY, FOO).obj(), fourHosts, List.of(), s4321,
                        want("node-a", 44, "node-b", 66, "node-c", 77, "node-d", 100)),
                new Case("system defaulting, nodes don't have zone, pods match service", incoming().obj(), fourHosts, List.of(), s4321,
                        want("node-a", 44, "node-b", 66, "node-c", 77, "node-d", 100), fooService),
                new Case("one constraint on node, 3 out of 4 nodes are candidates", hostSpread,
                        List.of(host("node-a"), host("node-b"), host("node-x")), List.of(host("node-y")), s4213,
                        want("node-a", 33, "node-b", 83, "node-x", 100)),
                new Case("one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key", hostSpread,
                        List.of(host("node-a"), node("node-b").label("n", "node-b").obj(), host("node-x")), List.of(host("node-y")), s4213,
                        want("node-a", 16, "node-b", 0, "node-x", 100)),
                new Case("one constraint on zone, 3 out of 4 nodes are candidates", incoming().spread(1, "zone", SCHEDULE_ANYWAY, FOO).obj(),
                        List.of(zoneHost("node-a", "zone1"), zoneHost("node-b", "zone1"), zoneHost("node-x", "zone2")),
                        List.of(zoneHost("node-y", "zone2")), s4213, want("node-a", 75, "node-b", 75, "node-x", 100)),
                new Case("two Constraints on zone and node, 2 out of 4 nodes are candidates",
                        incoming().spread(1, "zone", SCHEDULE_ANYWAY, FOO).spread(1, HOSTNAME, SCHEDULE_ANYWAY, FOO).obj(),
                        List.of(zoneHost("node-a", "zone1"), zoneHost("node-x", "zone2")),
                        List.of(zoneHost("node-b", "zone1"), zoneHost("node-y", "zone2")),
                        foos("p-a1", "node-a", "p-a2", "node-a", "p-b1", "node-b", "p-x1", "node-x", "p-x2", "node-x", "p-y1", "node-y",
                                "p-y2", "node-y", "p-y3", "node-y", "p-y4", "node-y"),
                        want("node-a", 100, "node-x", 63)),
                new Case("two Constraints on zone, 2 out of 4 nodes are candidates",
                        pod("p").label("foo", "").label("bar", "").spread(1, "zone", SCHEDULE_ANYWAY, FOO).spread(1, "zone", SCHEDULE_ANYWAY, BAR).obj(),
                        List.of(node("node-a").label("zone", "zone1").obj(), node("node-x").label("zone", "zone2").obj()),
                        List.of(node("node-b").label("zone", "zone1").obj(), node("node-y").label("zone", "zone2").obj()),
                        List.of(fooBar("p-a1", "node-a"), foo("p-a2", "node-a"), fooBar("p-b1", "node-b"), foo("p-y1", "node-y"),
                                fooBar("p-y2", "node-y"), foo("p-y3", "node-y")),
                        want("node-a", 85, "node-x", 100)),
                new Case("two Constraints on zone and node, with different labelSelectors",
                        pod("p").label("foo", "").label("bar", "").spread(1, "zone", SCHEDULE_ANYWAY, FOO).spread(1, HOSTNAME, SCHEDULE_ANYWAY, BAR).obj(),
                        List.of(zoneHost("node-a", "zone1"), zoneHost("node-b", "zone1"), zoneHost("node-x", "zone2"), zoneHost("node-y", "zone2")),
                        List.of(), List.of(foo("p-a1", "node-a"), fooBar("p-b1", "node-b"), foo("p-y1", "node-y"), bar("p-y2", "node-y")),
                        want("node-a", 60, "node-b", 20, "node-x", 100, "node-y", 60)),
                new Case("two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods",
                        pod("p").label("foo", "").label("bar", "").spread(1, "zone", SCHEDULE_ANYWAY, FOO).spread(1, HOSTNAME, SCHEDULE_ANYWAY, BAR).obj(),
                        List.of(zoneHost("node-a", "zone1"), zoneHost("node-b", "zone1"), zoneHost("node-x", "zone2"), zoneHost("node-y", "zone2")),
                        List.of(), List.of(bar("p-b1", "node-b"), foo("p-x1", "node-x"), fooBar("p-y1", "node-y")),
                        want("node-a", 100, "node-b", 60, "node-x", 40, "node-y", 0)),
                new Case("two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates",
                        pod("p").label("foo", "").label("bar", "").spread(1, "zone", SCHEDULE_ANYWAY, FOO).spread(1, HOSTNAME, SCHEDULE_ANYWAY, BAR).obj(),
                        List.of(zoneHost("node-a", "zone1"), zoneHost("node-b", "zone1"), zoneHost("node-x", "zone2")),
                        List.of(zoneHost("node-y", "zone2")),
                        List.of(foo("p-a1", "node-a"), fooBar("p-b1", "node-b"), foo("p-y1", "node-y"), bar("p-y2", "node-y")),
                        want("node-a", 50, "node-b", 25, "node-x", 100)),
                new Case("existing pods in a different namespace do not count", hostSpread, List.of(host("node-a"), host("node-b")), List.of(),
                        List.of(pod("p-a1").namespace("ns1").node("node-a").label("foo", "").obj(), foo("p-a2", "node-a"),
                                foo("p-b1", "node-b"), foo("p-b2", "node-b")),
                        want("node-a", 100, "node-b", 33)),
                new Case("terminating Pods should be excluded", hostSpread, List.of(host("node-a"), host("node-b")), List.of(),
                        List.of(pod("p-a").node("node-a").label("foo", "").terminating().obj(), foo("p-b", "node-b")),
                        want("node-a", 100, "node-b", 0)),
                new Case("minDomains has no effect when ScheduleAnyway", incoming().spread(2, "node", SCHEDULE_ANYWAY, FOO, 10, null, null).obj(),
                        List.of(nodeLabelled("node-a"), nodeLabelled("node-b"), nodeLabelled("node-c")), List.of(),
                        foos("p-a1", "node-a", "p-a2", "node-a", "p-b1", "node-b", "p-b2", "node-b", "p-c1", "node-c"),
                        want("node-a", 75, "node-b", 75, "node-c", 100)),
                new Case("NodeAffinityPolicy honored with labelSelectors",
                        incoming().nodeSelector("foo", "").spread(1, "node", SCHEDULE_ANYWAY, FOO).obj(), abc, List.of(), s2121,
                        want("node-a", 0, "node-b", 33, "node-c", 100)),
                new Case("NodeAffinityPolicy ignored with labelSelectors",
                        incoming().nodeSelector("foo", "").spread(1, "node", SCHEDULE_ANYWAY, FOO, null, "Ignore", null).obj(), abc, List.of(),
                        s2121, want("node-a", 66, "node-b", 100, "node-c", 100)),
                new Case("NodeAffinityPolicy honored with nodeAffinity",
                        incoming().nodeAffinityIn("foo", "").spread(1, "node", SCHEDULE_ANYWAY, FOO).obj(), abc, List.of(), s2121,
                        want("node-a", 0, "node-b", 33, "node-c", 100)),
                new Case("NodeAffinityPolicy ignored with nodeAffinity",
                        incoming().nodeAffinityIn("foo", "").spread(1, "node", SCHEDULE_ANYWAY, FOO, null, "Ignore", null).obj(), abc, List.of(),
                        s2121, want("node-a", 66, "node-b", 100, "node-c", 100)),
                new Case("NodeTaintsPolicy honored", incoming().spread(1, "node", SCHEDULE_ANYWAY, FOO, null, null, "Honor").obj(), abcTainted,
                        List.of(), s2121, want("node-a", 0, "node-b", 33, "node-c", 100)),
                new Case("NodeTaintsPolicy ignored", incoming().spread(1, "node", SCHEDULE_ANYWAY, FOO).obj(), abcTainted, List.of(), s2121,
                        want("node-a", 66, "node-b", 100, "node-c", 100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scores")
    void score(Case c) {
        List<Node> all = new ArrayList<>(c.nodes());
        all.addAll(c.failed());
        Snapshot snapshot = Fixtures.snapshot(all, c.existing());
        PodTopologySpread p = new PodTopologySpread(Map.of("defaultingType", "System"), Fixtures.handle(snapshot), c.selectors());
        PodInfo pod = PodInfo.of(c.pod());
        List<NodeInfo> feasible = snapshot.nodeInfos().subList(0, c.nodes().size());
        CycleState state = new CycleState();
        assertThat(p.preScore(state, pod, feasible).isSuccess()).isTrue();

        NodeScores scores = new NodeScores(feasible.stream().map(NodeInfo::nodeName).toArray(String[]::new));
        for (int i = 0; i < feasible.size(); i++) {
            scores.set(i, p.score(state, pod, feasible.get(i)));
        }
        assertThat(p.normalizeScore(state, pod, scores).isSuccess()).isTrue();
        Map<String, Object> got = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            got.put(scores.name(i), scores.score(i));
        }
        assertThat(got).isEqualTo(c.want());
    }

    @Test
    void preScoreSkipsPodsWithoutSoftConstraints() {
        Snapshot snapshot = Fixtures.snapshot(List.of(host("node-a"), host("node-b")), List.of());
        PodTopologySpread p = new PodTopologySpread(Map.of("defaultingType", "List"), Fixtures.handle(snapshot), DefaultSelectors.NONE);
        assertThat(p.preScore(new CycleState(), PodInfo.of(pod("p").obj()), snapshot.nodeInfos())).isEqualTo(Status.skip());
    }

    @Test
    void preScoreSkipsDefaultConstraintsWhenNoWorkloadSelectsThePod() {
        // upstream: "default constraints and a replicaset that doesn't match"
        Snapshot snapshot = Fixtures.snapshot(List.of(node("node-a").label("planet", "mars").obj()), List.of());
        PodTopologySpread p = new PodTopologySpread(Map.of("defaultingType", "List", "defaultConstraints",
                List.of(Map.of("maxSkew", 2, "topologyKey", "planet", "whenUnsatisfiable", SCHEDULE_ANYWAY))),
                Fixtures.handle(snapshot), DefaultSelectors.NONE);
        Pod pod = pod("p").label("foo", "bar").label("baz", "sup").ownerReference("rs2", "apps/v1", "ReplicaSet").obj();
        assertThat(p.preScore(new CycleState(), PodInfo.of(pod), snapshot.nodeInfos())).isEqualTo(Status.skip());
    }

    @Test
    void systemDefaultsCountNodesWithoutZoneAsOneDomain() {
        // upstream TestPreScoreStateEmptyNodes "system default constraints and a replicaset"
        Snapshot snapshot = Fixtures.snapshot(List.of(
                node("node-a").label(HOSTNAME, "node-a").label("topology.kubernetes.io/zone", "mars").obj(),
                node("node-b").label(HOSTNAME, "node-b").label("topology.kubernetes.io/zone", "mars").obj(),
                host("node-c"), host("node-d")), List.of());
        DefaultSelectors replicaSet = p -> List.of(LabelSelector.parse("foo"));
        PodTopologySpread p = new PodTopologySpread(Map.of(), Fixtures.handle(snapshot), replicaSet);
        CycleState state = new CycleState();
        Pod pod = pod("p").label("foo", "tar").label("baz", "sup").ownerReference("rs1", "apps/v1", "ReplicaSet").obj();
        assertThat(p.preScore(state, PodInfo.of(pod), snapshot.nodeInfos()).isSuccess()).isTrue();
        PreScoreState s = state.read(PreScoreState.KEY);
        assertThat(s.constraints()).containsExactly(
                new SpreadConstraint(3, HOSTNAME, LabelSelector.parse("foo"), 1, true, false),
                new SpreadConstraint(5, "topology.kubernetes.io/zone", LabelSelector.parse("foo"), 1, true, false));
        assertThat(s.ignoredNodes()).isEmpty();
        assertThat(s.topologyValueToPodCounts().get(1)).containsOnlyKeys("mars", "");
        assertThat(s.topologyNormalizingWeight()).containsExactly(Math.log(6), Math.log(4));
    }

    @Test
    void scoreWithoutPreScoreStateThrows() {
        PodTopologySpread p = Fixtures.plugin(Fixtures.snapshot(List.of(), List.of()));
        assertThatThrownBy(() -> p.score(new CycleState(), PodInfo.of(pod("p").obj()), NodeInfo.of(host("n"))))
                .hasMessage("error reading \"PreScorePodTopologySpread\" from cycleState: not found");
    }

    @Test
    void registersUpstreamEvents() {
        PodTopologySpread p = Fixtures.plugin(Fixtures.snapshot(List.of(), List.of()));
        assertThat(p.eventsToRegister()).containsExactly(
                ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.ADD | ClusterEvent.UPDATE_POD_LABEL
                        | ClusterEvent.UPDATE_POD_TOLERATIONS | ClusterEvent.DELETE),
                ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.DELETE
                        | ClusterEvent.UPDATE_NODE_LABEL | ClusterEvent.UPDATE_NODE_TAINT));
    }

    @Test
    void rejectsInvalidArgs() {
        Snapshot s = Fixtures.snapshot(List.of(), List.of());
        assertThatThrownBy(() -> new PodTopologySpread(Map.of("defaultingType", "System", "defaultConstraints",
                List.of(Map.of("maxSkew", 1, "topologyKey", "zone", "whenUnsatisfiable", SCHEDULE_ANYWAY))), Fixtures.handle(s), DefaultSelectors.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("defaultingType: Invalid value: \"System\": when .defaultConstraints are not empty");
        assertThatThrownBy(() -> new PodTopologySpread(Map.of("defaultConstraints",
                List.of(Map.of("maxSkew", 0, "topologyKey", "zone", "whenUnsatisfiable", SCHEDULE_ANYWAY))), Fixtures.handle(s), DefaultSelectors.NONE))
                .hasMessage("defaultConstraints[0].maxSkew: Invalid value: 0: not in valid range (0, inf)");
    }
}
