package io.kubeboot.apiserver.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.table.Fixtures.CREATED_ALMOST_NOW;
import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases of upstream TestPrintControllerRevision, plus a core-group controller and a missing creation time. */
class ControllerRevisionTableTest {
    static Stream<Arguments> printControllerRevision() {
        return Stream.of(
                arguments("{'metadata':{'name':'test1'," + CREATED_ALMOST_NOW + ",'ownerReferences':[{'controller':true,"
                        + "'apiVersion':'apps/v1','kind':'DaemonSet','name':'foo'}]},'revision':1}",
                        List.of("test1", "daemonset.apps/foo", 1L, "0s")),
                arguments("{'metadata':{'name':'test2'," + CREATED_ALMOST_NOW + ",'ownerReferences':[{'controller':false,"
                        + "'kind':'ABC','name':'foo'}]},'revision':2}",
                        List.of("test2", "<none>", 2L, "0s")),
                arguments("{'metadata':{'name':'test3'," + CREATED_ALMOST_NOW + ",'ownerReferences':[]},'revision':3}",
                        List.of("test3", "<none>", 3L, "0s")),
                arguments("{'metadata':{'name':'test4'," + CREATED_ALMOST_NOW + "},'revision':4}",
                        List.of("test4", "<none>", 4L, "0s")),
                arguments("{'metadata':{'name':'test5','ownerReferences':[{'controller':true,'apiVersion':'v1',"
                        + "'kind':'ReplicationController','name':'rc'}]},'revision':0}",
                        List.of("test5", "replicationcontroller/rc", 0L, "<unknown>")));
    }

    @ParameterizedTest
    @MethodSource
    void printControllerRevision(String revision, List<Object> expected) {
        assertThat(new ControllerRevisionTable().cells(json(revision), NOW)).containsExactlyElementsOf(expected);
    }

    @Test
    void columnsAsUpstream() {
        assertThat(new ControllerRevisionTable().columns())
                .extracting(TableConvertor.Column::name, TableConvertor.Column::type, TableConvertor.Column::format)
                .containsExactly(tuple("Name", "string", "name"), tuple("Controller", "string", ""),
                        tuple("Revision", "string", ""), tuple("Age", "string", ""));
    }
}
