package io.kubeboot.bench.nodes;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TimerTotalsTest {
    private static final String BEFORE = """
            # TYPE kubelet_runtime_operations_duration_seconds histogram
            kubelet_runtime_operations_duration_seconds_bucket{application="node-agent",operation_type="create_container",le="0.1"} 1
            kubelet_runtime_operations_duration_seconds_count{application="node-agent",operation_type="create_container"} 1
            kubelet_runtime_operations_duration_seconds_sum{application="node-agent",operation_type="create_container"} 0.2
            kubelet_runtime_operations_duration_seconds_count{application="node-agent",operation_type="list_containers"} 10
            kubelet_runtime_operations_duration_seconds_sum{application="node-agent",operation_type="list_containers"} 0.5
            kubelet_runtime_operations_duration_seconds_max{application="node-agent",operation_type="list_containers"} 0.3
            kubelet_runtime_operations_errors_total{application="node-agent",operation_type="create_container"} 4
            kubelet_pod_start_duration_seconds_count{application="node-agent"} 1
            kubelet_pod_start_duration_seconds_sum{application="node-agent"} 0.8
            """;
    private static final String AFTER = """
            kubelet_runtime_operations_duration_seconds_count{application="node-agent",operation_type="create_container"} 31
            kubelet_runtime_operations_duration_seconds_sum{application="node-agent",operation_type="create_container"} 6.2
            kubelet_runtime_operations_duration_seconds_count{application="node-agent",operation_type="list_containers"} 10
            kubelet_runtime_operations_duration_seconds_sum{application="node-agent",operation_type="list_containers"} 0.5
            kubelet_runtime_operations_duration_seconds_count{application="node-agent",operation_type="start_container"} 30
            kubelet_runtime_operations_duration_seconds_sum{application="node-agent",operation_type="start_container"} 9.0
            kubelet_pod_start_duration_seconds_count{application="node-agent"} 31
            kubelet_pod_start_duration_seconds_sum{application="node-agent"} 60.8
            """;
    private static final String OPS = "kubelet_runtime_operations_duration_seconds";

    @Test
    void differenceByLabelLeavesOutIdleOperations() {
        Map<String, TimerTotals.Total> d = TimerTotals.parse(AFTER, OPS, "operation_type").since(TimerTotals.parse(BEFORE, OPS, "operation_type"));

        assertThat(d).containsOnlyKeys("create_container", "start_container");
        assertThat(d.get("create_container").count()).isEqualTo(30);
        assertThat(d.get("create_container").meanMillis()).isCloseTo(200, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.get("start_container").meanMillis()).isCloseTo(300, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void linesLargestTotalFirst() {
        assertThat(TimerTotals.parse(AFTER, OPS, "operation_type").lines(TimerTotals.parse(BEFORE, OPS, "operation_type")))
                .containsExactly("- start_container: 30 calls, mean 300 ms, total 9.0 s",
                        "- create_container: 30 calls, mean 200 ms, total 6.0 s");
    }

    @Test
    void timerWithoutTheLabelIsOneTotal_andOtherMetricsWithTheSamePrefixAreIgnored() {
        String extra = "kubelet_pod_start_duration_seconds_countless{} 99\n";
        TimerTotals before = TimerTotals.parse(BEFORE, "kubelet_pod_start_duration_seconds", "operation_type");
        TimerTotals after = TimerTotals.parse(AFTER + extra, "kubelet_pod_start_duration_seconds", "operation_type");

        assertThat(after.since(before)).containsOnlyKeys("");
        assertThat(after.since(before).get("").count()).isEqualTo(30);
        assertThat(after.since(before).get("").meanMillis()).isCloseTo(2000, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void emptyText() {
        assertThat(TimerTotals.parse("", OPS, "operation_type").isEmpty()).isTrue();
    }
}
