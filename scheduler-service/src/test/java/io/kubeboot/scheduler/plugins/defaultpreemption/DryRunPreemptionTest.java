package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.Plugin;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.HIGH;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.LARGE;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.LOW;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.MEDIUM;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.MID;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.SMALL;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.VERY_HIGH;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.VERY_LARGE;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.epoch;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dry run and SelectVictimsOnNode, ported from upstream's {@code TestDryRunPreemption}: which nodes
 * become candidates with which victims, and how many Filter runs that took. Victims are listed in the
 * order preemption keeps them (most important first), where upstream's table sorts them by name.
 * The PodDisruptionBudget cases have no counterpart (KubeBoot has no PDBs); the one with two
 * equal-priority victims is kept without its PDB.
 */
class DryRunPreemptionTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    /**
     * @param plugins    built per run; a {@link TestPlugins.FakeFilter} with the case's codes always goes first
     * @param fakeCode   what the FakeFilter answers on every node
     * @param offsets    the random start of each cycle (one cycle per test pod)
     * @param expected   per cycle: node to victim names
     * @param filterRuns per cycle: how often the FakeFilter ran
     */
    record Case(String name, List<String> nodeNames, List<Pod> testPods, List<Pod> initPods,
                Function<Void, List<Plugin>> plugins, Status.Code fakeCode, DefaultPreemptionArgs args,
                List<Integer> offsets, List<Map<String, List<String>>> expected, List<Integer> filterRuns) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Function<Void, List<Plugin>> fit() {
        return v -> List.of(new TestPlugins.ResourceFit());
    }

    private static Map<String, List<String>> victims(Object... nodeThenNames) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < nodeThenNames.length; i += 2) {
            m.put((String) nodeThenNames[i], List.of(((String) nodeThenNames[i + 1]).split(",")));
        }
        return m;
    }

    private static List<String> names(String... n) {
        return List.of(n);
    }

    static Stream<Case> cases() {
        DefaultPreemptionArgs dflt = DefaultPreemptionArgs.DEFAULTS;
        DefaultPreemptionArgs forty = new DefaultPreemptionArgs(40, 1);
        List<String> two = names("node1", "node2");
        List<String> five = names("node1", "node2", "node3", "node4", "node5");
        List<Pod> fiveMid = List.of(
                pod("p1").node("node1").priority(MID).req(LARGE).obj(),
                pod("p2").node("node2").priority(MID).req(LARGE).obj(),
                pod("p3").node("node3").priority(MID).req(LARGE).obj(),
                pod("p4").node("node4").priority(MID).req(LARGE).obj(),
                pod("p5").node("node5").priority(MID).req(LARGE).obj());
        return Stream.of(
                new Case("a pod that does not fit on any node", two,
                        List.of(pod("p").priority(HIGH).obj()),
                        List.of(pod("p1").node("node1").priority(MID).obj(), pod("p2").node("node2").priority(MID).obj()),
                        v -> List.of(TestPlugins.constant(false)), null, dflt, List.of(0), List.of(Map.of()), List.of(2)),
                new Case("a pod that fits with no preemption", two,
                        List.of(pod("p").priority(HIGH).obj()),
                        List.of(pod("p1").node("node1").priority(MID).obj(), pod("p2").node("node2").priority(MID).obj()),
                        v -> List.of(TestPlugins.constant(true)), Status.Code.UNSCHEDULABLE, dflt, List.of(0), List.of(Map.of()), List.of(2)),
                new Case("a pod that fits on both nodes when lower priority pods are preempted", two,
                        List.of(pod("p").priority(HIGH).req(LARGE).obj()),
                        List.of(pod("p1").node("node1").priority(MID).req(LARGE).obj(), pod("p2").node("node2").priority(MID).req(LARGE).obj()),
                        fit(), null, dflt, List.of(0), List.of(victims("node1", "p1", "node2", "p2")), List.of(4)),
                new Case("a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen", two,
                        List.of(pod("p").priority(LOW).req(LARGE).obj()),
                        List.of(pod("p1").node("node1").priority(MID).req(LARGE).obj(), pod("p2").node("node2").priority(MID).req(LARGE).obj()),
                        fit(), null, dflt, List.of(0), List.of(Map.of()), List.of(0)),
                new Case("medium priority pod is preempted, but lower priority one stays as it is small", two,
                        List.of(pod("p").priority(HIGH).req(LARGE).obj()),
                        List.of(pod("p1.1").node("node1").priority(LOW).req(SMALL).obj(),
                                pod("p1.2").node("node1").priority(MID).req(LARGE).obj(),
                                pod("p2").node("node2").priority(MID).req(LARGE).obj()),
                        fit(), null, dflt, List.of(0), List.of(victims("node1", "p1.2", "node2", "p2")), List.of(5)),
                new Case("mixed priority pods are preempted", two,
                        List.of(pod("p").priority(HIGH).req(LARGE).obj()),
                        List.of(pod("p1.1").node("node1").priority(MID).req(SMALL).obj(),
                                pod("p1.2").node("node1").priority(LOW).req(SMALL).obj(),
                                pod("p1.3").node("node1").priority(MID).req(MEDIUM).obj(),
                                pod("p1.4").node("node1").priority(HIGH).req(SMALL).obj(),
                                pod("p2").node("node2").priority(HIGH).req(LARGE).obj()),
                        fit(), null, dflt, List.of(0), List.of(victims("node1", "p1.3,p1.2")), List.of(4)),
                new Case("mixed priority pods are preempted, pick later StartTime one when priorities are equal", two,
                        List.of(pod("p").priority(HIGH).req(LARGE).obj()),
                        List.of(pod("p1.1").node("node1").priority(LOW).req(SMALL).startTime(epoch(5)).obj(),
                                pod("p1.2").node("node1").priority(LOW).req(SMALL).startTime(epoch(4)).obj(),
                                pod("p1.3").node("node1").priority(MID).req(MEDIUM).startTime(epoch(3)).obj(),
                                pod("p1.4").node("node1").priority(HIGH).req(SMALL).startTime(epoch(2)).obj(),
                                pod("p2").node("node2").priority(HIGH).req(LARGE).startTime(epoch(1)).obj()),
                        fit(), null, dflt, List.of(0), List.of(victims("node1", "p1.3,p1.1")), List.of(4)),
                new Case("pod with anti-affinity is preempted", two,
                        List.of(pod("p").label("foo", "").priority(HIGH).req(SMALL).obj()),
                        List.of(pod("p1.1").node("node1").label("foo", "").label("avoid-foo", "").priority(LOW).req(SMALL).obj(),
                                pod("p1.2").node("node1").priority(MID).req(SMALL).obj(),
                                pod("p1.3").node("node1").priority(HIGH).req(SMALL).obj(),
                                pod("p2").node("node2").priority(HIGH).req(SMALL).obj()),
                        v -> List.of(new TestPlugins.ResourceFit(), new TestPlugins.RepelledByLabel()), null, dflt,
                        List.of(0), List.of(victims("node1", "p1.1")), List.of(3)),
                new Case("get Unschedulable in the preemption phase when the filter plugins filtering the nodes", two,
                        List.of(pod("p").priority(HIGH).req(LARGE).obj()),
                        List.of(pod("p1").node("node1").priority(MID).req(LARGE).obj(), pod("p2").node("node2").priority(MID).req(LARGE).obj()),
                        fit(), Status.Code.UNSCHEDULABLE, dflt, List.of(0), List.of(Map.of()), List.of(2)),
                new Case("two victims of equal priority (upstream: preemption with violation of same pdb)", names("node1"),
                        List.of(pod("p").priority(HIGH).req(VERY_LARGE).obj()),
                        List.of(pod("p1.1").node("node1").label("app", "foo").priority(MID).req(MEDIUM).obj(),
                                pod("p1.2").node("node1").label("app", "foo").priority(MID).req(MEDIUM).obj()),
                        fit(), null, dflt, List.of(0), List.of(victims("node1", "p1.1,p1.2")), List.of(3)),
                // offset 4: node5 (yes), node1 (yes) -> two candidates, enough
                new Case("all nodes are possible candidates, but DefaultPreemptionArgs limits to 2", five,
                        List.of(pod("p").priority(HIGH).req(LARGE).obj()), fiveMid,
                        fit(), null, forty, List.of(4), List.of(victims("node1", "p1", "node5", "p5")), List.of(4)),
                // offset 4: node5 (no), node1 (yes), node2 (no), node3 (yes)
                new Case("some nodes are not possible candidates, DefaultPreemptionArgs limits to 2", five,
                        List.of(pod("p").priority(HIGH).req(LARGE).obj()),
                        List.of(pod("p1").node("node1").priority(MID).req(LARGE).obj(),
                                pod("p2").node("node2").priority(VERY_HIGH).req(LARGE).obj(),
                                pod("p3").node("node3").priority(MID).req(LARGE).obj(),
                                pod("p4").node("node4").priority(MID).req(LARGE).obj(),
                                pod("p5").node("node5").priority(VERY_HIGH).req(LARGE).obj()),
                        fit(), null, forty, List.of(4), List.of(victims("node1", "p1", "node3", "p3")), List.of(4)),
                // cycles start at node5, node2, node4 and wrap around
                new Case("preemption offset across multiple scheduling cycles and wrap around", five,
                        List.of(pod("tp1").priority(HIGH).req(LARGE).obj(), pod("tp2").priority(HIGH).req(LARGE).obj(),
                                pod("tp3").priority(HIGH).req(LARGE).obj()), fiveMid,
                        fit(), null, forty, List.of(4, 1, 3),
                        List.of(victims("node1", "p1", "node5", "p5"), victims("node2", "p2", "node3", "p3"),
                                victims("node4", "p4", "node5", "p5")),
                        List.of(4, 4, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dryRunPreemption(Case tc) {
        List<Node> nodes = tc.nodeNames().stream().map(n -> {
            String[] parts = n.split("/");
            TestObjects.NodeMaker m = TestObjects.node(parts[0]).capacity(VERY_LARGE).label("hostname", parts[0]);
            if (parts.length > 1) {
                m.label("zone", parts[1]);
            }
            return m.obj();
        }).toList();
        Map<String, Status.Code> codes = new HashMap<>();
        if (tc.fakeCode() != null) {
            nodes.forEach(n -> codes.put(n.getMetadata().getName(), tc.fakeCode()));
        }
        TestPlugins.FakeFilter fake = new TestPlugins.FakeFilter(codes);
        List<Plugin> plugins = new ArrayList<>();
        plugins.add(fake);
        plugins.addAll(tc.plugins().apply(null));
        TestHandle handle = TestHandle.of(nodes, tc.initPods(), plugins);
        DefaultPreemption pl = new DefaultPreemption(tc.args(), handle, new ScriptedRandom(tc.offsets().toArray(Integer[]::new)), CLOCK);
        List<NodeInfo> nodeInfos = handle.snapshot().nodeInfos();
        Map<String, List<String>> podsBefore = podNames(nodeInfos);

        for (int cycle = 0; cycle < tc.testPods().size(); cycle++) {
            PodInfo pod = PodInfo.of(tc.testPods().get(cycle));
            CycleState state = handle.preFilter(pod);
            int callsBefore = fake.calls.get();
            List<Candidate> got = pl.dryRunPreemption(state, pod, nodeInfos, pl.offsetAndNumCandidates(nodeInfos.size()));

            Map<String, List<String>> gotVictims = new java.util.TreeMap<>();
            got.forEach(c -> gotVictims.put(c.nodeName(), c.victims().stream().map(PodInfo::name).toList()));
            assertThat(gotVictims).as("cycle %d candidates", cycle).isEqualTo(new java.util.TreeMap<>(tc.expected().get(cycle)));
            assertThat(got).allSatisfy(c -> assertThat(c.numPdbViolations()).isZero());
            assertThat(fake.calls.get() - callsBefore).as("cycle %d filter runs", cycle).isEqualTo(tc.filterRuns().get(cycle));
        }
        // the what-if removals worked on copies
        assertThat(podNames(nodeInfos)).isEqualTo(podsBefore);
    }

    private static Map<String, List<String>> podNames(List<NodeInfo> nodes) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.nodeName(), n.pods().stream().map(PodInfo::name).toList()));
        return m;
    }

    @Test
    void whatIfRemovalsChangeOnlyTheCopiesOfTheCycleState() {
        TestPlugins.RepelledByLabel repelled = new TestPlugins.RepelledByLabel();
        TestHandle handle = TestHandle.of(
                List.of(TestObjects.node("node1").capacity(VERY_LARGE).obj()),
                List.of(pod("v").node("node1").label("avoid-foo", "").priority(LOW).obj()),
                List.of(repelled));
        PodInfo pod = PodInfo.of(pod("p").label("foo", "").priority(HIGH).obj());
        CycleState state = handle.preFilter(pod);
        DefaultPreemption pl = new DefaultPreemption(DefaultPreemptionArgs.DEFAULTS, handle, new ScriptedRandom(), CLOCK);

        List<Candidate> got = pl.dryRunPreemption(state, pod, handle.snapshot().nodeInfos(), new DefaultPreemption.Window(0, 1));

        assertThat(got).extracting(Candidate::nodeName).containsExactly("node1");
        assertThat(state.read(TestPlugins.RepelledByLabel.KEY).byNode()).containsEntry("node1", 1);
    }

    @Test
    void victimsOnTheNodeAreRemovedThroughTheRunnerAndAFailingExtensionIsAnError() {
        TestHandle handle = TestHandle.of(
                List.of(TestObjects.node("node1").capacity(LARGE).label("error", "true").obj()),
                List.of(pod("p1").node("node1").obj()),
                List.of(new TestPlugins.ResourceFit(), new TestPlugins.FailOnErrorLabel()));
        PodInfo pod = PodInfo.of(pod("p").priority(HIGH).req(LARGE).obj());
        VictimSelector.Selection s = new VictimSelector(handle)
                .select(handle.preFilter(pod), pod, handle.snapshot().get("node1").copy(), CLOCK.instant());

        assertThat(s.status().code()).isEqualTo(Status.Code.ERROR);
        assertThat(s.status().message()).isEqualTo("running RemovePod on PreFilter plugin \"test-plugin\": failed to remove pod: p");
        assertThat(s.victims()).isEmpty();
    }

    @Test
    void nodeWithoutLowerPriorityPodsIsUnresolvableWithoutRunningFilters() {
        TestPlugins.FakeFilter fake = new TestPlugins.FakeFilter(Map.of());
        TestHandle handle = TestHandle.of(List.of(TestObjects.node("node1").obj()),
                List.of(pod("p1").node("node1").priority(HIGH).obj()), List.of(fake));
        PodInfo pod = PodInfo.of(pod("p").priority(HIGH).obj());

        VictimSelector.Selection s = new VictimSelector(handle)
                .select(new CycleState(), pod, handle.snapshot().get("node1").copy(), CLOCK.instant());

        assertThat(s.status()).isEqualTo(Status.unresolvable("No preemption victims found for incoming pod"));
        assertThat(fake.calls.get()).isZero();
    }

    @Test
    void nominatedPodsOfAtLeastThePreemptorsPriorityKeepTheirRoom() {
        // one pod slot freed by preempting v; a nominated pod of equal priority takes it first
        TestHandle handle = TestHandle.of(List.of(TestObjects.node("node1").capacity(TestObjects.ONE_POD).obj()),
                List.of(pod("v").node("node1").priority(LOW).obj()),
                List.of(new TestPlugins.ResourceFit()));
        handle.nominate(pod("n").priority(HIGH).nominatedNodeName("node1").obj());
        PodInfo pod = PodInfo.of(pod("p").priority(HIGH).obj());

        VictimSelector.Selection s = new VictimSelector(handle)
                .select(new CycleState(), pod, handle.snapshot().get("node1").copy(), CLOCK.instant());

        assertThat(s.status().reasons()).containsExactly("Too many pods");
        assertThat(s.status().plugin()).isEqualTo("NodeResourcesFit");
    }

    @Test
    void aThrowingPluginFailsOnlyItsNode() {
        io.kubeboot.scheduler.framework.FilterPlugin throwsOnNode1 = new io.kubeboot.scheduler.framework.FilterPlugin() {
            @Override
            public String name() {
                return "Throws";
            }

            @Override
            public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
                if (node.nodeName().equals("node1")) {
                    throw new IllegalStateException("boom");
                }
                return Status.success();
            }
        };
        TestHandle handle = TestHandle.of(
                List.of(TestObjects.node("node1").capacity(LARGE).obj(), TestObjects.node("node2").capacity(LARGE).obj()),
                List.of(pod("v1").node("node1").priority(LOW).req(LARGE).obj(), pod("v2").node("node2").priority(LOW).req(LARGE).obj()),
                List.of(new TestPlugins.ResourceFit(), throwsOnNode1));
        DefaultPreemption pl = new DefaultPreemption(DefaultPreemptionArgs.DEFAULTS, handle, new ScriptedRandom(), CLOCK);
        PodInfo pod = PodInfo.of(pod("p").priority(HIGH).req(LARGE).obj());

        DryRun.Result got = pl.findCandidates(new CycleState(), pod, handle.snapshot().nodeInfos(),
                Map.of("node1", Status.unschedulable(), "node2", Status.unschedulable()), CLOCK.instant());

        assertThat(got.candidates()).extracting(Candidate::nodeName).containsExactly("node2");
        assertThat(got.errors()).containsExactly("boom");
        assertThat(got.nodeStatuses().get("node1").code()).isEqualTo(Status.Code.ERROR);
    }

    @Test
    void parallelDryRunFindsEveryCandidateOnce() {
        List<Node> nodes = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            nodes.add(TestObjects.node("node" + i).capacity(LARGE).obj());
            pods.add(pod("v" + i).node("node" + i).priority(i % 2 == 0 ? LOW : MID).req(MEDIUM).obj());
        }
        TestHandle handle = TestHandle.of(nodes, pods, List.of(new TestPlugins.ResourceFit())).parallel();
        DefaultPreemption pl = new DefaultPreemption(DefaultPreemptionArgs.DEFAULTS, handle, new ScriptedRandom(17), CLOCK);
        PodInfo pod = PodInfo.of(pod("p").priority(HIGH).req(MEDIUM).obj());

        List<Candidate> got = pl.dryRunPreemption(new CycleState(), pod, handle.snapshot().nodeInfos(), pl.offsetAndNumCandidates(64));

        assertThat(got).hasSize(64);
        assertThat(got).extracting(Candidate::nodeName).doesNotHaveDuplicates();
        assertThat(pl.selectCandidate(got).victims()).extracting(PodInfo::priority).containsExactly(LOW);
    }
}
