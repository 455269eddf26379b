package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Label maps and label selectors printed as apimachinery prints them ({@code labels.FormatLabels},
 * {@code metav1.FormatLabelSelector}, {@code LabelSelectorAsSelector(...).String()}).
 *
 * <p>Label key and value syntax is not re-validated here: stored objects passed validation already.
 * Structural errors (unknown operator, In/NotIn without values, Exists with values) are detected.
 */
final class Labels {
    static final String NONE = "<none>";

    private Labels() {
    }

    /** {@code labels.FormatLabels}: "a=1,b=2" sorted by key, or {@code <none>}. */
    static String format(JsonNode map) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (map != null && map.isObject()) {
            map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        }
        if (sorted.isEmpty()) {
            return NONE;
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            parts.add(e.getKey() + "=" + e.getValue());
        }
        String s = String.join(",", parts);
        return s.isEmpty() ? NONE : s;
    }

    /** {@code metav1.FormatLabelSelector}: the selector string, {@code <none>} when empty, {@code <error>} when malformed. */
    static String formatSelector(JsonNode selector) {
        Optional<String> s = selectorString(selector);
        if (s.isEmpty()) {
            return "<error>";
        }
        return s.get().isEmpty() ? NONE : s.get();
    }

    /**
     * {@code LabelSelectorAsSelector(selector).String()}: "" for a missing (matches nothing) or empty
     * (matches everything) selector; empty Optional when the selector is malformed.
     */
    static Optional<String> selectorString(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return Optional.of("");
        }
        record Requirement(String key, String text) {
        }
        List<Requirement> requirements = new ArrayList<>();
        JsonNode matchLabels = selector.path("matchLabels");
        if (matchLabels.isObject()) {
            matchLabels.properties().forEach(e ->
                    requirements.add(new Requirement(e.getKey(), e.getKey() + "=" + e.getValue().asText())));
        }
        for (JsonNode expr : Fields.list(selector, "matchExpressions")) {
            String key = Fields.text(expr, "key");
            List<String> values = new ArrayList<>();
            Fields.list(expr, "values").forEach(v -> values.add(v.asText()));
            String operator = Fields.text(expr, "operator");
            String text;
            switch (operator) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        return Optional.empty();
                    }
                    text = key + ("In".equals(operator) ? " in (" : " notin (") + joinSorted(values) + ")";
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        return Optional.empty();
                    }
                    text = ("Exists".equals(operator) ? "" : "!") + key;
                }
                default -> {
                    return Optional.empty();
                }
            }
            requirements.add(new Requirement(key, text));
        }
        // Upstream sorts requirements by key; matchLabels keys are unique, so order among equal keys
        // (a label repeated in an expression) is the only thing left open; keep insertion order.
        requirements.sort(Comparator.comparing(Requirement::key));
        List<String> parts = new ArrayList<>();
        requirements.forEach(r -> parts.add(r.text()));
        return Optional.of(String.join(",", parts));
    }

    /** A single value is printed as is; several are printed sorted. */
    private static String joinSorted(List<String> values) {
        if (values.size() == 1) {
            return values.get(0);
        }
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        return String.join(",", sorted);
    }
}
