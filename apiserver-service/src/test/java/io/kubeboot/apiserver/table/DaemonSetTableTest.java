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
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases of upstream TestPrintDaemonSet and TestPrintDaemonSetList (wide), plus a node selector. */
class DaemonSetTableTest {
    static Stream<Arguments> printDaemonSet() {
        return Stream.of(
                arguments("{'metadata':{'name':'test1'," + CREATED_ALMOST_NOW + "},'spec':{"
                                + "'template':{'spec':{'containers':[{'name':'fake-container1','image':'fake-image1'},"
                                + "{'name':'fake-container2','image':'fake-image2'}]}},'selector':{'matchLabels':{'foo':'bar'}}},"
                                + "'status':{'currentNumberScheduled':2,'desiredNumberScheduled':3,'numberReady':1,"
                                + "'updatedNumberScheduled':2,'numberAvailable':0}}",
                        List.of("test1", 3L, 2L, 1L, 2L, 0L, "<none>", "0s", "fake-container1,fake-container2",
                                "fake-image1,fake-image2", "foo=bar")),
                arguments("{'metadata':{'name':'daemonset2'," + CREATED_ALMOST_NOW + "},'spec':{'template':{},"
                                + "'selector':{'matchLabels':{'foo':'bar'}}},"
                                + "'status':{'currentNumberScheduled':4,'desiredNumberScheduled':2,'numberReady':9,"
                                + "'updatedNumberScheduled':3,'numberAvailable':3}}",
                        List.of("daemonset2", 2L, 4L, 9L, 3L, 3L, "<none>", "0s", "", "", "foo=bar")),
                arguments("{'metadata':{'name':'kube-proxy'},'spec':{'template':{'spec':{'nodeSelector':"
                                + "{'kubernetes.io/os':'linux','a':'b'},'containers':[{'name':'kube-proxy','image':'kube-proxy:v1.32.0'}]}},"
                                + "'selector':{'matchLabels':{'k8s-app':'kube-proxy'}}}}",
                        List.of("kube-proxy", 0L, 0L, 0L, 0L, 0L, "a=b,kubernetes.io/os=linux", "<unknown>", "kube-proxy",
                                "kube-proxy:v1.32.0", "k8s-app=kube-proxy")));
    }

    @ParameterizedTest
    @MethodSource
    void printDaemonSet(String daemonSet, List<Object> expected) {
        assertThat(new DaemonSetTable().cells(json(daemonSet), NOW)).containsExactlyElementsOf(expected);
    }

    @Test
    void columns() {
        assertThat(new DaemonSetTable().columns()).extracting(TableConvertor.Column::name).containsExactly("Name", "Desired",
                "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age", "Containers", "Images", "Selector");
    }
}
