package io.kubeboot.apiserver.registry.jobs;

/**
 * Upstream {@code validateIndexesFormat}: a comma-separated, strictly increasing list of indexes and
 * {@code x-y} intervals below {@code completions}, e.g. {@code 1,3-5,7}.
 */
final class IndexIntervals {
    private IndexIntervals() {
    }

    /** The number of indexes listed; throws with upstream's message when malformed. */
    static int count(String indexes, int completions) {
        if (indexes.isEmpty()) {
            return 0;
        }
        Integer last = null;
        int total = 0;
        for (String interval : indexes.split(",", -1)) {
            int[] xy = parse(interval, completions);
            if (last != null && last >= xy[0]) {
                throw new IllegalArgumentException("non-increasing order, previous: " + last + ", current: " + xy[0]);
            }
            total += xy[1] - xy[0] + 1;
            last = xy[1];
        }
        return total;
    }

    private static int[] parse(String interval, int completions) {
        String[] limits = interval.split("-", -1);
        if (limits.length > 2) {
            throw new IllegalArgumentException("the fragment \"" + interval
                    + "\" violates the requirement that an index interval can have at most two parts separated by '-'");
        }
        int x = atoi(limits[0]);
        if (x >= completions) {
            throw new IllegalArgumentException("too large index: \"" + limits[0] + "\"");
        }
        if (limits.length == 1) {
            return new int[]{x, x};
        }
        int y = atoi(limits[1]);
        if (y >= completions) {
            throw new IllegalArgumentException("too large index: \"" + limits[1] + "\"");
        }
        if (x >= y) {
            throw new IllegalArgumentException("non-increasing order, previous: " + x + ", current: " + y);
        }
        return new int[]{x, y};
    }

    private static int atoi(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot convert string to integer for index: \"" + s + "\"");
        }
    }
}
