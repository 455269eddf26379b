package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PostFilterPlugin;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.plugins.InTreePlugins;
import io.kubeboot.scheduler.plugins.podtopologyspread.DefaultSelectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.defaultpreemption.DryRunPreemptionTest.CLOCK;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.HIGH;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.LARGE;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.LOW;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.MEDIUM;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.MID;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.NODE_RES;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.ONE_POD;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.SMALL;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.VERY_HIGH;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.VERY_LARGE;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.node;
import static io.kubeboot.scheduler.plugins.defaultpreemption.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostFilter entry point, ported from upstream's {@code TestPostFilter}, {@code TestPreempt} and
 * {@code TestPodEligibleToPreemptOthers} (without extenders, PDBs, pod groups and async preemption,
 * which KubeBoot 1.32 does not have).
 */
class DefaultPreemptionTest {
    private static final Status U = Status.unschedulable();
    private static final Status UU = Status.unresolvable();

    /** @param wantNominated null: no nomination change; "": clear the nomination */
    record PostFilterCase(String name, Pod pod, List<Pod> pods, List<Node> nodes, Map<String, Status> statuses,
                          Status.Code wantCode, String wantMessage, String wantNominated) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, Status> statuses(Object... nodeThenStatus) {
        Map<String, Status> m = new HashMap<>();
        for (int i = 0; i < nodeThenStatus.length; i += 2) {
            m.put((String) nodeThenStatus[i], (Status) nodeThenStatus[i + 1]);
        }
        return m;
    }

    static Stream<PostFilterCase> postFilterCases() {
        return Stream.of(
                new PostFilterCase("pod with higher priority can be made schedulable",
                        pod("p").priority(HIGH).obj(), List.of(pod("p1").node("node1").obj()),
                        List.of(node("node1").capacity(ONE_POD).obj()), statuses("node1", U),
                        Status.Code.SUCCESS, "", "node1"),
                new PostFilterCase("pod with tied priority is still unschedulable",
                        pod("p").obj(), List.of(pod("p1").node("node1").obj()),
                        List.of(node("node1").capacity(ONE_POD).obj()), statuses("node1", U),
                        Status.Code.UNSCHEDULABLE, "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", ""),
                new PostFilterCase("preemption should respect filteredNodesStatuses",
                        pod("p").priority(HIGH).obj(), List.of(pod("p1").node("node1").obj()),
                        List.of(node("node1").capacity(ONE_POD).obj()), statuses("node1", UU),
                        Status.Code.UNSCHEDULABLE, "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", ""),
                new PostFilterCase("preemption should respect absent NodeToStatusReader entry meaning UnschedulableAndUnresolvable",
                        pod("p").priority(HIGH).obj(), List.of(pod("p1").node("node1").obj()),
                        List.of(node("node1").capacity(ONE_POD).obj()), statuses(),
                        Status.Code.UNSCHEDULABLE, "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", ""),
                new PostFilterCase("pod can be made schedulable on one node",
                        pod("p").priority(MID).obj(),
                        List.of(pod("p1").priority(HIGH).node("node1").obj(), pod("p2").priority(LOW).node("node2").obj()),
                        List.of(node("node1").capacity(ONE_POD).obj(), node("node2").capacity(ONE_POD).obj()),
                        statuses("node1", U, "node2", U), Status.Code.SUCCESS, "", "node2"),
                new PostFilterCase("pod can be made schedulable on minHighestPriority node",
                        pod("p").priority(VERY_HIGH).obj(),
                        List.of(pod("p1").priority(HIGH).node("node1").obj(), pod("p2").priority(LOW).node("node1").obj(),
                                pod("p3").priority(MID).node("node2").obj()),
                        List.of(node("node1").capacity(ONE_POD).obj(), node("node2").capacity(ONE_POD).obj()),
                        statuses("node1", U, "node2", U), Status.Code.SUCCESS, "", "node2"),
                new PostFilterCase("no candidate nodes found, no enough resource after removing low priority pods",
                        pod("p").priority(HIGH).req(LARGE).obj(),
                        List.of(pod("p1").node("node1").obj(), pod("p2").node("node2").obj()),
                        List.of(node("node1").capacity(NODE_RES).obj(), node("node2").capacity(NODE_RES).obj()),
                        statuses("node1", U, "node2", U),
                        Status.Code.UNSCHEDULABLE, "preemption: 0/2 nodes are available: 2 Insufficient cpu.", ""),
                new PostFilterCase("no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource",
                        pod("p").priority(HIGH).req(LARGE).obj(),
                        List.of(pod("p1").node("node1").priority(HIGH).obj(), pod("p2").node("node2").obj(),
                                pod("p3").node("node3").priority(HIGH).obj()),
                        List.of(node("node1").capacity(ONE_POD).obj(), node("node2").capacity(NODE_RES).obj(),
                                node("node3").capacity(ONE_POD).obj()),
                        statuses("node1", U, "node2", U, "node3", U), Status.Code.UNSCHEDULABLE,
                        "preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.", ""),
                new PostFilterCase("no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource",
                        pod("p").priority(HIGH).req(LARGE).obj(),
                        List.of(pod("p1").node("node1").obj(), pod("p2").node("node2").obj()),
                        List.of(node("node1").capacity(NODE_RES).obj(), node("node2").capacity(NODE_RES).obj(),
                                node("node3").capacity(NODE_RES).obj(), node("node4").capacity(NODE_RES).obj()),
                        statuses("node1", U, "node2", U, "node4", UU), Status.Code.UNSCHEDULABLE,
                        "preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.", ""),
                new PostFilterCase("only one node but failed with TestPlugin",
                        pod("p").priority(HIGH).req(LARGE).obj(), List.of(pod("p1").node("node1").obj()),
                        List.of(node("node1").capacity(LARGE).label("error", "true").obj()), statuses("node1", U),
                        Status.Code.ERROR, "preemption: running RemovePod on PreFilter plugin \"test-plugin\": failed to remove pod: p", null),
                new PostFilterCase("one failed with TestPlugin and the other pass",
                        pod("p").priority(HIGH).req(LARGE).obj(),
                        List.of(pod("p1").node("node1").obj(), pod("p2").node("node2").req(MEDIUM).obj()),
                        List.of(node("node1").capacity(LARGE).label("error", "true").obj(), node("node2").capacity(LARGE).obj()),
                        statuses("node1", U, "node2", U), Status.Code.SUCCESS, "", "node2"),
                new PostFilterCase("pod with preemptionPolicy Never is not eligible",
                        pod("p").priority(HIGH).preemptionPolicy("Never").obj(), List.of(pod("p1").node("node1").obj()),
                        List.of(node("node1").capacity(ONE_POD).obj()), statuses("node1", U),
                        Status.Code.UNSCHEDULABLE, "preemption: not eligible due to preemptionPolicy=Never.", null),
                new PostFilterCase("pod waits while a victim on its nominated node terminates",
                        pod("p").priority(HIGH).nominatedNodeName("node1").obj(),
                        List.of(pod("p1").node("node1").priority(LOW).terminating()
                                .condition("DisruptionTarget", "True", "PreemptionByScheduler").obj()),
                        List.of(node("node1").capacity(ONE_POD).obj()), statuses("node1", U),
                        Status.Code.UNSCHEDULABLE, "preemption: not eligible due to a terminating pod on the nominated node.", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("postFilterCases")
    void postFilter(PostFilterCase tc) {
        TestHandle handle = TestHandle.of(tc.nodes(), tc.pods(),
                List.of(new TestPlugins.ResourceFit(), new TestPlugins.FailOnErrorLabel()));
        DefaultPreemption pl = new DefaultPreemption(DefaultPreemptionArgs.DEFAULTS, handle, new ScriptedRandom(0), CLOCK);
        PodInfo pod = PodInfo.of(tc.pod());

        PostFilterPlugin.Result got = pl.postFilter(handle.preFilter(pod), pod, tc.statuses());

        assertThat(got.status().code()).isEqualTo(tc.wantCode());
        assertThat(got.status().message()).isEqualTo(tc.wantMessage());
        assertThat(got.nominatedNodeName()).isEqualTo(tc.wantNominated());
        if (tc.wantCode() != Status.Code.SUCCESS) {
            assertThat(handle.recorded().calls()).isEmpty();
        }
    }

    record PreemptCase(String name, Pod pod, List<Pod> pods, List<String> nodeNames, String wantNominated, List<String> wantDeleted) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PreemptCase> preemptCases() {
        List<String> three = List.of("node1", "node2", "node3");
        List<Pod> pods = List.of(
                pod("p1.1").node("node1").priority(LOW).req(SMALL).obj(),
                pod("p1.2").node("node1").priority(LOW).req(SMALL).obj(),
                pod("p2.1").node("node2").priority(HIGH).req(LARGE).obj(),
                pod("p3.1").node("node3").priority(MID).req(MEDIUM).obj());
        return Stream.of(
                new PreemptCase("basic preemption logic",
                        pod("p").priority(HIGH).req(VERY_LARGE).preemptionPolicy("PreemptLowerPriority").obj(), pods, three,
                        "node1", List.of("p1.1", "p1.2")),
                new PreemptCase("no preempting in pod",
                        pod("p").priority(HIGH).req(VERY_LARGE).preemptionPolicy("Never").obj(), pods, three,
                        null, List.of()),
                new PreemptCase("PreemptionPolicy is nil",
                        pod("p").priority(HIGH).req(VERY_LARGE).obj(), pods, three,
                        "node1", List.of("p1.1", "p1.2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preemptCases")
    void preempt(PreemptCase tc) {
        List<Node> nodes = tc.nodeNames().stream().map(n -> node(n).capacity(VERY_LARGE).obj()).toList();
        TestHandle handle = TestHandle.of(nodes, tc.pods(), List.of(new TestPlugins.ResourceFit()));
        DefaultPreemption pl = new DefaultPreemption(DefaultPreemptionArgs.DEFAULTS, handle, new ScriptedRandom(1), CLOCK);
        PodInfo pod = PodInfo.of(tc.pod());
        Map<String, Status> allUnschedulable = new HashMap<>();
        tc.nodeNames().forEach(n -> allUnschedulable.put(n, U));

        PostFilterPlugin.Result got = pl.postFilter(handle.preFilter(pod), pod, allUnschedulable);

        assertThat(got.nominatedNodeName()).isEqualTo(tc.wantNominated());
        assertThat(got.status().isSuccess()).isEqualTo(tc.wantNominated() != null);
        assertThat(handle.recorded().deleted()).containsExactlyElementsOf(tc.wantDeleted());
    }

    @Test
    void eachVictimIsMarkedDeletedAndToldWhoPreemptedIt() {
        TestHandle handle = TestHandle.of(List.of(node("node1").capacity(LARGE).obj()),
                List.of(pod("v1").node("node1").priority(LOW).req(SMALL).obj(),
                        pod("v2").node("node1").priority(MID).req(MEDIUM).obj()),
                List.of(new TestPlugins.ResourceFit()));
        DefaultPreemption pl = new DefaultPreemption(DefaultPreemptionArgs.DEFAULTS, handle, new ScriptedRandom(), CLOCK);
        PodInfo pod = PodInfo.of(pod("p").uid("uid-p").priority(HIGH).req(LARGE).obj());

        PostFilterPlugin.Result got = pl.postFilter(handle.preFilter(pod), pod, Map.of("node1", U));

        assertThat(got).isEqualTo(new PostFilterPlugin.Result(Status.success(), "node1"));
        assertThat(handle.recorded().calls()).containsExactly(
                "markPreempted default/v2 by default/p",
                "delete default/v2",
                "event default/v2 Normal Preempted: Preempted by pod uid-p on node node1",
                "markPreempted default/v1 by default/p",
                "delete default/v1",
                "event default/v1 Normal Preempted: Preempted by pod uid-p on node node1");
    }

    @Test
    void lowerPriorityPodsNominatedToTheNodeLoseTheirNomination() {
        TestHandle handle = TestHandle.of(List.of(node("node1").capacity(VERY_LARGE).obj(), node("node2").capacity(VERY_LARGE).obj()),
                List.of(pod("v").node("node1").priority(LOW).req(LARGE).obj()),
                List.of(new TestPlugins.ResourceFit()));
        handle.nominate(pod("n-low").priority(MID).nominatedNodeName("node1").obj(),
                pod("n-high").priority(VERY_HIGH).nominatedNodeName("node1").obj(),
                pod("n-other").priority(LOW).nominatedNodeName("node2").obj());
        DefaultPreemption pl = new DefaultPreemption(DefaultPreemptionArgs.DEFAULTS, handle, new ScriptedRandom(), CLOCK);
        PodInfo pod = PodInfo.of(pod("p").priority(HIGH).req(LARGE).obj());

        PostFilterPlugin.Result got = pl.postFilter(handle.preFilter(pod), pod, Map.of("node1", U));

        assertThat(got.nominatedNodeName()).isEqualTo("node1");
        assertThat(handle.recorded().calls()).filteredOn(c -> c.startsWith("nominate ")).containsExactly("nominate default/n-low=null");
    }

    @Test
    void aFailedDeletionIsAnErrorAndNominatesNothing() {
        TestHandle handle = TestHandle.of(List.of(node("node1").capacity(LARGE).obj()),
                List.of(pod("v1").node("node1").priority(LOW).req(SMALL).obj(),
                        pod("v2").node("node1").priority(MID).req(MEDIUM).obj()),
                List.of(new TestPlugins.ResourceFit()));
        handle.recorded().failDeleting("v2");
        DefaultPreemption pl = new DefaultPreemption(DefaultPreemptionArgs.DEFAULTS, handle, new ScriptedRandom(), CLOCK);
        PodInfo pod = PodInfo.of(pod("p").priority(HIGH).req(LARGE).obj());

        PostFilterPlugin.Result got = pl.postFilter(handle.preFilter(pod), pod, Map.of("node1", U));

        assertThat(got.status()).isEqualTo(Status.of(Status.Code.ERROR, "preemption: pods \"v2\" is forbidden"));
        assertThat(got.nominatedNodeName()).isNull();
        assertThat(handle.recorded().deleted()).isEmpty();
    }

    @Test
    void noNodesAtAllIsAnError() {
        TestHandle handle = TestHandle.of(List.of(), List.of(), List.of());
        DefaultPreemption pl = new DefaultPreemption(Map.of(), handle);
        PodInfo pod = PodInfo.of(pod("p").priority(HIGH).obj());

        PostFilterPlugin.Result got = pl.postFilter(new io.kubeboot.scheduler.framework.CycleState(), pod, Map.of());

        assertThat(got).isEqualTo(new PostFilterPlugin.Result(Status.of(Status.Code.ERROR, "preemption: no nodes available"), null));
    }

    @Test
    void onlyTheStartOfTheDryRunIsRandomAndItRangesOverThePotentialNodes() {
        ScriptedRandom random = new ScriptedRandom(2);
        TestHandle handle = TestHandle.of(List.of(node("node1").obj(), node("node2").obj(), node("node3").obj()), List.of(), List.of());
        DefaultPreemption pl = new DefaultPreemption(new DefaultPreemptionArgs(40, 1), handle, random, CLOCK);

        assertThat(pl.offsetAndNumCandidates(3)).isEqualTo(new DefaultPreemption.Window(2, 1));
        assertThat(random.bounds).containsExactly(3);
    }

    record EligibleCase(String name, Pod pod, List<Pod> pods, List<String> nodes, Status nominatedNodeStatus, boolean expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<EligibleCase> eligibleCases() {
        return Stream.of(
                new EligibleCase("Pod with nominated node",
                        pod("p_with_nominated_node").uid("p").priority(HIGH).nominatedNodeName("node1").obj(),
                        List.of(pod("p1").priority(LOW).node("node1").terminating().obj()), List.of("node1"),
                        Status.unresolvable("node(s) had untolerated taint"), true),
                new EligibleCase("Pod without nominated node",
                        pod("p_without_nominated_node").uid("p").priority(HIGH).obj(), List.of(), List.of(), null, true),
                new EligibleCase("Pod with 'PreemptNever' preemption policy",
                        pod("p_with_preempt_never_policy").uid("p").priority(HIGH).preemptionPolicy("Never").obj(),
                        List.of(), List.of(), null, false),
                new EligibleCase("preemption victim pod terminating, as indicated by the dedicated DisruptionTarget condition",
                        pod("p_with_nominated_node").uid("p").priority(HIGH).nominatedNodeName("node1").obj(),
                        List.of(pod("p1").priority(LOW).node("node1").terminating()
                                .condition("DisruptionTarget", "True", "PreemptionByScheduler").obj()),
                        List.of("node1"), null, false),
                new EligibleCase("non-victim Pods terminating",
                        pod("p_with_nominated_node").uid("p").priority(HIGH).nominatedNodeName("node1").obj(),
                        List.of(pod("p1").priority(LOW).node("node1").terminating().obj()), List.of("node1"), null, true),
                new EligibleCase("a terminating victim of higher priority does not hold the pod back",
                        pod("p_with_nominated_node").uid("p").priority(MID).nominatedNodeName("node1").obj(),
                        List.of(pod("p1").priority(HIGH).node("node1").terminating()
                                .condition("DisruptionTarget", "True", "PreemptionByScheduler").obj()),
                        List.of("node1"), U, true),
                new EligibleCase("a DisruptionTarget condition for another reason does not count",
                        pod("p_with_nominated_node").uid("p").priority(HIGH).nominatedNodeName("node1").obj(),
                        List.of(pod("p1").priority(LOW).node("node1").terminating()
                                .condition("DisruptionTarget", "True", "EvictionByEvictionAPI").obj()),
                        List.of("node1"), U, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eligibleCases")
    void podEligibleToPreemptOthers(EligibleCase tc) {
        TestHandle handle = TestHandle.of(tc.nodes().stream().map(n -> node(n).obj()).toList(), tc.pods(), List.of());
        DefaultPreemption pl = new DefaultPreemption(Map.of(), handle);

        DefaultPreemption.Eligibility got = pl.podEligibleToPreemptOthers(PodInfo.of(tc.pod()), tc.nominatedNodeStatus());

        assertThat(got.eligible()).isEqualTo(tc.expected());
        assertThat(got.reason().isEmpty()).isEqualTo(tc.expected());
    }

    @Test
    void pluginIdentity() {
        DefaultPreemption pl = (DefaultPreemption) InTreePlugins.registry(DefaultSelectors.NONE).get(DefaultPreemption.NAME)
                .create(Map.of(), TestHandle.of(List.of(), List.of(), List.of()));
        assertThat(pl.name()).isEqualTo("DefaultPreemption");
        assertThat(pl.eventsToRegister()).isEqualTo(List.<ClusterEvent>of());
    }
}
