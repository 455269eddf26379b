package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.testing.PodWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.node;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.pod;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.req;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.selector;
import static io.kubeboot.scheduler.plugins.interpodaffinity.Fixtures.term;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PreFilter and Filter verdicts ported from upstream's TestRequiredAffinitySingleNode and
 * TestRequiredAffinityMultipleNodes (one expected status per node; null means success).
 */
class InterPodAffinityFilterTest {
    static final Status AFFINITY = Status.unresolvable("node(s) didn't match pod affinity rules");
    static final Status ANTI = Status.unschedulable("node(s) didn't match pod anti-affinity rules");
    static final Status EXISTING_ANTI = Status.unschedulable("node(s) didn't satisfy existing pods anti-affinity rules");

    record Case(String name, Pod pod, List<Pod> pods, List<Node> nodes, Status wantPreFilter, List<Status> wantFilter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Status> each(Status... s) {
        return Arrays.asList(s);
    }

    static PodWrapper securityscan() {
        return pod("p").label("service", "securityscan");
    }

    static PodWrapper s1() {
        return pod("p").label("security", "S1");
    }

    static Stream<Case> singleNode() {
        Node node1 = node("node1", "region", "r1", "zone", "z11");
        List<Node> nodes = List.of(node1);
        List<Pod> existing = List.of(pod("e").label("service", "securityscan").node("node1").obj());
        LabelSelector team1 = selector(req("team", "In", "team1"));
        return Stream.of(
                new Case("A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods",
                        pod("p").obj(), List.of(), nodes, Status.skip(), null),
                new Case("satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod",
                        s1().affinityIn("service", "region", "securityscan", "value2").obj(), existing, nodes, null, each((Status) null)),
                new Case("satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod",
                        s1().affinity(term("region", req("service", "NotIn", "securityscan3", "value3"))).obj(), existing, nodes, null,
                        each((Status) null)),
                new Case("Does not satisfy the PodAffinity with labelSelector because of diff Namespace",
                        s1().affinity(term("", List.of("DiffNameSpace"), null, req("service", "In", "securityscan", "value2"))).obj(),
                        List.of(pod("e").namespace("ns").label("service", "securityscan").node("node1").obj()), nodes, null, each(AFFINITY)),
                new Case("Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
                        securityscan().affinityIn("service", "", "antivirusscan", "value2").obj(), existing, nodes, null, each(AFFINITY)),
                new Case("satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution",
                        s1().affinity(term("region", req("service", "Exists"), req("wrongkey", "DoesNotExist")),
                                term("region", req("service", "In", "securityscan"), req("service", "NotIn", "WrongValue"))).obj(),
                        existing, nodes, null, each((Status) null)),
                new Case("The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
                        s1().affinity(term("region", req("service", "Exists"), req("wrongkey", "DoesNotExist")),
                                term("region", req("service", "In", "securityscan2"), req("service", "NotIn", "WrongValue"))).obj(),
                        existing, nodes, null, each(AFFINITY)),
                new Case("satisfies the PodAffinity and PodAntiAffinity with the existing pod",
                        s1().affinityIn("service", "region", "securityscan", "value2").antiIn("service", "node", "antivirusscan", "value2").obj(),
                        existing, nodes, null, each((Status) null)),
                new Case("satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod",
                        s1().affinityIn("service", "region", "securityscan", "value2").antiIn("service", "node", "antivirusscan", "value2").obj(),
                        List.of(pod("e").node("node1").label("service", "securityscan").antiIn("service", "node", "antivirusscan", "value2").obj()),
                        nodes, null, each((Status) null)),
                new Case("satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
                        s1().affinityIn("service", "region", "securityscan", "value2").antiIn("service", "zone", "securityscan", "value2").obj(),
                        existing, nodes, null, each(ANTI)),
                new Case("satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
                        securityscan().affinityIn("service", "region", "securityscan", "value2").antiIn("service", "node", "antivirusscan", "value2").obj(),
                        List.of(pod("e").label("service", "securityscan").node("node1").antiIn("service", "zone", "securityscan", "value2").obj()),
                        nodes, null, each(EXISTING_ANTI)),
                new Case("pod matches its own Label in PodAffinity and that matches the existing pod Labels",
                        securityscan().affinity(term("region", req("service", "NotIn", "securityscan", "value2"))).obj(),
                        List.of(pod("e").label("service", "securityscan").node("node2").obj()), nodes, null, each(AFFINITY)),
                new Case("verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
                        securityscan().obj(),
                        List.of(pod("e").node("node1").label("service", "securityscan").antiIn("service", "zone", "securityscan", "value2").obj()),
                        nodes, null, each(EXISTING_ANTI)),
                new Case("verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod",
                        securityscan().obj(),
                        List.of(pod("e").node("node1").label("service", "securityscan").antiNotIn("service", "zone", "securityscan", "value2").obj()),
                        nodes, Status.skip(), null),
                new Case("satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
                        securityscan().antiExists("service", "region").antiExists("security", "region").obj(),
                        List.of(pod("e").node("node1").label("security", "S1").antiExists("security", "zone").obj()), nodes, null, each(ANTI)),
                new Case("PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms",
                        securityscan().antiExists("service", "zone").antiExists("security", "zone").obj(),
                        List.of(pod("e").node("node1").label("security", "S1").antiExists("security", "zone").obj()), nodes, null, each(ANTI)),
                new Case("PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms",
                        s1().antiExists("security", "zone").obj(),
                        List.of(pod("e").node("node1").label("service", "securityscan").antiExists("service", "zone").antiExists("security", "zone").obj()),
                        nodes, null, each(EXISTING_ANTI)),
                new Case("PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms",
                        pod("p").label("abc", "").label("xyz", "").antiExists("abc", "zone").antiExists("def", "zone").obj(),
                        List.of(pod("e").node("node1").label("def", "").label("xyz", "").antiExists("abc", "zone").antiExists("def", "zone").obj()),
                        nodes, null, each(ANTI)),
                new Case("PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms",
                        pod("p").label("def", "").label("xyz", "").antiExists("abc", "zone").antiExists("def", "zone").obj(),
                        List.of(pod("e").node("node1").label("abc", "").label("xyz", "").antiExists("abc", "zone").antiExists("def", "zone").obj()),
                        nodes, null, each(ANTI)),
                new Case("affinity with NamespaceSelector",
                        s1().affinity(term("region", null, team1, req("service", "In", "securityscan", "value2"))).obj(),
                        List.of(pod("e").namespace("subteam1.team1").label("service", "securityscan").node("node1").obj()), nodes, null,
                        each((Status) null)),
                new Case("affinity with non-matching NamespaceSelector",
                        s1().affinity(term("region", null, team1, req("service", "In", "securityscan", "value2"))).obj(),
                        List.of(pod("e").namespace("subteam1.team2").label("service", "securityscan").node("node1").obj()), nodes, null,
                        each(AFFINITY)),
                new Case("anti-affinity with matching NamespaceSelector",
                        s1().namespace("subteam1.team1").anti(term("zone", null, team1, req("service", "In", "securityscan", "value2"))).obj(),
                        List.of(pod("e").namespace("subteam2.team1").label("service", "securityscan").node("node1").obj()), nodes, null,
                        each(ANTI)),
                new Case("anti-affinity with matching all NamespaceSelector",
                        s1().namespace("subteam1.team1").anti(term("zone", null, new LabelSelector(), req("service", "In", "securityscan", "value2"))).obj(),
                        List.of(pod("e").namespace("subteam2.team1").label("service", "securityscan").node("node1").obj()), nodes, null,
                        each(ANTI)),
                new Case("anti-affinity with non-matching NamespaceSelector",
                        s1().namespace("subteam1.team1").anti(term("zone", null, team1, req("service", "In", "securityscan", "value2"))).obj(),
                        List.of(pod("e").namespace("subteam1.team2").label("service", "securityscan").node("node1").obj()), nodes, null,
                        each((Status) null)));
    }

    static Stream<Case> multipleNodes() {
        Node chinaA = node("nodeA", "region", "China");
        Node chinaAz1B = node("nodeB", "region", "China", "az", "az1");
        Node indiaC = node("nodeC", "region", "India");
        List<Node> rzh12 = List.of(node("nodeA", "region", "r1", "zone", "z1", "hostname", "nodeA"),
                node("nodeB", "region", "r1", "zone", "z2", "hostname", "nodeB"));
        List<Node> rzh11 = List.of(node("nodeA", "region", "r1", "zone", "z1", "hostname", "nodeA"),
                node("nodeB", "region", "r1", "zone", "z1", "hostname", "nodeB"));
        return Stream.of(
                new Case("A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules",
                        pod("p").affinityIn("foo", "region", "bar").obj(), List.of(pod("p1").node("node1").label("foo", "bar").obj()),
                        List.of(node("node1", "region", "China"), node("node2", "region", "China", "az", "az1"), node("node3", "region", "India")),
                        null, each(null, null, AFFINITY)),
                new Case("The first pod of the collection should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
                        pod("p").label("foo", "bar").label("service", "securityscan").affinityIn("foo", "zone", "bar")
                                .affinityIn("service", "zone", "securityscan").obj(),
                        List.of(pod("p1").node("nodeA").label("foo", "bar").obj()),
                        List.of(node("nodeA", "zone", "az1", "hostname", "h1"), node("nodeB", "zone", "az2", "hostname", "h2")), null,
                        each(null, null)),
                new Case("The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys",
                        pod("p").label("foo", "bar").label("service", "securityscan").affinityIn("foo", "zone", "bar")
                                .affinityIn("service", "zone", "securityscan").obj(),
                        List.of(pod("p1").node("nodeA").label("foo", "bar").obj()),
                        List.of(node("nodeA", "zoneLabel", "az1", "hostname", "h1"), node("nodeB", "zoneLabel", "az2", "hostname", "h2")), null,
                        each(AFFINITY, AFFINITY)),
                new Case("NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.",
                        pod("p").antiIn("foo", "region", "abc").obj(), List.of(pod("e").node("nodeA").label("foo", "abc").obj()),
                        List.of(node("nodeA", "region", "r1", "hostname", "nodeA"), node("nodeB", "region", "r1", "hostname", "nodeB")), null,
                        each(ANTI, ANTI)),
                new Case("This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.",
                        pod("p").antiIn("foo", "region", "abc").antiIn("service", "zone", "securityscan").obj(),
                        List.of(pod("e").node("nodeA").label("foo", "abc").label("service", "securityscan").obj()),
                        List.of(node("nodeA", "region", "r1", "zone", "z1", "hostname", "nodeA"), node("nodeB", "region", "r1", "zone", "z2", "hostname", "nodeB")),
                        null, each(ANTI, ANTI)),
                new Case("The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC",
                        pod("p").antiIn("foo", "region", "abc").obj(), List.of(pod("e").node("nodeA").label("foo", "abc").obj()),
                        List.of(chinaA, chinaAz1B, indiaC), null, each(ANTI, ANTI, null)),
                new Case("The pod can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)",
                        pod("p").namespace("NS1").label("foo", "123").antiIn("foo", "region", "bar").obj(),
                        List.of(pod("e1").node("nodeA").namespace("NS1").label("foo", "bar").obj(),
                                pod("e2").node("nodeC").namespace("NS2").antiIn("foo", "region", "123").obj()),
                        List.of(chinaA, chinaAz1B, indiaC), null, each(ANTI, ANTI, null)),
                new Case("Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
                        pod("p").label("foo", "").obj(), List.of(pod("e").node("nodeA").antiExists("foo", "invalid-node-label").obj()),
                        rzh11, Status.skip(), null),
                new Case("Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
                        pod("p").node("nodeA").antiExists("foo", "invalid-node-label").obj(), List.of(pod("e").node("nodeA").label("foo", "").obj()),
                        rzh11, null, each(null, null)),
                new Case("Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
                        pod("p").label("foo", "").label("bar", "").obj(),
                        List.of(pod("e1").node("nodeA").antiExists("foo", "zone").obj(), pod("e2").node("nodeA").antiExists("bar", "region").obj()),
                        rzh12, null, each(EXISTING_ANTI, EXISTING_ANTI)),
                new Case("Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
                        pod("p").antiExists("foo", "zone").antiExists("bar", "region").obj(),
                        List.of(pod("e1").node("nodeA").label("foo", "").obj(), pod("e2").node("nodeB").label("bar", "").obj()),
                        rzh12, null, each(ANTI, ANTI)),
                new Case("Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
                        pod("p").label("foo", "").label("bar", "").obj(),
                        List.of(pod("e").node("nodeA").antiExists("foo", "invalid-node-label").antiExists("bar", "zone").obj()),
                        rzh12, null, each(EXISTING_ANTI, null)),
                new Case("Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
                        pod("p").antiExists("foo", "invalid-node-label").antiExists("bar", "zone").obj(),
                        List.of(pod("podA").node("nodeA").label("foo", "").label("bar", "").obj()), rzh12, null, each(ANTI, null)),
                new Case("Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
                        pod("p").label("foo", "").label("bar", "").obj(),
                        List.of(pod("e").node("nodeA").antiExists("foo", "region").antiExists("bar", "zone").obj()),
                        rzh12, null, each(EXISTING_ANTI, EXISTING_ANTI)),
                new Case("Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
                        pod("p").antiExists("foo", "region").antiExists("bar", "zone").obj(),
                        List.of(pod("e").node("nodeA").label("foo", "").label("bar", "").obj()), rzh12, null, each(ANTI, ANTI)),
                new Case("Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
                        pod("p").label("foo", "").label("bar", "").obj(),
                        List.of(pod("e1").node("nodeA").antiExists("foo", "zone").antiExists("labelA", "zone").obj(),
                                pod("e2").node("nodeB").antiExists("bar", "zone").antiExists("labelB", "zone").obj()),
                        List.of(node("nodeA", "region", "r1", "zone", "z1", "hostname", "nodeA"), node("nodeB", "region", "r1", "zone", "z2", "hostname", "nodeB"),
                                node("nodeC", "region", "r1", "zone", "z3", "hostname", "nodeC")),
                        null, each(EXISTING_ANTI, EXISTING_ANTI, null)),
                new Case("Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
                        pod("p").affinityExists("foo", "region").affinityExists("bar", "zone").obj(),
                        List.of(pod("pod1").label("foo", "").label("bar", "").node("nodeA").obj()), rzh11, null, each(null, null)),
                new Case("Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
                        pod("p").affinityExists("foo", "region").affinityExists("bar", "zone").obj(),
                        List.of(pod("pod1").node("nodeA").label("foo", "").obj(), pod("pod2").node("nodeB").label("bar", "").obj()),
                        rzh12, null, each(AFFINITY, AFFINITY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"singleNode", "multipleNodes"})
    void filter(Case c) {
        Snapshot snapshot = Fixtures.snapshot(c.nodes(), c.pods());
        InterPodAffinity p = new InterPodAffinity(java.util.Map.of(), Fixtures.handle(snapshot));
        CycleState state = new CycleState();
        PodInfo pod = PodInfo.of(c.pod());
        Status pre = p.preFilter(state, pod, snapshot.nodeInfos()).status();
        assertThat(pre).isEqualTo(c.wantPreFilter() == null ? Status.success() : c.wantPreFilter());
        if (!pre.isSuccess()) {
            return;
        }
        List<Status> got = new ArrayList<>();
        for (NodeInfo n : snapshot.nodeInfos()) {
            Status s = p.filter(state, pod, n);
            got.add(s.isSuccess() ? null : s);
        }
        assertThat(got).isEqualTo(c.wantFilter());
    }

    @Test
    void filterWithoutPreFilterStateIsAnError() {
        // upstream TestPreFilterDisabled
        InterPodAffinity p = new InterPodAffinity(java.util.Map.of(), Fixtures.handle(Fixtures.snapshot(List.of(), List.of())));
        Status s = p.filter(new CycleState(), PodInfo.of(pod("p").obj()), NodeInfo.of(node("n")));
        assertThat(s.code()).isEqualTo(Status.Code.ERROR);
        assertThat(s.message()).isEqualTo("error reading \"PreFilterInterPodAffinity\" from cycleState: not found");
    }

    static final String BAD_VALUE = "values[0][service]: Invalid value: \"{{.bad-value.}}\": a valid label must be an empty string"
            + " or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
            + " (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    static Stream<Pod> invalidSelectors() {
        return Stream.of(
                // upstream "PodAffinity fails PreFilter with an invalid affinity label syntax"
                pod("p").label("service", "securityscan").affinityIn("service", "region", "{{.bad-value.}}")
                        .affinityIn("service", "node", "antivirusscan", "value2").obj(),
                // upstream "PodAntiAffinity fails PreFilter with an invalid antiaffinity label syntax"
                pod("p").label("service", "securityscan").affinityIn("service", "region", "foo")
                        .affinityIn("service", "node", "{{.bad-value.}}").obj());
    }

    @ParameterizedTest
    @MethodSource("invalidSelectors")
    void invalidAffinityLabelFailsPreFilterAsUnresolvable(Pod bad) {
        Snapshot snapshot = Fixtures.snapshot(List.of(node("node1", "region", "r1")), List.of());
        Status s = new InterPodAffinity(java.util.Map.of(), Fixtures.handle(snapshot))
                .preFilter(new CycleState(), PodInfo.of(bad), snapshot.nodeInfos()).status();
        assertThat(s).isEqualTo(Status.unresolvable("parsing pod: requiredAffinityTerms: " + BAD_VALUE));
    }
}
