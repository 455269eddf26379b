package io.kubeboot.bench.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Count and total seconds of one Prometheus timer ({@code <name>_count} and {@code <name>_sum}, Prometheus text)
 * by the value of one label, e.g. the node agent's {@code kubelet_runtime_operations_duration_seconds} by
 * {@code operation_type}. Two readings give the calls made and their mean duration in between: where the
 * agent's time went during the rounds.
 */
public final class TimerTotals {
    /** Calls and their total seconds. */
    public record Total(double count, double seconds) {
        public double meanMillis() {
            return count <= 0 ? 0 : seconds * 1000 / count;
        }
    }

    private final Map<String, Total> totals;

    private TimerTotals(Map<String, Total> totals) {
        this.totals = totals;
    }

    /** The timer {@code name} in {@code text}, summed by {@code label} (series without it under ""). */
    public static TimerTotals parse(String text, String name, String label) {
        Pattern value = Pattern.compile("(?:\\{|,)" + Pattern.quote(label) + "=\"([^\"]*)\"");
        Map<String, double[]> raw = new TreeMap<>();
        for (String line : text.split("\n")) {
            int kind = line.startsWith(name + "_count") ? 0 : line.startsWith(name + "_sum") ? 1 : -1;
            if (kind < 0) {
                continue;
            }
            String rest = line.substring(name.length() + (kind == 0 ? 6 : 4));
            if (!rest.startsWith("{") && !rest.startsWith(" ")) {
                continue;
            }
            int close = rest.lastIndexOf('}');
            String labels = close < 0 ? "" : rest.substring(0, close + 1);
            String[] fields = rest.substring(close + 1).trim().split(" ");
            double v;
            try {
                v = Double.parseDouble(fields[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            Matcher m = value.matcher(labels);
            raw.computeIfAbsent(m.find() ? m.group(1) : "", k -> new double[2])[kind] += v;
        }
        Map<String, Total> totals = new TreeMap<>();
        raw.forEach((k, v) -> totals.put(k, new Total(v[0], v[1])));
        return new TimerTotals(totals);
    }

    public boolean isEmpty() {
        return totals.isEmpty();
    }

    /** What happened between {@code earlier} and this reading, by label value; values without new calls are left out. */
    public Map<String, Total> since(TimerTotals earlier) {
        Map<String, Total> out = new TreeMap<>();
        totals.forEach((k, t) -> {
            Total e = earlier.totals.getOrDefault(k, new Total(0, 0));
            if (t.count() > e.count()) {
                out.put(k, new Total(t.count() - e.count(), t.seconds() - e.seconds()));
            }
        });
        return out;
    }

    /** Markdown lines, largest total time first: {@code - create_container: 30 calls, mean 120 ms, total 3.6 s}. */
    public List<String> lines(TimerTotals earlier) {
        List<Map.Entry<String, Total>> entries = new ArrayList<>(since(earlier).entrySet());
        entries.sort((a, b) -> Double.compare(b.getValue().seconds(), a.getValue().seconds()));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Total> e : entries) {
            lines.add(String.format(Locale.ROOT, "- %s: %,.0f calls, mean %,.0f ms, total %.1f s",
                    e.getKey().isEmpty() ? "(all)" : e.getKey(), e.getValue().count(), e.getValue().meanMillis(), e.getValue().seconds()));
        }
        return lines;
    }
}
