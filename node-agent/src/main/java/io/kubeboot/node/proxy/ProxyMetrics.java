package io.kubeboot.node.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * kube-proxy's sync metrics: {@code kubeproxy_sync_proxy_rules_duration_seconds} (how long each sync took),
 * {@code kubeproxy_sync_proxy_rules_last_timestamp_seconds} (when the last sync finished, Unix seconds), and
 * what the last sync programmed: {@code kubeproxy_programmed_service_ports} and
 * {@code kubeproxy_programmed_endpoints} (usable endpoints summed over service ports); and KubeBoot's
 * {@code kubeproxy_userspace_endpoint_dial_failures_total}: connections the userspace proxier could not open to
 * the endpoint it chose (each then tries another), the sign of an endpoint still programmed after its pod went.
 * Thread safe.
 */
public final class ProxyMetrics {
    private final Timer duration;
    private final AtomicLong lastTimestampMillis = new AtomicLong();
    private final AtomicLong servicePorts = new AtomicLong();
    private final AtomicLong endpoints = new AtomicLong();
    private final Counter dialFailures;

    public ProxyMetrics(MeterRegistry registry) {
        duration = Timer.builder("kubeproxy_sync_proxy_rules_duration")
                .description("SyncProxyRules latency in seconds")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("kubeproxy_sync_proxy_rules_last_timestamp_seconds", lastTimestampMillis, v -> v.get() / 1000.0)
                .description("The last time proxy rules were successfully synced").register(registry);
        Gauge.builder("kubeproxy_programmed_service_ports", servicePorts, AtomicLong::get)
                .description("Service ports programmed by the last sync").register(registry);
        Gauge.builder("kubeproxy_programmed_endpoints", endpoints, AtomicLong::get)
                .description("Usable endpoints programmed by the last sync").register(registry);
        dialFailures = Counter.builder("kubeproxy_userspace_endpoint_dial_failures")
                .description("Connections the userspace proxier could not open to the chosen endpoint")
                .register(registry);
    }

    /** One failed connect to an endpoint; called from proxy event loops. */
    public void endpointDialFailed() {
        dialFailures.increment();
    }

    public void recordSync(Duration took, long finishedAtMillis, ProxyState state, boolean ok) {
        duration.record(took);
        servicePorts.set(state.ports().size());
        endpoints.set(state.endpointCount());
        if (ok) {
            lastTimestampMillis.set(finishedAtMillis);
        }
    }
}
