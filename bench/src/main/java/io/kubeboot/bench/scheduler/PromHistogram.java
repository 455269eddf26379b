package io.kubeboot.bench.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Prometheus histogram read from the text exposition format: cumulative bucket counts by upper
 * bound ({@code le}), summed over every series whose labels contain the given ones (e.g. all profiles
 * of {@code result="scheduled"}). Two readings give the histogram of what happened in between
 * ({@link #minus}); quantiles interpolate linearly inside the bucket, as Prometheus' histogram_quantile
 * and upstream's component-base testutil do.
 */
public final class PromHistogram {
    /** Upper bound (Double.POSITIVE_INFINITY for +Inf) to cumulative count. */
    private final TreeMap<Double, Double> buckets;

    private PromHistogram(TreeMap<Double, Double> buckets) {
        this.buckets = buckets;
    }

    /** The histogram {@code name} (without the _bucket suffix) in {@code text}, restricted to series with {@code labels}. */
    public static PromHistogram parse(String text, String name, Map<String, String> labels) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        String prefix = name + "_bucket{";
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            int close = line.lastIndexOf('}');
            Map<String, String> l = labels(line.substring(prefix.length(), close));
            if (!l.entrySet().containsAll(labels.entrySet()) || !l.containsKey("le")) {
                continue;
            }
            double le = parseNumber(l.get("le"));
            double count = parseNumber(line.substring(close + 1).trim().split(" ")[0]);
            buckets.merge(le, count, Double::sum);
        }
        return new PromHistogram(buckets);
    }

    /** The sum of the counter or gauge {@code name} over the series of {@code text} with {@code labels}; 0 if none. */
    public static double sum(String text, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean labelled = line.charAt(name.length()) == '{';
            int close = labelled ? line.lastIndexOf('}') : name.length();
            Map<String, String> l = labelled ? labels(line.substring(name.length() + 1, close)) : Map.of();
            if (l.entrySet().containsAll(labels.entrySet())) {
                sum += parseNumber(line.substring(close + 1).trim().split(" ")[0]);
            }
        }
        return sum;
    }

    static Map<String, String> labels(String s) {
        Map<String, String> out = new TreeMap<>();
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim();
            StringBuilder v = new StringBuilder();
            int j = eq + 2; // past ="
            while (j < s.length() && s.charAt(j) != '"') {
                if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                    j++;
                }
                v.append(s.charAt(j++));
            }
            out.put(key, v.toString());
            i = j + 1;
            while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
                i++;
            }
        }
        return out;
    }

    private static double parseNumber(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** This reading minus an earlier one of the same histogram (buckets missing there count 0). */
    public PromHistogram minus(PromHistogram earlier) {
        TreeMap<Double, Double> d = new TreeMap<>();
        buckets.forEach((le, c) -> d.put(le, c - earlier.buckets.getOrDefault(le, 0.0)));
        return new PromHistogram(d);
    }

    /** Observations in total (the +Inf bucket, or the largest bucket when there is no +Inf). */
    public double count() {
        return buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
    }

    /**
     * The q-quantile (0..1) in the histogram's unit, or NaN when empty. Inside a bucket the observations
     * are taken as evenly spread between the previous bound (0 for the first) and the bucket's bound; a
     * quantile in the +Inf bucket is the largest finite bound.
     */
    public double quantile(double q) {
        double total = count();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double prevBound = 0;
        double prevCount = 0;
        List<Map.Entry<Double, Double>> entries = new ArrayList<>(buckets.entrySet());
        for (Map.Entry<Double, Double> e : entries) {
            double bound = e.getKey();
            double cum = e.getValue();
            if (cum >= rank) {
                if (Double.isInfinite(bound)) {
                    return prevBound;
                }
                if (cum == prevCount) {
                    return bound;
                }
                return prevBound + (bound - prevBound) * (rank - prevCount) / (cum - prevCount);
            }
            prevBound = bound;
            prevCount = cum;
        }
        return prevBound;
    }
}
