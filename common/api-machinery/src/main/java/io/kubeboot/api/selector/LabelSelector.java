package io.kubeboot.api.selector;

import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.GoValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A label selector with the semantics of apimachinery's {@code labels.Selector}: an AND of
 * {@link Requirement}s, kept sorted by key. Parsed from the {@code labelSelector} query parameter
 * ({@link #parse}) or converted from a {@code metav1.LabelSelector} ({@link #fromModel}).
 *
 * <p>Invalid input throws {@link StatusException} 400 BadRequest carrying the message
 * kube-apiserver returns for the same input. Immutable and thread safe.
 */
public final class LabelSelector {
    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    /** The operators of {@code selection.Operator} that label selectors use. */
    public enum Operator {
        DOES_NOT_EXIST("!"),
        EQUALS("="),
        DOUBLE_EQUALS("=="),
        IN("in"),
        NOT_EQUALS("!="),
        NOT_IN("notin"),
        EXISTS("exists"),
        GREATER_THAN("gt"),
        LESS_THAN("lt");

        private final String text;

        Operator(String text) {
            this.text = text;
        }

        /** The upstream {@code selection.Operator} string. */
        public String text() {
            return text;
        }
    }

    /**
     * One term. {@code values} keeps the order it was given in; {@link #toString()} prints them sorted.
     */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values);
        }

        /**
         * Upstream {@code labels.NewRequirement}: validates key, operator arity and values.
         *
         * @param values null stands for Go's nil slice, which prints differently in errors
         */
        public static Requirement of(String key, Operator operator, List<String> values) {
            List<String> errors = RequirementValidation.validate(key, operator, values);
            if (!errors.isEmpty()) {
                throw ApiErrors.badRequest(RequirementValidation.aggregate(errors));
            }
            return new Requirement(key, operator, values == null ? List.of() : values);
        }

        public boolean matches(Map<String, String> labels) {
            boolean has = labels.containsKey(key);
            return switch (operator) {
                case IN, EQUALS, DOUBLE_EQUALS -> has && values.contains(labels.get(key));
                case NOT_IN, NOT_EQUALS -> !has || !values.contains(labels.get(key));
                case EXISTS -> has;
                case DOES_NOT_EXIST -> !has;
                case GREATER_THAN, LESS_THAN -> has && compares(labels.get(key));
            };
        }

        private boolean compares(String labelValue) {
            if (values.size() != 1) {
                return false;
            }
            try {
                long actual = Long.parseLong(labelValue);
                long bound = Long.parseLong(values.get(0));
                return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** {@code key}, {@code !key}, {@code key=v}, {@code key in (a,b)}, {@code key>1}, ... */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (operator == Operator.DOES_NOT_EXIST) {
                b.append('!');
            }
            b.append(key);
            switch (operator) {
                case EXISTS, DOES_NOT_EXIST -> {
                    return b.toString();
                }
                case EQUALS -> b.append('=');
                case DOUBLE_EQUALS -> b.append("==");
                case NOT_EQUALS -> b.append("!=");
                case IN -> b.append(" in ");
                case NOT_IN -> b.append(" notin ");
                case GREATER_THAN -> b.append('>');
                case LESS_THAN -> b.append('<');
            }
            boolean set = operator == Operator.IN || operator == Operator.NOT_IN;
            if (set) {
                b.append('(');
            }
            b.append(String.join(",", values.stream().sorted().toList()));
            if (set) {
                b.append(')');
            }
            return b.toString();
        }
    }

    private final List<Requirement> requirements;
    private final boolean nothing;

    private LabelSelector(List<Requirement> requirements, boolean nothing) {
        this.requirements = requirements;
        this.nothing = nothing;
    }

    /** Matches every object; {@link #isEmpty()} is true. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** Matches no object: what a nil {@code metav1.LabelSelector} selects. */
    public static LabelSelector nothing() {
        return NOTHING;
    }

    /** Upstream {@code labels.Parse}: the query-string form, e.g. {@code env in (a,b),!canary,tier=web}. */
    public static LabelSelector parse(String selector) {
        return of(new LabelSelectorParser(selector).parse());
    }

    /** Equality requirements for every entry, without validation ({@code labels.SelectorFromSet}). */
    public static LabelSelector fromSet(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return EVERYTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        labels.forEach((k, v) -> reqs.add(new Requirement(k, Operator.EQUALS, List.of(v))));
        return of(reqs);
    }

    /**
     * Upstream {@code metav1.LabelSelectorAsSelector}: null selects nothing, an empty selector
     * everything; matchLabels become {@code =} requirements and matchExpressions set-based ones.
     */
    public static LabelSelector fromModel(io.fabric8.kubernetes.api.model.LabelSelector model) {
        if (model == null) {
            return NOTHING;
        }
        Map<String, String> matchLabels = model.getMatchLabels() == null ? Map.of() : model.getMatchLabels();
        List<io.fabric8.kubernetes.api.model.LabelSelectorRequirement> expressions =
                model.getMatchExpressions() == null ? List.of() : model.getMatchExpressions();
        if (matchLabels.isEmpty() && expressions.isEmpty()) {
            return EVERYTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        // Go iterates the map in random order; sorted keys make the first reported error stable.
        // A JSON null decodes to Go's "" in a string map or slice.
        new TreeMap<>(matchLabels).forEach((k, v) -> reqs.add(Requirement.of(k, Operator.EQUALS, List.of(nz(v)))));
        for (io.fabric8.kubernetes.api.model.LabelSelectorRequirement expr : expressions) {
            Operator op = switch (String.valueOf(expr.getOperator())) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw ApiErrors.badRequest(FieldError.quote(
                        expr.getOperator() == null ? "" : expr.getOperator()) + " is not a valid label selector operator");
            };
            List<String> values = expr.getValues() == null || expr.getValues().isEmpty()
                    ? null : expr.getValues().stream().map(LabelSelector::nz).toList();
            reqs.add(Requirement.of(expr.getKey() == null ? "" : expr.getKey(), op, values));
        }
        return of(reqs);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static LabelSelector of(List<Requirement> reqs) {
        if (reqs.isEmpty()) {
            return EVERYTHING;
        }
        List<Requirement> sorted = new ArrayList<>(reqs);
        sorted.sort(Comparator.comparing(Requirement::key));
        return new LabelSelector(List.copyOf(sorted), false);
    }

    /** True when every requirement holds for {@code labels} (null means no labels). */
    public boolean matches(Map<String, String> labels) {
        if (nothing) {
            return false;
        }
        Map<String, String> ls = labels == null ? Map.of() : labels;
        for (Requirement r : requirements) {
            if (!r.matches(ls)) {
                return false;
            }
        }
        return true;
    }

    /** True when the selector does not restrict anything; false for {@link #nothing()}. */
    public boolean isEmpty() {
        return !nothing && requirements.isEmpty();
    }

    /** The requirements sorted by key; empty for {@link #everything()} and {@link #nothing()}. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /** The single value the selector demands for {@code label}, as upstream's {@code RequiresExactMatch}. */
    public Optional<String> requiresExactMatch(String label) {
        for (Requirement r : requirements) {
            if (r.key().equals(label)) {
                return switch (r.operator()) {
                    case EQUALS, DOUBLE_EQUALS, IN -> r.values().size() == 1
                            ? Optional.of(r.values().get(0)) : Optional.empty();
                    default -> Optional.empty();
                };
            }
        }
        return Optional.empty();
    }

    /** Adds requirements, keeping key order, as upstream's {@code Selector.Add}. */
    public LabelSelector and(List<Requirement> more) {
        if (nothing) {
            return this;
        }
        List<Requirement> all = new ArrayList<>(requirements);
        all.addAll(more);
        return of(all);
    }

    /** The canonical query-string form; empty for {@link #everything()} and {@link #nothing()}. */
    @Override
    public String toString() {
        return String.join(",", requirements.stream().map(Requirement::toString).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && other.nothing == nothing && other.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode() * 31 + Boolean.hashCode(nothing);
    }

    /** Upstream's {@code NewRequirement} checks and error aggregation. */
    static final class RequirementValidation {
        private RequirementValidation() {
        }

        static List<String> validate(String key, Operator op, List<String> values) {
            List<String> errs = new ArrayList<>();
            String keyError = keyError(key, "key");
            if (keyError != null) {
                errs.add(keyError);
            }
            int count = values == null ? 0 : values.size();
            switch (op) {
                case IN, NOT_IN -> {
                    if (count == 0) {
                        errs.add(invalid("values", GoValue.stringSlice(values).rendered(),
                                "for 'in', 'notin' operators, values set can't be empty"));
                    }
                }
                case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                    if (count != 1) {
                        errs.add(invalid("values", GoValue.stringSlice(values).rendered(), "exact-match compatibility requires one single value"));
                    }
                }
                case EXISTS, DOES_NOT_EXIST -> {
                    if (count != 0) {
                        errs.add(invalid("values", GoValue.stringSlice(values).rendered(),
                                "values set must be empty for exists and does not exist"));
                    }
                }
                case GREATER_THAN, LESS_THAN -> {
                    if (count != 1) {
                        errs.add(invalid("values", GoValue.stringSlice(values).rendered(),
                                "for 'Gt', 'Lt' operators, exactly one value is required"));
                    }
                    for (int i = 0; i < count; i++) {
                        if (!isInt64(values.get(i))) {
                            errs.add(invalid("values[" + i + "]", FieldError.quote(values.get(i)),
                                    "for 'Gt', 'Lt' operators, the value must be an integer"));
                        }
                    }
                }
            }
            for (int i = 0; i < count; i++) {
                List<String> valueErrs = Dns.isValidLabelValue(values.get(i));
                if (!valueErrs.isEmpty()) {
                    errs.add(invalid("values[" + i + "][" + key + "]", FieldError.quote(values.get(i)),
                            String.join("; ", valueErrs)));
                }
            }
            return errs;
        }

        /** The error for a bad key at {@code path}, or null; Parse passes {@code <nil>}, as upstream's nil path prints. */
        static String keyError(String key, String path) {
            List<String> errs = Dns.isQualifiedName(key);
            return errs.isEmpty() ? null : invalid(path, FieldError.quote(key), String.join("; ", errs));
        }

        /** utilerrors.NewAggregate's text after ErrorList.ToAggregate de-duplication. */
        static String aggregate(List<String> errors) {
            Set<String> unique = new LinkedHashSet<>(errors);
            return unique.size() == 1 ? unique.iterator().next() : "[" + String.join(", ", unique) + "]";
        }

        private static String invalid(String path, String renderedValue, String detail) {
            return path + ": Invalid value: " + renderedValue + ": " + detail;
        }

        private static boolean isInt64(String s) {
            try {
                Long.parseLong(s);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
