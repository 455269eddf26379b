package io.kubeboot.runtime.workqueue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * client-go's workqueue metrics, tagged {@code name}. With Micrometer's Prometheus naming they are exported as
 * upstream's: workqueue_depth, workqueue_adds_total, workqueue_queue_duration_seconds,
 * workqueue_work_duration_seconds, workqueue_unfinished_work_seconds, workqueue_longest_running_processor_seconds,
 * workqueue_retries_total.
 */
final class MicrometerQueueMetrics<K> implements QueueMetrics<K> {
    private final LongSupplier nanoTime;
    private final AtomicInteger depth = new AtomicInteger();
    private final Counter adds;
    private final Counter retries;
    private final Timer queueLatency;
    private final Timer workDuration;
    private final Map<K, Long> addTimes = new ConcurrentHashMap<>();
    private final Map<K, Long> processingStartTimes = new ConcurrentHashMap<>();

    MicrometerQueueMetrics(MeterRegistry registry, String name, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        Gauge.builder("workqueue_depth", depth, AtomicInteger::get).tag("name", name)
                .description("Current depth of workqueue").register(registry);
        adds = Counter.builder("workqueue_adds").tag("name", name)
                .description("Total number of adds handled by workqueue").register(registry);
        retries = Counter.builder("workqueue_retries").tag("name", name)
                .description("Total number of retries handled by workqueue").register(registry);
        queueLatency = Timer.builder("workqueue_queue_duration").tag("name", name)
                .description("How long an item stays in workqueue before being requested").register(registry);
        workDuration = Timer.builder("workqueue_work_duration").tag("name", name)
                .description("How long processing an item from workqueue takes").register(registry);
        Gauge.builder("workqueue_unfinished_work_seconds", this, MicrometerQueueMetrics::unfinishedWorkSeconds)
                .tag("name", name).description("How many seconds of work has been done that is in progress")
                .register(registry);
        Gauge.builder("workqueue_longest_running_processor_seconds", this, MicrometerQueueMetrics::longestRunningSeconds)
                .tag("name", name).description("How many seconds has the longest running processor been running")
                .register(registry);
    }

    @Override
    public void add(K item) {
        adds.increment();
        depth.incrementAndGet();
        addTimes.putIfAbsent(item, nanoTime.getAsLong());
    }

    @Override
    public void get(K item) {
        depth.decrementAndGet();
        long now = nanoTime.getAsLong();
        processingStartTimes.put(item, now);
        Long added = addTimes.remove(item);
        if (added != null) {
            queueLatency.record(now - added, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void done(K item) {
        Long started = processingStartTimes.remove(item);
        if (started != null) {
            workDuration.record(nanoTime.getAsLong() - started, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void retry() {
        retries.increment();
    }

    private double unfinishedWorkSeconds() {
        long now = nanoTime.getAsLong();
        return processingStartTimes.values().stream().mapToLong(s -> now - s).sum() / 1e9;
    }

    private double longestRunningSeconds() {
        long now = nanoTime.getAsLong();
        return processingStartTimes.values().stream().mapToLong(s -> now - s).max().orElse(0) / 1e9;
    }
}
