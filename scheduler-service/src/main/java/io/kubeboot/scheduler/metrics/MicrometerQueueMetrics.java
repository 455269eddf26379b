package io.kubeboot.scheduler.metrics;

import io.kubeboot.scheduler.queue.QueueMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code scheduler_pending_pods{queue}} (active, backoff, unschedulable, gated) and
 * {@code scheduler_queue_incoming_pods_total{queue,event}}, as upstream. Thread safe.
 */
public final class MicrometerQueueMetrics implements QueueMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, AtomicInteger> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> incoming = new ConcurrentHashMap<>();

    public MicrometerQueueMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String q : new String[]{"active", "backoff", "unschedulable", "gated"}) {
            gauge(q);
        }
    }

    private AtomicInteger gauge(String queue) {
        return pending.computeIfAbsent(queue, q -> {
            AtomicInteger v = new AtomicInteger();
            Gauge.builder("scheduler_pending_pods", v, AtomicInteger::get)
                    .description("Number of pending pods, by the queue type.").tag("queue", q).register(registry);
            return v;
        });
    }

    @Override
    public void pending(String queue, int count) {
        gauge(queue).set(count);
    }

    @Override
    public void incomingPod(String queue, String event) {
        incoming.computeIfAbsent(queue + "\u0000" + event, k -> Counter.builder("scheduler_queue_incoming_pods")
                .description("Number of pods added to scheduling queues by event and queue type.")
                .tag("queue", queue).tag("event", event).register(registry)).increment();
    }
}
