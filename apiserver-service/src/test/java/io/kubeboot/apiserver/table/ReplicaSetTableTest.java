package io.kubeboot.apiserver.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.table.Fixtures.CREATED_ALMOST_NOW;
import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases of upstream TestPrintReplicaSet and TestPrintReplicaSetList (wide). */
class ReplicaSetTableTest {
    static Stream<Arguments> printReplicaSet() {
        return Stream.of(
                arguments("{'metadata':{'name':'test1'," + CREATED_ALMOST_NOW + "},'spec':{'replicas':5,"
                                + "'template':{'spec':{'containers':[{'name':'fake-container1','image':'fake-image1'},"
                                + "{'name':'fake-container2','image':'fake-image2'}]}},'selector':{'matchLabels':{'foo':'bar'}}},"
                                + "'status':{'replicas':5,'readyReplicas':2}}",
                        List.of("test1", 5L, 5L, 2L, "0s", "fake-container1,fake-container2", "fake-image1,fake-image2", "foo=bar")),
                arguments("{'metadata':{'name':'replicaset2'," + CREATED_ALMOST_NOW + "},'spec':{'replicas':4,'template':{},"
                                + "'selector':{'matchLabels':{'foo':'bar'}}},'status':{'replicas':3,'readyReplicas':1}}",
                        List.of("replicaset2", 4L, 3L, 1L, "0s", "", "", "foo=bar")),
                arguments("{'metadata':{'name':'replicaset1'," + CREATED_ALMOST_NOW + "},'spec':{'replicas':5}}",
                        List.of("replicaset1", 5L, 0L, 0L, "0s", "", "", "<none>")),
                arguments("{'metadata':{'name':'broken'},'spec':{'selector':{'matchExpressions':[{'key':'a','operator':'In'}]}}}",
                        List.of("broken", 0L, 0L, 0L, "<unknown>", "", "", "<error>")));
    }

    @ParameterizedTest
    @MethodSource
    void printReplicaSet(String replicaSet, List<Object> expected) {
        assertThat(new ReplicaSetTable().cells(json(replicaSet), NOW)).containsExactlyElementsOf(expected);
    }
}
