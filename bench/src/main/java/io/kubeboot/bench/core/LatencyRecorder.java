package io.kubeboot.bench.core;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies of successful operations (microseconds, 3 significant digits) and counts of failures by
 * kind, recorded from any thread. Failed operations are not in the histogram: a fast 500 would make
 * the percentiles look better than what clients get.
 */
public final class LatencyRecorder {
    /** Up to 10 minutes; anything slower is a hang, and is clamped rather than lost. */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Histogram histogram = new ConcurrentHistogram(MAX_MICROS, 3);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private volatile long startNanos;
    private volatile long stopNanos;

    public void start() {
        startNanos = System.nanoTime();
    }

    public void stop() {
        stopNanos = System.nanoTime();
    }

    /** Ends the rate window at {@code nanos} (a {@link System#nanoTime()} value) if that is earlier than now. */
    public void stopNoLaterThan(long nanos) {
        long now = System.nanoTime();
        stopNanos = nanos - now < 0 ? nanos : now;
    }

    public void success(long latencyNanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1000)));
    }

    public void failure(String kind) {
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public void record(Outcome outcome, long latencyNanos) {
        if (outcome.ok()) {
            success(latencyNanos);
        } else {
            failure(outcome.failure());
        }
    }

    public long successes() {
        return histogram.getTotalCount();
    }

    public long failureCount() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A frozen view for the report; {@link #stop()} must have been called. */
    public PhaseResult result(String name, int clients) {
        Map<String, Long> f = new TreeMap<>();
        failures.forEach((k, v) -> f.put(k, v.sum()));
        double seconds = (stopNanos - startNanos) / 1e9;
        return new PhaseResult(name, clients, histogram.getTotalCount(), seconds,
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()), f);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
