package io.kubeboot.bench.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * Upstream scheduler_perf's SchedulingThroughput (throughputCollector in util.go): the number of
 * scheduled pods is sampled about once a second; the first non-zero sample only sets the baseline
 * (sampling and pod creation start independently, so it is not a full interval); an interval in which
 * nothing was scheduled records nothing but is folded into the next one that did, and that rate is then
 * recorded once per elapsed interval so the percentiles stay time-weighted. Summary: the average and the
 * nearest-rank percentiles of the sorted rates.
 *
 * <p>Not thread safe: one sampling thread calls {@link #sample}; read the summary after it stopped.
 */
public final class ThroughputSampler {
    /** Upstream's Average and nearest-rank Perc50/90/95/99 (pods/s) over {@code samples} intervals. */
    public record Summary(int samples, double average, double perc50, double perc90, double perc95, double perc99, double min) {
    }

    private final List<Double> rates = new ArrayList<>();
    private boolean started;
    private int skipped;
    private long lastCount;
    private long lastNanos;

    /** One tick: {@code scheduled} pods are scheduled at {@code nowNanos} (cumulative, never decreasing). */
    public void sample(long nowNanos, long scheduled) {
        if (scheduled == 0) {
            return;
        }
        if (!started) {
            started = true;
            lastCount = scheduled;
            lastNanos = nowNanos;
            return;
        }
        long added = scheduled - lastCount;
        if (added == 0) {
            skipped++;
            return;
        }
        double rate = added / ((nowNanos - lastNanos) / 1e9);
        for (int i = 0; i <= skipped; i++) {
            rates.add(rate);
        }
        lastCount = scheduled;
        lastNanos = nowNanos;
        skipped = 0;
    }

    /** Null when no interval was recorded (everything was scheduled within the first sample). */
    public Summary summary() {
        if (rates.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(rates);
        sorted.sort(null);
        double sum = sorted.stream().mapToDouble(Double::doubleValue).sum();
        return new Summary(sorted.size(), sum / sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 95),
                rank(sorted, 99), sorted.get(0));
    }

    private static double rank(List<Double> sorted, int percent) {
        return sorted.get((int) Math.ceil(sorted.size() * percent / 100.0) - 1);
    }
}
