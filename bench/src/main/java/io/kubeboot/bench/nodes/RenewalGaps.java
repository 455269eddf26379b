package io.kubeboot.bench.nodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Node Lease renewals over a measured window, from each Lease's {@code spec.renewTime} (the renewing agent's
 * clock, microseconds; this machine's clock): how often each Lease was renewed and the longest gap between
 * renewals, counting the open gap from the last renewal to the end of the window, so a Lease that stopped being
 * renewed shows as a gap as long as the window. A gap longer than {@code leaseDurationSeconds} (40 s) is a
 * node the node lifecycle controller would see as not heartbeating. Not thread safe: fed by one watch thread,
 * read after the window.
 */
public final class RenewalGaps {
    /** The outcome; gaps and intervals in milliseconds. */
    public record Summary(int leases, long renewals, long minPerLease, long maxPerLease, Percentiles intervals,
                          long maxGapMillis, String maxGapLease, int leasesOverLimit, long limitMillis) {
        public boolean allWithinLimit() {
            return leases > 0 && leasesOverLimit == 0;
        }
    }

    private static final class Lease {
        long last;
        long renewals;
        long maxGap;
    }

    private final Map<String, Lease> leases = new HashMap<>();
    private final List<Long> intervals = new ArrayList<>();

    /** A Lease present when the window opens, last renewed at {@code renewMillis} (-1 when it has no renewTime). */
    public void start(String name, long renewMillis, long windowStartMillis) {
        Lease l = new Lease();
        l.last = renewMillis < 0 ? windowStartMillis : renewMillis;
        leases.put(name, l);
    }

    /**
     * A Lease write seen by the watch. Only a later renewTime is a renewal (other writes, e.g. of the holder,
     * are not); a Lease first seen inside the window starts being tracked from this renewal.
     */
    public void seen(String name, long renewMillis) {
        if (renewMillis < 0) {
            return;
        }
        Lease l = leases.get(name);
        if (l == null) {
            l = new Lease();
            l.last = renewMillis;
            leases.put(name, l);
            return;
        }
        if (renewMillis <= l.last) {
            return;
        }
        long gap = renewMillis - l.last;
        intervals.add(gap);
        l.maxGap = Math.max(l.maxGap, gap);
        l.renewals++;
        l.last = renewMillis;
    }

    /** Closes the window at {@code endMillis}; {@code limitMillis} is the Lease duration. */
    public Summary finish(long endMillis, long limitMillis) {
        long renewals = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        long maxGap = 0;
        String worst = "";
        int over = 0;
        for (Map.Entry<String, Lease> e : leases.entrySet()) {
            Lease l = e.getValue();
            long gap = Math.max(l.maxGap, endMillis - l.last);
            renewals += l.renewals;
            min = Math.min(min, l.renewals);
            max = Math.max(max, l.renewals);
            if (gap > maxGap) {
                maxGap = gap;
                worst = e.getKey();
            }
            if (gap > limitMillis) {
                over++;
            }
        }
        return new Summary(leases.size(), renewals, leases.isEmpty() ? 0 : min, max, Percentiles.of(intervals),
                maxGap, worst, over, limitMillis);
    }
}
