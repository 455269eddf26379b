package io.kubeboot.bench.nodes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * p50, p90, p99 and max of a small sample (milliseconds) by nearest rank, as upstream's pod startup
 * measurements compute them (e2e {@code ExtractLatencyMetrics}: the value at index ceil(n * p / 100) - 1 of
 * the sorted sample). With the few dozen pods of a node bench an interpolating histogram would invent
 * values; nearest rank only ever reports a latency some pod really had (p99 of 90 pods is the slowest).
 */
public record Percentiles(int count, long p50, long p90, long p99, long max) {

    /** Percentiles of {@code values}; all zero when empty. */
    public static Percentiles of(Collection<Long> values) {
        if (values.isEmpty()) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Percentiles(sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted.get(sorted.size() - 1));
    }

    static long rank(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(sorted.size() * percent / 100.0) - 1;
        return sorted.get(Math.max(0, index));
    }

    /** e.g. {@code "812 / 1,204 / 1,530 / 1,530 ms (30)"}. */
    public String format() {
        return count == 0 ? "n/a (no samples)"
                : String.format(Locale.ROOT, "%,d / %,d / %,d / %,d ms (%d)", p50, p90, p99, max, count);
    }
}
