package io.kubeboot.api.helpers.scheduling;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.kubeboot.api.selector.LabelSelector.Operator;
import io.kubeboot.api.selector.LabelSelector.Requirement;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.GoValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One parsed {@code NodeSelectorTerm}, as component-helpers' {@code nodeSelectorTerm}: its
 * matchExpressions as label requirements and its matchFields as field terms, ANDed, or the parse
 * errors that make the term match nothing.
 *
 * @param labels null when the term has no matchExpressions (labels then do not constrain it)
 * @param fields null when the term has no matchFields
 * @param errors rendered {@code field.Error}s; a term with errors never matches
 */
record SelectorTerm(List<Requirement> labels, List<FieldTerm> fields, List<String> errors) {

    static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");
    static final List<String> FIELD_OPERATORS = List.of("In", "NotIn");

    /** {@code field == value} (In) or {@code field != value} (NotIn); a missing field reads as "". */
    record FieldTerm(String field, String value, boolean equal) {
        boolean matches(Map<String, String> nodeFields) {
            return nodeFields.getOrDefault(field, "").equals(value) == equal;
        }
    }

    /** Neither matchExpressions nor matchFields: upstream skips such terms, they select nothing. */
    static boolean isEmpty(NodeSelectorTerm term) {
        return term == null || (nullSafe(term.getMatchExpressions()).isEmpty() && nullSafe(term.getMatchFields()).isEmpty());
    }

    static SelectorTerm parse(NodeSelectorTerm term, FieldPath path) {
        List<String> errors = new ArrayList<>();
        List<Requirement> labels = null;
        List<FieldTerm> fields = null;
        List<NodeSelectorRequirement> expressions = nullSafe(term.getMatchExpressions());
        if (!expressions.isEmpty()) {
            labels = labelRequirements(expressions, path.child("matchExpressions"), errors);
        }
        List<NodeSelectorRequirement> matchFields = nullSafe(term.getMatchFields());
        if (!matchFields.isEmpty()) {
            fields = fieldTerms(matchFields, path.child("matchFields"), errors);
        }
        return new SelectorTerm(labels, fields, List.copyOf(errors));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Labels ANDed with fields; fields are ignored for a node without a name, as upstream does. */
    boolean matches(Map<String, String> nodeLabels, Map<String, String> nodeFields) {
        if (hasErrors()) {
            return false;
        }
        if (labels != null) {
            for (Requirement r : labels) {
                if (!r.matches(nodeLabels)) {
                    return false;
                }
            }
        }
        if (fields != null && !nodeFields.isEmpty()) {
            for (FieldTerm f : fields) {
                if (!f.matches(nodeFields)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<Requirement> labelRequirements(List<NodeSelectorRequirement> expressions, FieldPath path,
                                                       List<String> errors) {
        List<Requirement> out = new ArrayList<>(expressions.size());
        int before = errors.size();
        for (int i = 0; i < expressions.size(); i++) {
            NodeSelectorRequirement expr = expressions.get(i);
            FieldPath p = path.index(i);
            String opText = nz(expr.getOperator());
            Operator op = switch (opText) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                case "Gt" -> Operator.GREATER_THAN;
                case "Lt" -> Operator.LESS_THAN;
                default -> null;
            };
            if (op == null) {
                errors.add(FieldError.notSupported(p.child("operator").toString(), opText, OPERATORS).toString());
                continue;
            }
            String key = nz(expr.getKey());
            List<String> values = values(expr);
            List<String> reqErrors = requirementErrors(key, op, values, p);
            errors.addAll(reqErrors);
            if (reqErrors.isEmpty()) {
                out.add(new Requirement(key, op, values));
            }
        }
        return errors.size() > before ? null : List.copyOf(out);
    }

    /** Upstream {@code labels.NewRequirement}'s checks, with the requirement's path. */
    private static List<String> requirementErrors(String key, Operator op, List<String> values, FieldPath path) {
        List<String> errs = new ArrayList<>();
        List<String> keyErrs = Dns.isQualifiedName(key);
        if (!keyErrs.isEmpty()) {
            errs.add(FieldError.invalid(path.child("key").toString(), key, String.join("; ", keyErrs)).toString());
        }
        FieldPath valuePath = path.child("values");
        GoValue rendered = GoValue.stringSlice(values.isEmpty() ? null : values);
        switch (op) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    errs.add(FieldError.invalid(valuePath.toString(), rendered,
                            "for 'in', 'notin' operators, values set can't be empty").toString());
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    errs.add(FieldError.invalid(valuePath.toString(), rendered,
                            "values set must be empty for exists and does not exist").toString());
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) {
                    errs.add(FieldError.invalid(valuePath.toString(), rendered,
                            "for 'Gt', 'Lt' operators, exactly one value is required").toString());
                }
                for (int i = 0; i < values.size(); i++) {
                    if (!isInt64(values.get(i))) {
                        errs.add(FieldError.invalid(valuePath.index(i).toString(), values.get(i),
                                "for 'Gt', 'Lt' operators, the value must be an integer").toString());
                    }
                }
            }
            default -> throw new IllegalStateException("node selectors have no operator " + op);
        }
        for (int i = 0; i < values.size(); i++) {
            List<String> valueErrs = Dns.isValidLabelValue(values.get(i));
            if (!valueErrs.isEmpty()) {
                errs.add(FieldError.invalid(valuePath.index(i).key(key).toString(), values.get(i),
                        String.join("; ", valueErrs)).toString());
            }
        }
        return errs;
    }

    private static List<FieldTerm> fieldTerms(List<NodeSelectorRequirement> requirements, FieldPath path,
                                              List<String> errors) {
        List<FieldTerm> out = new ArrayList<>(requirements.size());
        int before = errors.size();
        for (int i = 0; i < requirements.size(); i++) {
            NodeSelectorRequirement expr = requirements.get(i);
            FieldPath p = path.index(i);
            String opText = nz(expr.getOperator());
            List<String> values = values(expr);
            switch (opText) {
                case "In", "NotIn" -> {
                    if (values.size() != 1) {
                        errors.add(FieldError.invalid(p.child("values").toString(),
                                GoValue.stringSlice(values.isEmpty() ? null : values), "must have one element").toString());
                    } else {
                        out.add(new FieldTerm(nz(expr.getKey()), values.get(0), opText.equals("In")));
                    }
                }
                default -> errors.add(FieldError.notSupported(p.child("operator").toString(), opText, FIELD_OPERATORS).toString());
            }
        }
        return errors.size() > before ? null : List.copyOf(out);
    }

    private static List<String> values(NodeSelectorRequirement expr) {
        // a JSON null inside the list decodes to Go's ""
        return nullSafe(expr.getValues()).stream().map(SelectorTerm::nz).toList();
    }

    private static boolean isInt64(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }
}
