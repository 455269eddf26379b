package io.kubeboot.bench.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apiserver's {@code apiserver_request_total} counters (Prometheus text, as kube-apiserver exposes them)
 * summed by verb, resource and subresource, over all codes and scopes: two readings tell which requests the
 * node agents sent during a window, e.g. {@code PUT leases} and {@code GET nodes}.
 */
public final class RequestCounts {
    private static final String METRIC = "apiserver_request_total{";
    private static final Pattern VERB = Pattern.compile("(?:^|,)verb=\"([^\"]*)\"");
    private static final Pattern RESOURCE = Pattern.compile("(?:^|,)resource=\"([^\"]*)\"");
    private static final Pattern SUBRESOURCE = Pattern.compile("(?:^|,)subresource=\"([^\"]*)\"");

    private final Map<String, Double> counts;

    private RequestCounts(Map<String, Double> counts) {
        this.counts = counts;
    }

    /** Parses the exposition text; an empty text (metrics not readable) gives no counts. */
    public static RequestCounts parse(String text) {
        Map<String, Double> counts = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(METRIC)) {
                continue;
            }
            int close = line.lastIndexOf('}');
            if (close < 0) {
                continue;
            }
            String labels = line.substring(METRIC.length(), close);
            String[] value = line.substring(close + 1).trim().split(" ");
            double v;
            try {
                v = Double.parseDouble(value[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            counts.merge(key(labels), v, Double::sum);
        }
        return new RequestCounts(counts);
    }

    static String key(String labels) {
        String resource = label(RESOURCE, labels);
        String sub = label(SUBRESOURCE, labels);
        return label(VERB, labels) + " " + (resource.isEmpty() ? "(non-resource)" : resource) + (sub.isEmpty() ? "" : "/" + sub);
    }

    private static String label(Pattern p, String labels) {
        Matcher m = p.matcher(labels);
        return m.find() ? m.group(1) : "";
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Requests between {@code earlier} and this reading, by key, largest first; keys that did not grow are left out. */
    public List<Map.Entry<String, Double>> since(RequestCounts earlier) {
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        counts.forEach((k, v) -> {
            double d = v - earlier.counts.getOrDefault(k, 0.0);
            if (d > 0) {
                out.add(Map.entry(k, d));
            }
        });
        out.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        return out;
    }

    /** Markdown lines: one per key, with the count and the rate over {@code seconds}. */
    public List<String> lines(RequestCounts earlier, double seconds, int limit) {
        List<String> lines = new ArrayList<>();
        List<Map.Entry<String, Double>> diff = since(earlier);
        double total = diff.stream().mapToDouble(Map.Entry::getValue).sum();
        lines.add(String.format(Locale.ROOT, "- all: %,.0f requests, %.1f/s", total, total / seconds));
        diff.stream().limit(limit).forEach(e -> lines.add(String.format(Locale.ROOT, "- %s: %,.0f, %.1f/s",
                e.getKey(), e.getValue(), e.getValue() / seconds)));
        return lines;
    }
}
