package io.kubeboot.apiserver.registry.replicasets;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Upstream's {@code metav1.LabelSelectorAsSelector} reduced to what workload validation needs:
 * whether a {@code LabelSelector} converts to a selector at all, and whether it matches a label set.
 * A null selector converts to "nothing" (matches no labels); an empty one to "everything".
 */
public final class SelectorMatch {
    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static final Pattern PREFIX = Pattern.compile(
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private SelectorMatch() {
    }

    /** A converted selector; {@code empty} is upstream's {@code Selector.Empty()}. */
    public record Compiled(boolean empty, Predicate<Map<String, String>> matcher) {
        public boolean matches(Map<String, String> labels) {
            return matcher.test(labels == null ? Map.of() : labels);
        }
    }

    /** The selector, or empty when upstream's conversion would fail (bad operator, key or values). */
    public static Optional<Compiled> compile(LabelSelector selector) {
        if (selector == null) {
            return Optional.of(new Compiled(false, l -> false));
        }
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<LabelSelectorRequirement> exprs = selector.getMatchExpressions() == null
                ? List.of() : selector.getMatchExpressions();
        if (matchLabels.isEmpty() && exprs.isEmpty()) {
            return Optional.of(new Compiled(true, l -> true));
        }
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!isQualifiedName(e.getKey()) || !isLabelValue(e.getValue())) {
                return Optional.empty();
            }
        }
        for (LabelSelectorRequirement r : exprs) {
            if (!isQualifiedName(r.getKey()) || !wellFormed(r)) {
                return Optional.empty();
            }
        }
        Predicate<Map<String, String>> p = labels -> {
            for (Map.Entry<String, String> e : matchLabels.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
            for (LabelSelectorRequirement r : exprs) {
                if (!matches(r, labels)) {
                    return false;
                }
            }
            return true;
        };
        return Optional.of(new Compiled(false, p));
    }

    private static boolean wellFormed(LabelSelectorRequirement r) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        String op = r.getOperator() == null ? "" : r.getOperator();
        switch (op) {
            case "In", "NotIn" -> {
                return !values.isEmpty() && values.stream().allMatch(SelectorMatch::isLabelValue);
            }
            case "Exists", "DoesNotExist" -> {
                return values.isEmpty();
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        boolean has = labels.containsKey(r.getKey());
        return switch (r.getOperator()) {
            case "In" -> has && values.contains(labels.get(r.getKey()));
            case "NotIn" -> !has || !values.contains(labels.get(r.getKey()));
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> false;
        };
    }

    static boolean isQualifiedName(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !PREFIX.matcher(prefix).matches()) {
                return false;
            }
        }
        return !name.isEmpty() && name.length() <= 63 && NAME.matcher(name).matches();
    }

    static boolean isLabelValue(String value) {
        return value != null && (value.isEmpty() || (value.length() <= 63 && NAME.matcher(value).matches()));
    }
}
