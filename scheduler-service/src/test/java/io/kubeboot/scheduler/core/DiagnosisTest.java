package io.kubeboot.scheduler.core;

import io.kubeboot.scheduler.framework.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** FitError.Error(), after upstream pkg/scheduler/framework/types_test.go TestFitError_Error. */
class DiagnosisTest {
    private static final String PRE = "Node(s) failed PreFilter plugin FalsePreFilter";
    private static final String POST = "Error running PostFilter plugin FailedPostFilter";
    private static final String F1 = "Node(s) failed Filter plugin FalseFilter-1";
    private static final String F2 = "Node(s) failed Filter plugin FalseFilter-2";

    record Case(String name, int numAllNodes, String preFilterMsg, Map<String, Status> statuses, Status absent,
                String postFilterMsg, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, Status> statuses(Object... nodeAndStatus) {
        Map<String, Status> m = new LinkedHashMap<>();
        for (int i = 0; i < nodeAndStatus.length; i += 2) {
            m.put((String) nodeAndStatus[i], (Status) nodeAndStatus[i + 1]);
        }
        return m;
    }

    static Stream<Case> cases() {
        Status pre = Status.unschedulable(PRE);
        Status f1 = Status.unschedulable(F1);
        Status f2 = Status.unschedulable(F2);
        return Stream.of(
                new Case("nodes failed Prefilter plugin", 3, PRE,
                        statuses("node1", pre, "node2", pre, "node3", pre), null, "",
                        "0/3 nodes are available: " + PRE + "."),
                new Case("nodes failed Prefilter plugin and the preemption also failed", 3, PRE,
                        statuses("node1", pre, "node2", pre, "node3", pre), null, POST,
                        "0/3 nodes are available: " + PRE + ". " + POST),
                new Case("nodes failed one Filter plugin with an empty PostFilterMsg", 3, "",
                        statuses("node1", f1, "node2", f1, "node3", f1), null, "",
                        "0/3 nodes are available: 3 " + F1 + "."),
                new Case("nodes failed one Filter plugin with a non-empty PostFilterMsg", 3, "",
                        statuses("node1", f1, "node2", f1, "node3", f1), null, POST,
                        "0/3 nodes are available: 3 " + F1 + ". " + POST),
                new Case("nodes failed two Filter plugins with an empty PostFilterMsg", 3, "",
                        statuses("node1", f1, "node2", f1, "node3", f2), null, "",
                        "0/3 nodes are available: 1 " + F2 + ", 2 " + F1 + "."),
                new Case("nodes failed two Filter plugins with a non-empty PostFilterMsg", 3, "",
                        statuses("node1", f1, "node2", f1, "node3", f2), null, POST,
                        "0/3 nodes are available: 1 " + F2 + ", 2 " + F1 + ". " + POST),
                new Case("failed to Permit on node", 1, "",
                        statuses("node1", Status.unschedulable("Node failed Permit plugin Permit-1")), null, "",
                        "0/1 nodes are available: 1 Node failed Permit plugin Permit-1."),
                new Case("failed to Reserve on node", 1, "",
                        statuses("node1", Status.unschedulable("Node failed Reserve plugin Reserve-1")), null, "",
                        "0/1 nodes are available: 1 Node failed Reserve plugin Reserve-1."),
                new Case("nodes failed some Filter plugins and absent nodes", 3, "",
                        statuses("node1", f1), Status.unresolvable(F2), "",
                        "0/3 nodes are available: 1 " + F1 + ", 2 " + F2 + "."),
                new Case("absent nodes without reasons count nothing", 3, "",
                        statuses("node1", f1), null, "",
                        "0/3 nodes are available: 1 " + F1 + "."),
                new Case("every reason of a status counts", 2, "",
                        statuses("node1", Status.unschedulable("Insufficient cpu", "Insufficient memory"),
                                "node2", Status.unschedulable("Insufficient cpu")), null, "",
                        "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu."),
                new Case("the histogram sorts as strings", 12, "",
                        tenAndTwo(), null, "",
                        "0/12 nodes are available: 10 Insufficient cpu, 2 node(s) had untolerated taint {a: b}."),
                new Case("no reasons at all", 0, "", statuses(), null, "", "0/0 nodes are available:"));
    }

    private static Map<String, Status> tenAndTwo() {
        Map<String, Status> m = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            m.put("cpu" + i, Status.unschedulable("Insufficient cpu"));
        }
        m.put("t1", Status.unresolvable("node(s) had untolerated taint {a: b}"));
        m.put("t2", Status.unresolvable("node(s) had untolerated taint {a: b}"));
        return m;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fitErrorMessage(Case c) {
        Diagnosis d = new Diagnosis();
        d.preFilterMsg = c.preFilterMsg();
        d.postFilterMsg = c.postFilterMsg();
        d.nodeToStatus.putAll(c.statuses());
        if (c.absent() != null) {
            d.absentNodesStatus = c.absent();
        }
        assertThat(d.fitErrorMessage(c.numAllNodes())).isEqualTo(c.want());
    }
}
