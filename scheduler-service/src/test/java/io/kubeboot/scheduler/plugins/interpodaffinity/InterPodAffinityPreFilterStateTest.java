package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.testing.PodWrapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.node;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.pod;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.req;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.term;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PreFilter counts and their incremental updates, ported from upstream's TestPreFilterStateAddRemovePod
 * (adding a pod must give the state PreFilter computes with that pod present; removing it again must give
 * the original) and TestGetTPMapMatchingIncomingAffinityAntiAffinity.
 */
class InterPodAffinityPreFilterStateTest {
    static final UnaryOperator<PodWrapper> ANTI_FOO_BAR = p -> p.anti(term("region", req("foo", "In", "bar")));
    static final UnaryOperator<PodWrapper> ANTI_COMPLEX = p -> p.anti(term("region", req("foo", "In", "bar", "buzz")),
            term("zone", req("service", "NotIn", "bar", "security", "test")));
    static final UnaryOperator<PodWrapper> AFFINITY_COMPLEX = p -> p.affinity(term("region", req("foo", "In", "bar", "buzz")),
            term("zone", req("service", "NotIn", "bar", "security", "test")));

    record AddRemove(String name, Pod pending, Pod added, List<Pod> existing, Map<TopologyPair, Long> wantAnti,
                     Map<TopologyPair, Long> wantAffinity) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<TopologyPair, Long> counts(Object... kvn) {
        Map<TopologyPair, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kvn.length; i += 3) {
            m.put(new TopologyPair((String) kvn[i], (String) kvn[i + 1]), ((Integer) kvn[i + 2]).longValue());
        }
        return m;
    }

    static final List<Node> NODES = List.of(node("nodeA", "region", "r1", "zone", "z11"), node("nodeB", "region", "r1", "zone", "z12"),
            node("nodeC", "region", "r2", "zone", "z21"));

    static Stream<AddRemove> addRemove() {
        Pod p1 = pod("p1").label("foo", "bar").node("nodeA").obj();
        return Stream.of(
                new AddRemove("anti-affinity terms are updated correctly after adding and removing a pod",
                        pod("pending").label("foo", "bar").with(ANTI_FOO_BAR).obj(),
                        pod("addedPod").label("foo", "bar").node("nodeB").with(ANTI_FOO_BAR).obj(),
                        List.of(p1, pod("p2").node("nodeC").with(ANTI_FOO_BAR).obj()),
                        counts("region", "r1", 2), counts()),
                new AddRemove("complex anti-affinity terms are updated correctly after adding and removing a pod",
                        pod("pending").label("foo", "bar").with(ANTI_COMPLEX).obj(),
                        pod("addedPod").label("foo", "bar").node("nodeA").with(ANTI_COMPLEX).obj(),
                        List.of(p1, pod("p2").node("nodeC").with(ANTI_FOO_BAR).obj()),
                        counts("region", "r1", 2, "zone", "z11", 2, "zone", "z21", 1), counts()),
                new AddRemove("matching pod affinity and anti-affinity are updated correctly after adding and removing a pod",
                        pod("pending").label("foo", "bar").with(AFFINITY_COMPLEX).obj(),
                        pod("addedPod").label("foo", "bar").node("nodeA").with(ANTI_COMPLEX).obj(),
                        List.of(p1, pod("p2").node("nodeC").with(ANTI_FOO_BAR).with(AFFINITY_COMPLEX).obj()),
                        counts(), counts("region", "r1", 2, "zone", "z11", 2)));
    }

    static PreFilterState preFiltered(Pod pending, List<Pod> pods, CycleState state) {
        Snapshot snapshot = Fixtures.snapshot(NODES, pods);
        InterPodAffinity p = new InterPodAffinity(Map.of(), Fixtures.handle(snapshot));
        assertThat(p.preFilter(state, PodInfo.of(pending), snapshot.nodeInfos()).status().isSuccess()).isTrue();
        return state.read(PreFilterState.KEY);
    }

    static List<Map<TopologyPair, Long>> all(PreFilterState s) {
        return List.of(Map.copyOf(s.existingAntiAffinityCounts().asMap()), Map.copyOf(s.affinityCounts().asMap()),
                Map.copyOf(s.antiAffinityCounts().asMap()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addRemove")
    void addAndRemovePod(AddRemove c) {
        List<Pod> withAdded = new ArrayList<>(c.existing());
        withAdded.add(c.added());
        PreFilterState allPods = preFiltered(c.pending(), withAdded, new CycleState());

        Snapshot snapshot = Fixtures.snapshot(NODES, c.existing());
        InterPodAffinity p = new InterPodAffinity(Map.of(), Fixtures.handle(snapshot));
        CycleState state = new CycleState();
        p.preFilter(state, PodInfo.of(c.pending()), snapshot.nodeInfos());
        List<Map<TopologyPair, Long>> original = all(state.read(PreFilterState.KEY));
        CycleState copy = state.copy();
        NodeInfo node = snapshot.get(c.added().getSpec().getNodeName());

        assertThat(p.addPod(copy, PodInfo.of(c.pending()), PodInfo.of(c.added()), node)).isEqualTo(Status.success());
        PreFilterState added = copy.read(PreFilterState.KEY);
        assertThat(added.antiAffinityCounts().asMap()).isEqualTo(c.wantAnti());
        assertThat(added.affinityCounts().asMap()).isEqualTo(c.wantAffinity());
        assertThat(all(added)).isEqualTo(all(allPods));
        // the original state is untouched by changes to the copy
        assertThat(all(state.read(PreFilterState.KEY))).isEqualTo(original);

        assertThat(p.removePod(copy, PodInfo.of(c.pending()), PodInfo.of(c.added()), node)).isEqualTo(Status.success());
        assertThat(all(copy.read(PreFilterState.KEY))).isEqualTo(original);
    }

    record Incoming(String name, List<Pod> existing, Pod pod, Map<TopologyPair, Long> wantAffinity, Map<TopologyPair, Long> wantAnti) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Pod normal(String... labels) {
        PodWrapper m = pod("normal").node("nodeA");
        for (String l : labels) {
            m.label(l, "");
        }
        return m.obj();
    }

    static Stream<Incoming> incoming() {
        return Stream.of(
                new Incoming("no pod has label that violates incoming pod's affinity and anti-affinity", List.of(normal("bbb")),
                        pod("aaa-anti").affinityExists("aaa", "hostname").antiExists("aaa", "hostname").obj(), counts(), counts()),
                new Incoming("existing pod matches incoming pod's affinity and anti-affinity - single term case", List.of(normal("aaa")),
                        pod("affi-antiaffi").affinityExists("aaa", "hostname").antiExists("aaa", "hostname").obj(),
                        counts("hostname", "nodeA", 1), counts("hostname", "nodeA", 1)),
                new Incoming("existing pod matches incoming pod's affinity and anti-affinity - multiple terms case", List.of(normal("aaa", "bbb")),
                        pod("affi-antiaffi").affinityExists("aaa", "hostname").affinityExists("bbb", "hostname").antiExists("aaa", "hostname").obj(),
                        counts("hostname", "nodeA", 2), counts("hostname", "nodeA", 1)),
                new Incoming("existing pod not match incoming pod's affinity but matches anti-affinity", List.of(normal("aaa")),
                        pod("affi-antiaffi").affinityExists("aaa", "hostname").affinityExists("bbb", "hostname")
                                .antiExists("aaa", "hostname").antiExists("bbb", "hostname").obj(),
                        counts(), counts("hostname", "nodeA", 1)),
                new Incoming("incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 1",
                        List.of(normal("aaa", "bbb")),
                        pod("anaffi-antiaffiti").affinityExists("aaa", "hostname").affinityExists("ccc", "hostname")
                                .antiExists("aaa", "hostname").antiExists("ccc", "hostname").obj(),
                        counts(), counts("hostname", "nodeA", 1)),
                new Incoming("incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 2",
                        List.of(normal("bbb")),
                        pod("affi-antiaffi").affinityExists("aaa", "hostname").affinityExists("bbb", "hostname")
                                .antiExists("aaa", "hostname").antiExists("bbb", "hostname").obj(),
                        counts(), counts("hostname", "nodeA", 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incoming")
    void incomingPodCounts(Incoming c) {
        Snapshot snapshot = Fixtures.snapshot(List.of(node("nodeA", "hostname", "nodeA")), c.existing());
        CycleState state = new CycleState();
        new InterPodAffinity(Map.of(), Fixtures.handle(snapshot)).preFilter(state, PodInfo.of(c.pod()), snapshot.nodeInfos());
        PreFilterState s = state.read(PreFilterState.KEY);
        assertThat(s.affinityCounts().asMap()).isEqualTo(c.wantAffinity());
        assertThat(s.antiAffinityCounts().asMap()).isEqualTo(c.wantAnti());
    }
}
