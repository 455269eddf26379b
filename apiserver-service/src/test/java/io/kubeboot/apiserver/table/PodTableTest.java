package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.apiserver.table.TableConvertor.RowCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.ago;
import static io.kubeboot.apiserver.table.Fixtures.created;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Cases of upstream printers_test.go TestPrintPod, TestPrintPodWithRestartableInitContainer,
 * TestPrintPodwide, TestPrintPodConditions and TestPrintNonTerminatedPod, plus the common statuses
 * kubectl users see. Cells are always the wide form; upstream's non-wide expectations are the first
 * five cells, the rest being {@code <none>} for pods without IP, node, nomination or gates.
 */
class PodTableTest {
    private static final String NONE = "<none>";
    private static final String READY_RUNNING_3 = "{'ready':true,'restartCount':3,'state':{'running':{}}}";
    private static final String RESTARTS_3 = "{'restartCount':3}";
    private static final String DELETED = "'deletionTimestamp':'" + ago(Duration.ofSeconds(10)) + "'";

    private final PodTable table = new PodTable();

    private static String lastState(Duration ago) {
        return "'lastState':{'terminated':{'finishedAt':'" + ago(ago) + "'}}";
    }

    private static String pod(String name, String spec, String status) {
        return podWithMeta("{'name':'" + name + "'}", spec, status);
    }

    private static String podWithMeta(String metadata, String spec, String status) {
        return "{'metadata':" + metadata + ",'spec':" + spec + ",'status':" + status + "}";
    }

    private static String containers(int n) {
        return "'containers':[" + String.join(",", java.util.Collections.nCopies(n, "{}")) + "]";
    }

    private static List<Object> narrow(String name, String ready, String status, String restarts) {
        return List.of(name, ready, status, restarts, "<unknown>", NONE, NONE, NONE, NONE);
    }

    static Stream<Arguments> printPod() {
        return Stream.of(
                arguments("name, containers, restarts, ready",
                        pod("test1", "{" + containers(2) + "}",
                                "{'phase':'podPhase','containerStatuses':[" + READY_RUNNING_3 + "," + RESTARTS_3 + "]}"),
                        narrow("test1", "1/2", "podPhase", "6")),
                arguments("container waiting reason overrides pod phase",
                        pod("test2", "{" + containers(2) + "}",
                                "{'phase':'podPhase','containerStatuses':[" + READY_RUNNING_3
                                        + ",{'state':{'waiting':{'reason':'ContainerWaitingReason'}},'restartCount':3}]}"),
                        narrow("test2", "1/2", "ContainerWaitingReason", "6")),
                arguments("first container's reason wins over later terminated ones",
                        pod("test3", "{" + containers(2) + "}",
                                "{'phase':'podPhase','containerStatuses':["
                                        + "{'state':{'waiting':{'reason':'ContainerWaitingReason'}},'restartCount':3},"
                                        + "{'state':{'terminated':{'reason':'ContainerTerminatedReason'}},'restartCount':3}]}"),
                        narrow("test3", "0/2", "ContainerWaitingReason", "6")),
                arguments("ready without running is not counted",
                        pod("test4", "{" + containers(2) + "}",
                                "{'phase':'podPhase','containerStatuses':[" + READY_RUNNING_3 + ",{'ready':true,'restartCount':3}]}"),
                        narrow("test4", "1/2", "podPhase", "6")),
                arguments("pod reason overrides phase",
                        pod("test5", "{" + containers(2) + "}",
                                "{'reason':'podReason','phase':'podPhase','containerStatuses':[" + READY_RUNNING_3
                                        + ",{'ready':true,'restartCount':3}]}"),
                        narrow("test5", "1/2", "podReason", "6")),
                arguments("one running one completed, no Ready condition",
                        pod("test6", "{" + containers(2) + "}",
                                "{'phase':'Running','containerStatuses':["
                                        + "{'ready':true,'restartCount':3,'state':{'terminated':{'reason':'Completed','exitCode':0}}},"
                                        + READY_RUNNING_3 + "]}"),
                        narrow("test6", "1/2", "NotReady", "6")),
                arguments("one running one completed, Ready condition",
                        pod("test6", "{" + containers(2) + "}",
                                "{'phase':'Running','containerStatuses':["
                                        + "{'ready':true,'restartCount':3,'state':{'terminated':{'reason':'Completed','exitCode':0}}},"
                                        + READY_RUNNING_3 + "],'conditions':[{'type':'Ready','status':'True'}]}"),
                        narrow("test6", "1/2", "Running", "6")),
                arguments("init container restarting, container not running",
                        pod("test7", "{'initContainers':[{}]," + containers(1) + "}",
                                "{'phase':'podPhase','initContainerStatuses':[{'restartCount':3,'state':{'running':{}},"
                                        + lastState(Duration.ofSeconds(10)) + "}],"
                                        + "'containerStatuses':[{'restartCount':0,'state':{'waiting':{}}}]}"),
                        narrow("test7", "0/1", "Init:0/1", "3 (10s ago)")),
                arguments("two init containers, first restarting",
                        pod("test8", "{'initContainers':[{},{}]," + containers(1) + "}",
                                "{'phase':'podPhase','initContainerStatuses':[{'restartCount':3,'state':{'running':{}},"
                                        + lastState(Duration.ofSeconds(10)) + "},{'state':{'waiting':{}}}],"
                                        + "'containerStatuses':[{'state':{'waiting':{}}}]}"),
                        narrow("test8", "0/1", "Init:0/2", "3 (10s ago)")),
                arguments("two init containers, first completed, second restarting",
                        pod("test9", "{'initContainers':[{},{}]," + containers(1) + "}",
                                "{'phase':'podPhase','initContainerStatuses':[{'state':{'terminated':{}}},"
                                        + "{'restartCount':3,'state':{'running':{}}," + lastState(Duration.ofSeconds(10)) + "}],"
                                        + "'containerStatuses':[{'state':{'waiting':{}}}]}"),
                        narrow("test9", "0/1", "Init:1/2", "3 (10s ago)")),
                arguments("two init containers, both restarted: restarts add up, latest restart shown",
                        pod("test10", "{'initContainers':[{},{}]," + containers(1) + "}",
                                "{'phase':'podPhase','initContainerStatuses':["
                                        + "{'restartCount':2,'state':{'terminated':{}}," + lastState(Duration.ofMinutes(2)) + "},"
                                        + "{'restartCount':3,'state':{'running':{}}," + lastState(Duration.ofSeconds(10)) + "}],"
                                        + "'containerStatuses':[{'state':{'waiting':{}}}]}"),
                        narrow("test10", "0/1", "Init:1/2", "5 (10s ago)")),
                arguments("initialized: only the regular container restarts count",
                        pod("test11", "{'initContainers':[{}]," + containers(1) + "}",
                                "{'phase':'Running','initContainerStatuses':["
                                        + "{'restartCount':2,'state':{'terminated':{}}," + lastState(Duration.ofMinutes(2)) + "}],"
                                        + "'containerStatuses':[{'restartCount':4,'state':{'running':{}},"
                                        + lastState(Duration.ofSeconds(20)) + "}]}"),
                        narrow("test11", "0/1", "Running", "4 (20s ago)")),
                arguments("restarted 5d ago",
                        pod("test12", "{" + containers(1) + "}",
                                "{'phase':'Running','containerStatuses':[{'ready':true,'restartCount':3,'state':{'running':{}},"
                                        + lastState(Duration.ofDays(5)) + "}]}"),
                        narrow("test12", "1/1", "Running", "3 (5d ago)")),
                arguments("one never restarted, other restarted 10d ago",
                        pod("test13", "{" + containers(2) + "}",
                                "{'phase':'Running','containerStatuses':[{'ready':true,'restartCount':0,'state':{'running':{}}},"
                                        + "{'ready':true,'restartCount':3,'state':{'running':{}}," + lastState(Duration.ofDays(10)) + "}]}"),
                        narrow("test13", "2/2", "Running", "3 (10d ago)")),
                arguments("latest of two restart times",
                        pod("test14", "{" + containers(2) + "}",
                                "{'phase':'Running','containerStatuses':["
                                        + "{'ready':true,'restartCount':6,'state':{'running':{}}," + lastState(Duration.ofDays(5)) + "},"
                                        + "{'ready':true,'restartCount':3,'state':{'running':{}}," + lastState(Duration.ofDays(20)) + "}]}"),
                        narrow("test14", "2/2", "Running", "9 (5d ago)")),
                arguments("scheduling gated",
                        pod("test15", "{" + containers(2) + "}",
                                "{'phase':'podPhase','conditions':[{'type':'PodScheduled','status':'False','reason':'SchedulingGated'}]}"),
                        narrow("test15", "0/2", "SchedulingGated", "0")),
                arguments("succeeded",
                        pod("test16", "{" + containers(1) + "}",
                                "{'phase':'Succeeded','containerStatuses':[{'state':{'terminated':{'reason':'Completed','exitCode':0}}}]}"),
                        narrow("test16", "0/1", "Completed", "0")),
                arguments("failed",
                        pod("test17", "{" + containers(1) + "}",
                                "{'phase':'Failed','containerStatuses':[{'state':{'terminated':{'reason':'Error','exitCode':1}}}]}"),
                        narrow("test17", "0/1", "Error", "0")),
                arguments("succeeded while being deleted stays Completed",
                        podWithMeta("{'name':'test18'," + DELETED + "}", "{" + containers(1) + "}",
                                "{'phase':'Succeeded','containerStatuses':[{'state':{'terminated':{'reason':'Completed','exitCode':0}}}]}"),
                        narrow("test18", "0/1", "Completed", "0")),
                arguments("running while being deleted is Terminating",
                        podWithMeta("{'name':'test19'," + DELETED + "}", "{" + containers(1) + "}",
                                "{'phase':'Running','containerStatuses':[{'state':{'running':{}}}]}"),
                        narrow("test19", "0/1", "Terminating", "0")),
                arguments("pending while being deleted is Terminating",
                        podWithMeta("{'name':'test20'," + DELETED + "}", "{" + containers(1) + "}", "{'phase':'Pending'}"),
                        narrow("test20", "0/1", "Terminating", "0")),
                arguments("deleted on a lost node is Unknown",
                        podWithMeta("{'name':'lost'," + DELETED + "}", "{" + containers(1) + "}",
                                "{'phase':'Running','reason':'NodeLost','containerStatuses':[{'state':{'running':{}}}]}"),
                        narrow("lost", "0/1", "Unknown", "0")),
                // kubectl's everyday statuses
                arguments("pending, nothing scheduled yet",
                        pod("p", "{" + containers(1) + "}", "{'phase':'Pending'}"),
                        narrow("p", "0/1", "Pending", "0")),
                arguments("container creating",
                        pod("p", "{" + containers(1) + "}",
                                "{'phase':'Pending','containerStatuses':[{'state':{'waiting':{'reason':'ContainerCreating'}}}]}"),
                        narrow("p", "0/1", "ContainerCreating", "0")),
                arguments("crash loop",
                        pod("p", "{" + containers(1) + "}",
                                "{'phase':'Running','containerStatuses':[{'restartCount':2,'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
                                        + lastState(Duration.ofMinutes(5)) + "}]}"),
                        narrow("p", "0/1", "CrashLoopBackOff", "2 (5m ago)")),
                arguments("terminated without reason shows the exit code",
                        pod("p", "{" + containers(1) + "}",
                                "{'phase':'Running','containerStatuses':[{'state':{'terminated':{'exitCode':137}}}]}"),
                        narrow("p", "0/1", "ExitCode:137", "0")),
                arguments("terminated by a signal",
                        pod("p", "{" + containers(1) + "}",
                                "{'phase':'Running','containerStatuses':[{'state':{'terminated':{'exitCode':137,'signal':9}}}]}"),
                        narrow("p", "0/1", "Signal:9", "0")),
                arguments("init container crash looping",
                        pod("p", "{'initContainers':[{}]," + containers(1) + "}",
                                "{'phase':'Pending','initContainerStatuses':[{'restartCount':1,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}"),
                        narrow("p", "0/1", "Init:CrashLoopBackOff", "1")),
                arguments("init container failed without reason",
                        pod("p", "{'initContainers':[{}]," + containers(1) + "}",
                                "{'phase':'Pending','initContainerStatuses':[{'state':{'terminated':{'exitCode':1}}}]}"),
                        narrow("p", "0/1", "Init:ExitCode:1", "0")),
                arguments("init container killed by a signal",
                        pod("p", "{'initContainers':[{}]," + containers(1) + "}",
                                "{'phase':'Pending','initContainerStatuses':[{'state':{'terminated':{'exitCode':2,'signal':9}}}]}"),
                        narrow("p", "0/1", "Init:Signal:9", "0")),
                arguments("init container waiting in PodInitializing counts as Init:i/n",
                        pod("p", "{'initContainers':[{}]," + containers(1) + "}",
                                "{'phase':'Pending','initContainerStatuses':[{'state':{'waiting':{'reason':'PodInitializing'}}}]}"),
                        narrow("p", "0/1", "Init:0/1", "0")),
                arguments("empty pod",
                        "{}",
                        narrow("", "0/0", "", "0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void printPod(String name, String pod, List<Object> expected) {
        assertThat(table.cells(json(pod), NOW)).containsExactlyElementsOf(expected);
    }

    private static final String SIDECARS = "'initContainers':[{'name':'restartable-init-1','restartPolicy':'Always'},"
            + "{'name':'restartable-init-2','restartPolicy':'Always'}]," + containers(1);

    static Stream<Arguments> restartableInitContainers() {
        return Stream.of(
                arguments("first sidecar running but not started",
                        pod("test1", "{" + SIDECARS + "}",
                                "{'phase':'Pending','initContainerStatuses':["
                                        + "{'name':'restartable-init-1','restartCount':3,'state':{'running':{}},'started':false,"
                                        + lastState(Duration.ofSeconds(10)) + "},"
                                        + "{'name':'restartable-init-2','state':{'waiting':{}},'started':false}],"
                                        + "'containerStatuses':[{'restartCount':0,'state':{'waiting':{}}}],"
                                        + "'conditions':[{'type':'Initialized','status':'False'}]}"),
                        narrow("test1", "0/3", "Init:0/2", "3 (10s ago)")),
                arguments("first sidecar started, second running but not started",
                        pod("test1", "{" + SIDECARS + "}",
                                "{'phase':'Pending','initContainerStatuses':["
                                        + "{'name':'restartable-init-1','restartCount':3,'state':{'running':{}},'started':true,"
                                        + lastState(Duration.ofSeconds(10)) + "},"
                                        + "{'name':'restartable-init-2','state':{'running':{}},'started':false}],"
                                        + "'containerStatuses':[{'restartCount':0,'state':{'waiting':{}}}],"
                                        + "'conditions':[{'type':'Initialized','status':'False'}]}"),
                        narrow("test1", "0/3", "Init:1/2", "3 (10s ago)")),
                arguments("both sidecars started and the container running",
                        pod("test2", "{" + SIDECARS + "}",
                                "{'phase':'Running','initContainerStatuses':["
                                        + "{'name':'restartable-init-1','restartCount':3,'state':{'running':{}},'started':true,"
                                        + lastState(Duration.ofSeconds(10)) + "},"
                                        + "{'name':'restartable-init-2','state':{'running':{}},'started':true}],"
                                        + "'containerStatuses':[{'ready':true,'restartCount':4,'state':{'running':{}},"
                                        + lastState(Duration.ofSeconds(20)) + "}],"
                                        + "'conditions':[{'type':'Initialized','status':'True'}]}"),
                        narrow("test2", "1/3", "Running", "7 (10s ago)")),
                arguments("sidecars failed, container completed",
                        pod("test3", "{" + SIDECARS + "}",
                                "{'phase':'Succeeded','initContainerStatuses':["
                                        + "{'name':'restartable-init-1','restartCount':3,'state':{'terminated':{'reason':'Error','exitCode':137}},"
                                        + "'started':false," + lastState(Duration.ofSeconds(10)) + "},"
                                        + "{'name':'restartable-init-2','state':{'terminated':{'reason':'Error','exitCode':137}},'started':false}],"
                                        + "'containerStatuses':[{'restartCount':4,'state':{'terminated':{'reason':'Completed','exitCode':0}},"
                                        + lastState(Duration.ofSeconds(20)) + "}],"
                                        + "'conditions':[{'type':'Initialized','status':'True'}]}"),
                        narrow("test3", "0/3", "Completed", "7 (10s ago)")),
                arguments("statuses for containers the spec does not have",
                        pod("test4", "{'initContainers':[{'name':'init1','image':'initimage'},"
                                        + "{'name':'sidecar1','image':'sidecarimage','restartPolicy':'Always'}],"
                                        + "'containers':[{'name':'container1','image':'containerimage'}]}",
                                "{'phase':'Running','initContainerStatuses':[{'name':'initinvalid'},{'name':'init1'},{'name':'sidecar1'}],"
                                        + "'containerStatuses':[{'name':'containerinvalid'},{'name':'container1'}]}"),
                        narrow("test4", "0/2", "Init:0/2", "0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void restartableInitContainers(String name, String pod, List<Object> expected) {
        assertThat(table.cells(json(pod), NOW)).containsExactlyElementsOf(expected);
    }

    private static final String GATES = "'readinessGates':[{'conditionType':'condition1'},{'conditionType':'condition2'},"
            + "{'conditionType':'condition3'}]";
    private static final String GATE_CONDITIONS = "'conditions':[{'type':'condition1','status':'False'},"
            + "{'type':'condition2','status':'True'}]";

    static Stream<Arguments> wide() {
        return Stream.of(
                arguments("node, IP, nomination, gates",
                        pod("test1", "{" + containers(2) + ",'nodeName':'test1'," + GATES + "}",
                                "{" + GATE_CONDITIONS + ",'phase':'podPhase','podIPs':[{'ip':'1.1.1.1'}],"
                                        + "'containerStatuses':[" + READY_RUNNING_3 + "," + RESTARTS_3 + "],'nominatedNodeName':'node1'}"),
                        List.of("test1", "1/2", "podPhase", "6", "<unknown>", "1.1.1.1", "test1", "node1", "1/3")),
                arguments("dual stack shows the first IP",
                        pod("test1", "{" + containers(2) + ",'nodeName':'test1'," + GATES + "}",
                                "{" + GATE_CONDITIONS + ",'phase':'podPhase','podIPs':[{'ip':'1.1.1.1'},{'ip':'2001:db8::'}],"
                                        + "'containerStatuses':[" + READY_RUNNING_3 + "," + RESTARTS_3 + "],'nominatedNodeName':'node1'}"),
                        List.of("test1", "1/2", "podPhase", "6", "<unknown>", "1.1.1.1", "test1", "node1", "1/3")),
                arguments("nothing set",
                        pod("test2", "{" + containers(2) + ",'nodeName':''}",
                                "{'phase':'podPhase','containerStatuses':[" + READY_RUNNING_3
                                        + ",{'state':{'waiting':{'reason':'ContainerWaitingReason'}},'restartCount':3}]}"),
                        List.of("test2", "1/2", "ContainerWaitingReason", "6", "<unknown>", NONE, NONE, NONE, NONE)),
                arguments("podIP without podIPs, and an age",
                        podWithMeta("{'name':'p'," + created(Duration.ofMinutes(5)) + "}", "{" + containers(1) + ",'nodeName':'n1'}",
                                "{'phase':'Running','podIP':'10.0.0.7'}"),
                        List.of("p", "0/1", "Running", "0", "5m", "10.0.0.7", "n1", NONE, NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void wide(String name, String pod, List<Object> expected) {
        assertThat(table.cells(json(pod), NOW)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> rowConditions() {
        String statuses = "'containerStatuses':[" + READY_RUNNING_3 + "," + RESTARTS_3 + "]";
        return Stream.of(
                arguments("{'phase':'Running'," + statuses + "}", "Running", List.of()),
                arguments("{'phase':'Pending'," + statuses + "}", "Pending", List.of()),
                arguments("{'phase':'Unknown'," + statuses + "}", "Unknown", List.of()),
                arguments("{'phase':'Succeeded'," + statuses + "}", "Succeeded", List.of(PodTable.SUCCEEDED)),
                arguments("{'phase':'Failed'," + statuses + "}", "Failed", List.of(PodTable.FAILED)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void rowConditions(String status, String shown, List<RowCondition> expected) {
        JsonNode pod = json(pod("test1", "{" + containers(2) + "}", status));
        assertThat(table.cells(pod, NOW)).containsExactlyElementsOf(narrow("test1", "1/2", shown, "6"));
        assertThat(table.conditions(pod)).containsExactlyElementsOf(expected);
    }

    @Test
    void completedConditionsAreUpstreams() {
        assertThat(PodTable.SUCCEEDED)
                .isEqualTo(new RowCondition("Completed", "True", "Succeeded", "The pod has completed successfully."));
        assertThat(PodTable.FAILED).isEqualTo(new RowCondition("Completed", "True", "Failed", "The pod failed."));
    }

    @Test
    void columns() {
        assertThat(table.columns()).extracting(TableConvertor.Column::name).containsExactly(
                "Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates");
        assertThat(table.columns()).extracting(TableConvertor.Column::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(table.columns().get(0).format()).isEqualTo("name");
        assertThat(table.columns().get(3).description()).isEqualTo(
                "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.");
    }
}
