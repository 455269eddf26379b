package io.kubeboot.node.kubelet.metrics;

import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.SandboxStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kubelet's pod metrics under upstream's names: {@code kubelet_pod_start_duration_seconds} (histogram, from
 * first seen to Running, upstream's buckets), {@code kubelet_running_pods} and
 * {@code kubelet_running_containers{container_state}}. The gauges carry a {@code node} tag, as one process may run
 * several kubelets on one registry (simulated nodes). Thread safe.
 */
public final class KubeletMetrics {
    private static final Duration[] START_BUCKETS = seconds(0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240,
            300, 360, 480, 600, 900, 1200, 1800, 2700, 3600);

    private final Timer podStart;
    private final AtomicLong runningPods = new AtomicLong();
    private final Map<ContainerStatus.State, AtomicLong> containers = new EnumMap<>(ContainerStatus.State.class);

    public KubeletMetrics(MeterRegistry registry, String nodeName) {
        this.podStart = Timer.builder("kubelet_pod_start_duration")
                .description("Duration in seconds from kubelet seeing a pod for the first time to the pod starting to run")
                .serviceLevelObjectives(START_BUCKETS)
                .register(registry);
        Gauge.builder("kubelet_running_pods", runningPods, AtomicLong::get)
                .description("Number of pods that have a running pod sandbox").tags(Tags.of("node", nodeName)).register(registry);
        for (ContainerStatus.State s : ContainerStatus.State.values()) {
            AtomicLong v = new AtomicLong();
            containers.put(s, v);
            Gauge.builder("kubelet_running_containers", v, AtomicLong::get)
                    .description("Number of containers currently running")
                    .tags(Tags.of("container_state", s.name().toLowerCase(Locale.ROOT), "node", nodeName)).register(registry);
        }
    }

    public void observePodStart(Duration d) {
        podStart.record(d);
    }

    /** Refreshes the gauges from a relist of the runtime. */
    public void updateRuntimeCounts(List<SandboxStatus> sandboxes, List<ContainerStatus> all) {
        runningPods.set(sandboxes.stream().filter(SandboxStatus::running).map(SandboxStatus::podUid).distinct().count());
        Map<ContainerStatus.State, Long> counts = new EnumMap<>(ContainerStatus.State.class);
        for (ContainerStatus c : all) {
            counts.merge(c.state(), 1L, Long::sum);
        }
        containers.forEach((state, gauge) -> gauge.set(counts.getOrDefault(state, 0L)));
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofMillis((long) (values[i] * 1000));
        }
        return out;
    }
}
