package io.kubeboot.bench.core;

import java.util.Map;

/** What one timed phase achieved: successful operations, their rate and latency percentiles (ms). */
public record PhaseResult(String name, int clients, long ops, double seconds,
                          double p50, double p90, double p99, double max, Map<String, Long> failures) {

    public double perSecond() {
        return seconds <= 0 ? 0 : ops / seconds;
    }

    public long failureCount() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** e.g. {@code "HTTP 500 x3, timeout x1"}, or {@code "0"}. */
    public String failureSummary() {
        if (failures.isEmpty()) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        failures.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(" x").append(v));
        return b.toString();
    }
}
