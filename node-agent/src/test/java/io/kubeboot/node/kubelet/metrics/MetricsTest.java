package io.kubeboot.node.kubelet.metrics;

import io.kubeboot.node.kubelet.doubles.DelegatingRuntime;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.RuntimeOperationException;
import io.kubeboot.node.runtime.SandboxStatus;
import io.kubeboot.node.runtime.simulated.SimulatedRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void runtimeOperationsAreTimedAndErrorsCounted() {
        InstrumentedRuntime runtime = new InstrumentedRuntime(new DelegatingRuntime(new SimulatedRuntime("n")) {
            @Override
            public void startContainer(String containerId) {
                throw new RuntimeOperationException("RunContainerError", "boom");
            }
        }, registry);
        runtime.listContainers();
        runtime.listContainers();
        assertThatThrownBy(() -> runtime.startContainer("x")).hasMessage("boom");
        assertThat(registry.get("kubelet_runtime_operations_duration").tag("operation_type", "list_containers").timer().count()).isEqualTo(2);
        assertThat(registry.get("kubelet_runtime_operations_duration").tag("operation_type", "start_container").timer().count()).isEqualTo(1);
        assertThat(registry.get("kubelet_runtime_operations_errors").tag("operation_type", "start_container").counter().count()).isEqualTo(1);
        assertThat(registry.find("kubelet_runtime_operations_errors").tag("operation_type", "list_containers").counter()).isNull();
    }

    @Test
    void podGaugesFollowTheRelist() {
        KubeletMetrics metrics = new KubeletMetrics(registry, "node-1");
        Instant t = Instant.EPOCH;
        metrics.updateRuntimeCounts(
                List.of(new SandboxStatus("s1", "a", true, null, t, Map.of()), new SandboxStatus("s2", "b", false, null, t, Map.of())),
                List.of(container(ContainerStatus.State.RUNNING), container(ContainerStatus.State.RUNNING), container(ContainerStatus.State.EXITED)));
        assertThat(registry.get("kubelet_running_pods").tag("node", "node-1").gauge().value()).isEqualTo(1);
        assertThat(registry.get("kubelet_running_containers").tag("container_state", "running").gauge().value()).isEqualTo(2);
        assertThat(registry.get("kubelet_running_containers").tag("container_state", "exited").gauge().value()).isEqualTo(1);
        assertThat(registry.get("kubelet_running_containers").tag("container_state", "created").gauge().value()).isZero();
        metrics.observePodStart(Duration.ofMillis(1500));
        assertThat(registry.get("kubelet_pod_start_duration").timer().count()).isEqualTo(1);
    }

    private static ContainerStatus container(ContainerStatus.State state) {
        return new ContainerStatus("id", "s1", "a", "c", state, 0, null, null, Instant.EPOCH, null, null, "i", "sha256:1", Map.of());
    }
}
