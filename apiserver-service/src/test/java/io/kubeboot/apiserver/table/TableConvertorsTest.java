package io.kubeboot.apiserver.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each built-in resource gets its printer; everything else the default NAME / CREATED AT table. */
class TableConvertorsTest {
    private final TableConvertors convertors = new TableConvertors();

    @ParameterizedTest
    @CsvSource({
            "'', pods, PodTable",
            "'', nodes, NodeTable",
            "'', services, ServiceTable",
            "'', endpoints, EndpointsTable",
            "'', configmaps, ConfigMapTable",
            "'', secrets, SecretTable",
            "'', serviceaccounts, ServiceAccountTable",
            "'', events, EventTable",
            "'', namespaces, NamespaceTable",
            "apps, deployments, DeploymentTable",
            "apps, replicasets, ReplicaSetTable",
            "apps, daemonsets, DaemonSetTable",
            "apps, controllerrevisions, ControllerRevisionTable",
            "batch, jobs, JobTable",
            "batch, cronjobs, CronJobTable",
            "coordination.k8s.io, leases, LeaseTable",
            "discovery.k8s.io, endpointslices, EndpointSliceTable",
            "scheduling.k8s.io, priorityclasses, PriorityClassTable",
            // not printed by a dedicated printer here
            "apps, statefulsets, DefaultTable",
            "'', pods/status, DefaultTable",
            "extensions, deployments, DefaultTable",
            "events.k8s.io, events, DefaultTable",
            "example.com, widgets, DefaultTable",
    })
    void forResource(String group, String resource, String expected) {
        assertThat(convertors.forResource(group, resource).getClass().getSimpleName()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"pods, PodTable", "widgets, DefaultTable"})
    void nullGroupIsCore(String resource, String expected) {
        assertThat(convertors.forResource(null, resource).getClass().getSimpleName()).isEqualTo(expected);
    }
}
