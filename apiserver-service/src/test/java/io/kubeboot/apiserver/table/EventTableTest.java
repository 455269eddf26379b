package io.kubeboot.apiserver.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.ago;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Cases of upstream TestPrintEvent in the wide order LAST SEEN, TYPE, REASON, OBJECT, SUBOBJECT,
 * SOURCE, MESSAGE, FIRST SEEN, COUNT, NAME (kubectl drops SUBOBJECT, SOURCE, FIRST SEEN, COUNT and
 * NAME without -o wide).
 */
class EventTableTest {
    private static final String THREE_DAYS = ago(Duration.ofDays(3));
    private static final String TWO_DAYS = ago(Duration.ofDays(2));
    private static final String DEPLOYMENT = "'involvedObject':{'kind':'Deployment','name':'Deployment Name','fieldPath':'spec.containers{foo}'}";
    private final EventTable table = new EventTable();

    static Stream<Arguments> printEvent() {
        return Stream.of(
                arguments("basic event",
                        "{'metadata':{'name':'event1'},'source':{'component':'kubelet'},"
                                + "'involvedObject':{'kind':'Pod','name':'Pod Name','fieldPath':'spec.containers{foo}'},"
                                + "'reason':'Event Reason','message':'Message Data','firstTimestamp':'" + THREE_DAYS + "',"
                                + "'lastTimestamp':'" + TWO_DAYS + "','count':6,'type':'Normal'}",
                        List.of("2d", "Normal", "Event Reason", "pod/Pod Name", "spec.containers{foo}", "kubelet", "Message Data",
                                "3d", 6L, "event1")),
                arguments("source with host",
                        "{'metadata':{'name':'event2'},'source':{'component':'kubelet','host':'Node1'}," + DEPLOYMENT + ","
                                + "'reason':'Event Reason','message':'Message Data','firstTimestamp':'" + THREE_DAYS + "',"
                                + "'lastTimestamp':'" + TWO_DAYS + "','count':6,'type':'Warning'}",
                        List.of("2d", "Warning", "Event Reason", "deployment/Deployment Name", "spec.containers{foo}",
                                "kubelet, Node1", "Message Data", "3d", 6L, "event2")),
                arguments("no firstTimestamp: eventTime",
                        "{'metadata':{'name':'event3'},'source':{'component':'kubelet','host':'Node1'}," + DEPLOYMENT + ","
                                + "'reason':'Event Reason','message':'Message Data','eventTime':'" + THREE_DAYS + "',"
                                + "'lastTimestamp':'" + THREE_DAYS + "','count':1,'type':'Warning'}",
                        List.of("3d", "Warning", "Event Reason", "deployment/Deployment Name", "spec.containers{foo}",
                                "kubelet, Node1", "Message Data", "3d", 1L, "event3")),
                arguments("no lastTimestamp: first seen",
                        "{'metadata':{'name':'event4'},'source':{'component':'kubelet','host':'Node1'}," + DEPLOYMENT + ","
                                + "'reason':'Event Reason','message':'Message Data','eventTime':'" + THREE_DAYS + "',"
                                + "'firstTimestamp':'" + THREE_DAYS + "','count':1,'type':'Warning'}",
                        List.of("3d", "Warning", "Event Reason", "deployment/Deployment Name", "spec.containers{foo}",
                                "kubelet, Node1", "Message Data", "3d", 1L, "event4")),
                arguments("neither: eventTime for both",
                        "{'metadata':{'name':'event5'},'source':{'component':'kubelet','host':'Node1'}," + DEPLOYMENT + ","
                                + "'reason':'Event Reason','message':'Message Data','eventTime':'" + THREE_DAYS + "',"
                                + "'count':1,'type':'Warning'}",
                        List.of("3d", "Warning", "Event Reason", "deployment/Deployment Name", "spec.containers{foo}",
                                "kubelet, Node1", "Message Data", "3d", 1L, "event5")),
                arguments("series: last observed time and series count",
                        "{'metadata':{'name':'event6'},'source':{'component':'kubelet','host':'Node1'}," + DEPLOYMENT + ","
                                + "'series':{'count':2,'lastObservedTime':'" + TWO_DAYS + "'},"
                                + "'reason':'Event Reason','message':'Message Data','eventTime':'" + THREE_DAYS + "','type':'Warning'}",
                        List.of("2d", "Warning", "Event Reason", "deployment/Deployment Name", "spec.containers{foo}",
                                "kubelet, Node1", "Message Data", "3d", 2L, "event6")),
                arguments("singleton without count counts 1",
                        "{'metadata':{'name':'event7'},'source':{'component':'kubelet','host':'Node1'}," + DEPLOYMENT + ","
                                + "'reason':'Event Reason','message':'Message Data','eventTime':'" + THREE_DAYS + "','type':'Warning'}",
                        List.of("3d", "Warning", "Event Reason", "deployment/Deployment Name", "spec.containers{foo}",
                                "kubelet, Node1", "Message Data", "3d", 1L, "event7")),
                arguments("empty source: reporting controller and instance",
                        "{'metadata':{'name':'event2'},'reportingComponent':'kubelet','reportingInstance':'test'," + DEPLOYMENT + ","
                                + "'reason':'Event Reason','message':'Message Data','firstTimestamp':'" + THREE_DAYS + "',"
                                + "'lastTimestamp':'" + TWO_DAYS + "','count':6,'type':'Warning'}",
                        List.of("2d", "Warning", "Event Reason", "deployment/Deployment Name", "spec.containers{foo}",
                                "kubelet, test", "Message Data", "3d", 6L, "event2")),
                arguments("no involved name, message trimmed, nothing timed",
                        "{'metadata':{'name':'e'},'involvedObject':{'kind':'Node'},'message':'  spaced out \\n','type':'Normal'}",
                        List.of("<unknown>", "Normal", "", "node", "", "", "spaced out", "<unknown>", 1L, "e")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void printEvent(String name, String event, List<Object> expected) {
        assertThat(table.cells(json(event), NOW)).containsExactlyElementsOf(expected);
    }

    @Test
    void columns() {
        assertThat(table.columns()).extracting(TableConvertor.Column::name).containsExactly("Last Seen", "Type", "Reason",
                "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name");
        assertThat(table.columns()).extracting(TableConvertor.Column::priority).containsExactly(0, 0, 0, 0, 1, 1, 0, 1, 1, 1);
    }
}
