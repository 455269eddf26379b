package io.kubeboot.apiserver.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.table.Fixtures.CREATED_ALMOST_NOW;
import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.created;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases of upstream TestPrintDeployment (wide), plus selector corner cases. */
class DeploymentTableTest {
    private static final String TEMPLATE = "'template':{'spec':{'containers':[{'name':'fake-container1','image':'fake-image1'},"
            + "{'name':'fake-container2','image':'fake-image2'}]}}";

    static Stream<Arguments> printDeployment() {
        return Stream.of(
                arguments("upstream test1",
                        "{'metadata':{'name':'test1'," + CREATED_ALMOST_NOW + "},'spec':{'replicas':5," + TEMPLATE + ","
                                + "'selector':{'matchLabels':{'foo':'bar'}}},"
                                + "'status':{'replicas':10,'updatedReplicas':2,'availableReplicas':1,'unavailableReplicas':4}}",
                        List.of("test1", "0/5", 2L, 1L, "0s", "fake-container1,fake-container2", "fake-image1,fake-image2", "foo=bar")),
                arguments("ready nginx",
                        "{'metadata':{'name':'nginx'," + created(Duration.ofMinutes(5)) + "},'spec':{'replicas':3,"
                                + "'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.27'}]}},"
                                + "'selector':{'matchLabels':{'app':'nginx'},'matchExpressions':[{'key':'tier','operator':'In',"
                                + "'values':['web','edge']},{'key':'canary','operator':'DoesNotExist'}]}},"
                                + "'status':{'replicas':3,'readyReplicas':3,'updatedReplicas':3,'availableReplicas':3}}",
                        List.of("nginx", "3/3", 3L, 3L, "5m", "nginx", "nginx:1.27", "app=nginx,!canary,tier in (edge,web)")),
                arguments("no selector prints an empty selector",
                        "{'metadata':{'name':'bare'},'spec':{'replicas':1}}",
                        List.of("bare", "0/1", 0L, 0L, "<unknown>", "", "", "")),
                arguments("malformed selector",
                        "{'metadata':{'name':'bad'},'spec':{'replicas':1,'selector':{'matchExpressions':[{'key':'a','operator':'Near'}]}}}",
                        List.of("bad", "0/1", 0L, 0L, "<unknown>", "", "", "<invalid>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void printDeployment(String name, String deployment, List<Object> expected) {
        assertThat(new DeploymentTable().cells(json(deployment), NOW)).containsExactlyElementsOf(expected);
    }

    @Test
    void columns() {
        assertThat(new DeploymentTable().columns()).extracting(TableConvertor.Column::name).containsExactly(
                "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
        assertThat(new DeploymentTable().columns()).extracting(TableConvertor.Column::priority)
                .containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
    }
}
