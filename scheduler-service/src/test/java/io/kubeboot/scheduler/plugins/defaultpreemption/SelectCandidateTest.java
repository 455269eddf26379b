package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.defaultpreemption.DryRunPreemptionTest.CLOCK;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.HIGH;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.LARGE;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.LOW;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.MEDIUM;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.MID;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.NEG;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.SMALL;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.VERY_HIGH;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.VERY_LARGE;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.epoch;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Choosing the node: upstream's {@code TestSelectBestCandidate} (dry run + SelectCandidate over real
 * victim selection) and a table over {@code pickOneNodeForPreemption} with hand-made candidates that
 * isolates each tie-breaker, including the PDB-violation count KubeBoot never sets.
 */
class SelectCandidateTest {

    record BestCase(String name, List<String> nodeNames, Pod pod, List<Pod> pods, List<String> expectedAnyOf) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BestCase> bestCases() {
        List<String> three = List.of("node1", "node2", "node3");
        String t = epoch(0);
        return Stream.of(
                new BestCase("a pod that fits on both nodes when lower priority pods are preempted", List.of("node1", "node2"),
                        pod("p").priority(HIGH).req(LARGE).obj(),
                        List.of(pod("p1").node("node1").priority(MID).req(LARGE).startTime(t).obj(),
                                pod("p2").node("node2").priority(MID).req(LARGE).startTime(t).obj()),
                        List.of("node1", "node2")),
                new BestCase("node with min highest priority pod is picked", three,
                        pod("p").priority(HIGH).req(VERY_LARGE).obj(),
                        List.of(pod("p1.1").node("node1").priority(MID).req(MEDIUM).startTime(t).obj(),
                                pod("p1.2").node("node1").priority(MID).req(LARGE).startTime(t).obj(),
                                pod("p2.1").node("node2").priority(MID).req(MEDIUM).startTime(t).obj(),
                                pod("p2.2").node("node2").priority(LOW).req(MEDIUM).startTime(t).obj(),
                                pod("p3.1").node("node3").priority(LOW).req(MEDIUM).startTime(t).obj(),
                                pod("p3.2").node("node3").priority(LOW).req(MEDIUM).startTime(t).obj()),
                        List.of("node3")),
                new BestCase("when highest priorities are the same, minimum sum of priorities is picked", three,
                        pod("p").priority(HIGH).req(VERY_LARGE).obj(),
                        List.of(pod("p1.1").node("node1").priority(MID).req(MEDIUM).startTime(t).obj(),
                                pod("p1.2").node("node1").priority(MID).req(LARGE).startTime(t).obj(),
                                pod("p2.1").node("node2").priority(MID).req(LARGE).startTime(t).obj(),
                                pod("p2.2").node("node2").priority(LOW).req(MEDIUM).startTime(t).obj(),
                                pod("p3.1").node("node3").priority(MID).req(MEDIUM).startTime(t).obj(),
                                pod("p3.2").node("node3").priority(MID).req(MEDIUM).startTime(t).obj()),
                        List.of("node2")),
                new BestCase("when highest priority and sum are the same, minimum number of pods is picked", three,
                        pod("p").priority(HIGH).req(VERY_LARGE).obj(),
                        List.of(pod("p1.1").node("node1").priority(MID).req(SMALL).startTime(t).obj(),
                                pod("p1.2").node("node1").priority(NEG).req(SMALL).startTime(t).obj(),
                                pod("p1.3").node("node1").priority(MID).req(SMALL).startTime(t).obj(),
                                pod("p1.4").node("node1").priority(NEG).req(SMALL).startTime(t).obj(),
                                pod("p2.1").node("node2").priority(MID).req(LARGE).startTime(t).obj(),
                                pod("p2.2").node("node2").priority(NEG).req(MEDIUM).startTime(t).obj(),
                                pod("p3.1").node("node3").priority(MID).req(MEDIUM).startTime(t).obj(),
                                pod("p3.2").node("node3").priority(NEG).req(SMALL).startTime(t).obj(),
                                pod("p3.3").node("node3").priority(LOW).req(SMALL).startTime(t).obj()),
                        List.of("node2")),
                new BestCase("sum of adjusted priorities is considered", three,
                        pod("p").priority(HIGH).req(VERY_LARGE).obj(),
                        List.of(pod("p1.1").node("node1").priority(MID).req(SMALL).startTime(t).obj(),
                                pod("p1.2").node("node1").priority(NEG).req(SMALL).startTime(t).obj(),
                                pod("p1.3").node("node1").priority(NEG).req(SMALL).startTime(t).obj(),
                                pod("p2.1").node("node2").priority(MID).req(LARGE).startTime(t).obj(),
                                pod("p2.2").node("node2").priority(NEG).req(MEDIUM).startTime(t).obj(),
                                pod("p3.1").node("node3").priority(MID).req(MEDIUM).startTime(t).obj(),
                                pod("p3.2").node("node3").priority(NEG).req(SMALL).startTime(t).obj(),
                                pod("p3.3").node("node3").priority(LOW).req(SMALL).startTime(t).obj()),
                        List.of("node2")),
                new BestCase("non-overlapping lowest high priority, sum priorities, and number of pods",
                        List.of("node1", "node2", "node3", "node4"),
                        pod("p").priority(VERY_HIGH).req(VERY_LARGE).obj(),
                        List.of(pod("p1.1").node("node1").priority(MID).req(SMALL).startTime(t).obj(),
                                pod("p1.2").node("node1").priority(LOW).req(SMALL).startTime(t).obj(),
                                pod("p1.3").node("node1").priority(LOW).req(SMALL).startTime(t).obj(),
                                pod("p2.1").node("node2").priority(HIGH).req(LARGE).startTime(t).obj(),
                                pod("p3.1").node("node3").priority(MID).req(MEDIUM).startTime(t).obj(),
                                pod("p3.2").node("node3").priority(LOW).req(SMALL).startTime(t).obj(),
                                pod("p3.3").node("node3").priority(LOW).req(SMALL).startTime(t).obj(),
                                pod("p3.4").node("node3").priority(LOW).req(MEDIUM).startTime(t).obj(),
                                pod("p4.1").node("node4").priority(MID).req(MEDIUM).startTime(t).obj(),
                                pod("p4.2").node("node4").priority(MID).req(SMALL).startTime(t).obj(),
                                pod("p4.3").node("node4").priority(MID).req(SMALL).startTime(t).obj(),
                                pod("p4.4").node("node4").priority(NEG).req(SMALL).startTime(t).obj()),
                        List.of("node1")),
                new BestCase("same priority, same number of victims, different start time for each node's pod", three,
                        pod("p").priority(HIGH).req(VERY_LARGE).obj(),
                        List.of(pod("p1.1").node("node1").priority(MID).req(MEDIUM).startTime(epoch(2)).obj(),
                                pod("p1.2").node("node1").priority(MID).req(MEDIUM).startTime(epoch(2)).obj(),
                                pod("p2.1").node("node2").priority(MID).req(MEDIUM).startTime(epoch(3)).obj(),
                                pod("p2.2").node("node2").priority(MID).req(MEDIUM).startTime(epoch(3)).obj(),
                                pod("p3.1").node("node3").priority(MID).req(MEDIUM).startTime(epoch(1)).obj(),
                                pod("p3.2").node("node3").priority(MID).req(MEDIUM).startTime(epoch(1)).obj()),
                        List.of("node2")),
                new BestCase("same priority, same number of victims, different start time for all pods", three,
                        pod("p").priority(HIGH).req(VERY_LARGE).obj(),
                        List.of(pod("p1.1").node("node1").priority(MID).req(MEDIUM).startTime(epoch(4)).obj(),
                                pod("p1.2").node("node1").priority(MID).req(MEDIUM).startTime(epoch(2)).obj(),
                                pod("p2.1").node("node2").priority(MID).req(MEDIUM).startTime(epoch(5)).obj(),
                                pod("p2.2").node("node2").priority(MID).req(MEDIUM).startTime(epoch(1)).obj(),
                                pod("p3.1").node("node3").priority(MID).req(MEDIUM).startTime(epoch(3)).obj(),
                                pod("p3.2").node("node3").priority(MID).req(MEDIUM).startTime(epoch(6)).obj()),
                        List.of("node3")),
                new BestCase("different priority, same number of victims, different start time for all pods", three,
                        pod("p").priority(HIGH).req(VERY_LARGE).obj(),
                        List.of(pod("p1.1").node("node1").priority(LOW).req(MEDIUM).startTime(epoch(4)).obj(),
                                pod("p1.2").node("node1").priority(MID).req(MEDIUM).startTime(epoch(2)).obj(),
                                pod("p2.1").node("node2").priority(MID).req(MEDIUM).startTime(epoch(6)).obj(),
                                pod("p2.2").node("node2").priority(LOW).req(MEDIUM).startTime(epoch(1)).obj(),
                                pod("p3.1").node("node3").priority(LOW).req(MEDIUM).startTime(epoch(3)).obj(),
                                pod("p3.2").node("node3").priority(MID).req(MEDIUM).startTime(epoch(5)).obj()),
                        List.of("node2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bestCases")
    void selectBestCandidate(BestCase tc) {
        List<Node> nodes = tc.nodeNames().stream().map(n -> TestObjects.node(n).capacity(VERY_LARGE).obj()).toList();
        TestHandle handle = TestHandle.of(nodes, tc.pods(), List.of(new TestPlugins.ResourceFit()));
        DefaultPreemption pl = new DefaultPreemption(DefaultPreemptionArgs.DEFAULTS, handle, new ScriptedRandom(0), CLOCK);
        PodInfo pod = PodInfo.of(tc.pod());

        List<Candidate> candidates = pl.dryRunPreemption(handle.preFilter(pod), pod, handle.snapshot().nodeInfos(),
                pl.offsetAndNumCandidates(nodes.size()));
        Candidate best = pl.selectCandidate(candidates);

        assertThat(best).isNotNull();
        assertThat(tc.expectedAnyOf()).contains(best.nodeName());
    }

    record PickCase(String name, List<Candidate> candidates, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code name:priority[@startNanos]} per victim, most important first. */
    private static Candidate candidate(String node, int pdbViolations, String... victims) {
        List<PodInfo> pods = new ArrayList<>();
        for (String v : victims) {
            String[] nameRest = v.split(":");
            String[] prioStart = nameRest[1].split("@");
            TestObjects.PodMaker m = pod(nameRest[0]).node(node).priority(Integer.parseInt(prioStart[0]));
            if (prioStart.length > 1) {
                m.startTime(epoch(Integer.parseInt(prioStart[1])));
            }
            pods.add(PodInfo.of(m.obj()));
        }
        return new Candidate(node, pods, pdbViolations);
    }

    static Stream<PickCase> pickCases() {
        return Stream.of(
                new PickCase("fewest PDB violations comes before victim priority",
                        List.of(candidate("node1", 1, "a:0"), candidate("node2", 0, "b:1000")), "node2"),
                new PickCase("lowest priority of the most important victim",
                        List.of(candidate("node1", 0, "a:100", "b:0"), candidate("node2", 0, "c:1000"), candidate("node3", 0, "d:0", "e:0", "f:0")),
                        "node3"),
                new PickCase("smallest sum of priorities",
                        List.of(candidate("node1", 0, "a:100", "b:100"), candidate("node2", 0, "c:100", "d:0")), "node2"),
                new PickCase("negative priorities are shifted, so fewer victims sum smaller",
                        List.of(candidate("node1", 0, "a:100", "b:-100", "c:-100"), candidate("node2", 0, "d:100", "e:-100")), "node2"),
                new PickCase("fewest victims when the shifted sums tie",
                        List.of(candidate("node1", 0, "a:5", "b:" + Integer.MIN_VALUE), candidate("node2", 0, "c:5")), "node2"),
                new PickCase("latest start among the earliest highest-priority victims",
                        List.of(candidate("node1", 0, "a:100@7", "b:100@2"), candidate("node2", 0, "c:100@3", "d:100@4"),
                                candidate("node3", 0, "e:100@1", "f:100@9")),
                        "node2"),
                new PickCase("a victim without start time counts as starting now",
                        List.of(candidate("node1", 0, "a:100@5"), candidate("node2", 0, "b:100")), "node2"),
                new PickCase("all equal: the first one",
                        List.of(candidate("node2", 0, "a:100@1"), candidate("node1", 0, "b:100@1")), "node2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pickCases")
    void pickOneNodeForPreemption(PickCase tc) {
        assertThat(CandidatePicker.pick(tc.candidates(), CLOCK.instant()).nodeName()).isEqualTo(tc.expected());
    }

    @Test
    void selectCandidateOfNoneOrOne() {
        Candidate only = candidate("node1", 3, "a:1000");
        assertThat(CandidatePicker.select(List.of(), Instant.EPOCH)).isNull();
        assertThat(CandidatePicker.select(List.of(only), Instant.EPOCH)).isSameAs(only);
    }
}
