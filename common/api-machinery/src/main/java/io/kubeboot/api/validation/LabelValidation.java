package io.kubeboot.api.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.List;
import java.util.Map;

/**
 * Label and label-selector validation as upstream's {@code apimachinery/pkg/apis/meta/v1/validation}.
 * Errors on a label map are reported on the map's path itself ({@code metadata.labels}), with the bad
 * key or value as the value, exactly as upstream does.
 */
public final class LabelValidation {
    private LabelValidation() {
    }

    /** Upstream {@code ValidateLabels}: every key a qualified name, every value a label value. */
    public static FieldErrors validateLabels(Map<String, String> labels, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (labels == null) {
            return errs;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            errs.addAll(validateLabelName(e.getKey(), path));
            errs.addAll(FieldValidators.labelValue(e.getValue(), path));
        }
        return errs;
    }

    /** Upstream {@code ValidateLabelName}. */
    public static FieldErrors validateLabelName(String name, FieldPath path) {
        return FieldValidators.qualifiedName(name, path);
    }

    /** Upstream {@code ValidateLabelSelector} with default options (label values must be valid). */
    public static FieldErrors validateLabelSelector(LabelSelector selector, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (selector == null) {
            return errs;
        }
        errs.addAll(validateLabels(selector.getMatchLabels(), path.child("matchLabels")));
        List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
        if (exprs != null) {
            for (int i = 0; i < exprs.size(); i++) {
                errs.addAll(validateLabelSelectorRequirement(exprs.get(i), path.child("matchExpressions").index(i)));
            }
        }
        return errs;
    }

    /** Upstream {@code ValidateLabelSelectorRequirement}: operator In/NotIn need values, Exists/DoesNotExist forbid them. */
    public static FieldErrors validateLabelSelectorRequirement(LabelSelectorRequirement req, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        List<String> values = req.getValues() == null ? List.of() : req.getValues();
        String op = req.getOperator() == null ? "" : req.getOperator();
        switch (op) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errs.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errs.forbidden(path.child("values"),
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }
            }
            default -> errs.invalid(path.child("operator"), op, "not a valid selector operator");
        }
        errs.addAll(validateLabelName(req.getKey(), path.child("key")));
        for (int i = 0; i < values.size(); i++) {
            errs.addAll(FieldValidators.labelValue(values.get(i), path.child("values").index(i)));
        }
        return errs;
    }
}
