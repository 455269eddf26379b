package io.kubeboot.controller.job;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Upstream {@code orderedIntervals}: a set of completion indexes as sorted, non-overlapping, non-adjacent
 * {@code [first, last]} intervals, written as in status.completedIndexes ("1,3-5,7"). Immutable.
 */
public final class OrderedIntervals {
    /** One interval of indexes, both ends included. */
    public record Interval(int first, int last) {
    }

    private static final OrderedIntervals EMPTY = new OrderedIntervals(List.of());
    private final List<Interval> intervals;

    private OrderedIntervals(List<Interval> intervals) {
        this.intervals = List.copyOf(intervals);
    }

    public static OrderedIntervals empty() {
        return EMPTY;
    }

    public List<Interval> intervals() {
        return intervals;
    }

    /**
     * Upstream {@code parseIndexesFromString}: indexes at or beyond {@code completions} are dropped (a range is cut
     * at completions - 1), unparsable parts are skipped, adjacent intervals are merged.
     */
    public static OrderedIntervals parse(String s, int completions) {
        if (s == null || s.isEmpty()) {
            return EMPTY;
        }
        List<Interval> result = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            String[] limits = part.split("-", -1);
            int first;
            try {
                first = Integer.parseInt(limits[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (first >= completions) {
                break;
            }
            int last = first;
            if (limits.length > 1) {
                try {
                    last = Integer.parseInt(limits[1]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (last >= completions) {
                    last = completions - 1;
                }
            }
            if (!result.isEmpty() && result.get(result.size() - 1).last() == first - 1) {
                Interval prev = result.remove(result.size() - 1);
                result.add(new Interval(prev.first(), last));
            } else {
                result.add(new Interval(first, last));
            }
        }
        return new OrderedIntervals(result);
    }

    /** Upstream {@code withOrderedIndexes}: this set plus {@code newIndexes} (sorted ascending). */
    public OrderedIntervals withOrderedIndexes(List<Integer> newIndexes) {
        List<Interval> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < intervals.size() && j < newIndexes.size()) {
            if (intervals.get(i).first() < newIndexes.get(j)) {
                appendOrMerge(result, intervals.get(i++));
            } else {
                int ix = newIndexes.get(j++);
                appendOrMerge(result, new Interval(ix, ix));
            }
        }
        while (i < intervals.size()) {
            appendOrMerge(result, intervals.get(i++));
        }
        while (j < newIndexes.size()) {
            int ix = newIndexes.get(j++);
            appendOrMerge(result, new Interval(ix, ix));
        }
        return new OrderedIntervals(result);
    }

    private static void appendOrMerge(List<Interval> result, Interval next) {
        if (result.isEmpty() || next.first() > result.get(result.size() - 1).last() + 1) {
            result.add(next);
        } else if (result.get(result.size() - 1).last() < next.last()) {
            Interval prev = result.remove(result.size() - 1);
            result.add(new Interval(prev.first(), next.last()));
        }
    }

    /** Convenience for {@link #withOrderedIndexes} with an unsorted collection. */
    public OrderedIntervals with(Collection<Integer> indexes) {
        return withOrderedIndexes(indexes.stream().sorted().toList());
    }

    public int total() {
        int n = 0;
        for (Interval iv : intervals) {
            n += iv.last() - iv.first() + 1;
        }
        return n;
    }

    public boolean has(int ix) {
        for (Interval iv : intervals) {
            if (ix < iv.first()) {
                return false;
            }
            if (ix <= iv.last()) {
                return true;
            }
        }
        return false;
    }

    /** "1,3-5,7"; two adjacent indexes print as "3,4". */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Interval iv : intervals) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(iv.first());
            if (iv.last() > iv.first()) {
                b.append(iv.last() == iv.first() + 1 ? ',' : '-').append(iv.last());
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderedIntervals other && intervals.equals(other.intervals);
    }

    @Override
    public int hashCode() {
        return intervals.hashCode();
    }
}
