package io.kubeboot.apiserver.registry.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.GoValue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validation pieces shared by the apps and batch workload types, as in upstream
 * {@code pkg/apis/apps/validation} and {@code pkg/apis/core/validation}: non-negative fields,
 * int-or-percent values, selector/template consistency and immutable fields.
 */
public final class WorkloadValidation {
    public static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";
    public static final String IMMUTABLE = "field is immutable";
    private static final Pattern PERCENT = Pattern.compile("^[0-9]+%$");

    private WorkloadValidation() {
    }

    /** Upstream {@code ValidateNonnegativeField}. */
    public static void nonNegative(long value, FieldPath path, FieldErrors errs) {
        if (value < 0) {
            errs.invalid(path, value, "must be greater than or equal to 0");
        }
    }

    public static int intOr(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    /**
     * Required, well-formed and non-empty selector, as the apps {@code Validate*Spec} functions do;
     * {@code kind} names the type in the "empty selector is invalid for ..." message.
     */
    public static void requiredNonEmptySelector(LabelSelector selector, FieldPath path, String kind, FieldErrors errs) {
        if (selector == null) {
            errs.required(path, "");
            return;
        }
        errs.addAll(PodTemplates.validateLabelSelector(selector, path));
        if (isEmpty(selector)) {
            errs.invalid(path, GoValue.labelSelector(selector), "empty selector is invalid for " + kind);
        }
    }

    public static boolean isEmpty(LabelSelector selector) {
        return size(selector.getMatchLabels()) + size(selector.getMatchExpressions()) == 0;
    }

    /**
     * Upstream {@code LabelSelectorAsSelector} followed by {@code ValidatePodTemplateSpecForReplicaSet}:
     * selector/labels agreement, the pod template, restartPolicy Always and no
     * activeDeadlineSeconds. {@code specPath} is the path of the spec holding {@code selector} and
     * {@code template}; {@code kind} names the type in the activeDeadlineSeconds message.
     */
    public static void podTemplateForReplicaSet(PodTemplateSpec template, LabelSelector selector, FieldPath specPath,
                                                String kind, FieldErrors errs) {
        if (asSelector(selector).isEmpty()) {
            errs.invalid(specPath.child("selector"), GoValue.labelSelector(selector), "invalid label selector");
            return;
        }
        PodTemplateSpec t = template == null ? new PodTemplateSpec() : template;
        FieldPath tp = specPath.child("template");
        // an empty selector matches every label set, so upstream's Empty() guard needs no case of its own
        selectorMatchesLabels(selector, templateLabels(t), tp.child("metadata", "labels"), errs);
        controllerPodTemplate(t, tp, kind, errs);
    }

    /**
     * The template rules of pod controllers (ReplicaSet, Deployment, DaemonSet): a valid pod template,
     * restartPolicy Always and no activeDeadlineSeconds; {@code kind} names the type in the
     * activeDeadlineSeconds message.
     */
    public static void controllerPodTemplate(PodTemplateSpec template, FieldPath templatePath, String kind,
                                             FieldErrors errs) {
        errs.addAll(PodTemplates.validate(template, templatePath));
        String restart = template.getSpec() == null ? null : template.getSpec().getRestartPolicy();
        if (!"Always".equals(restart)) {
            errs.notSupported(templatePath.child("spec", "restartPolicy"), restart == null ? "" : restart,
                    List.of("Always"));
        }
        if (template.getSpec() != null && template.getSpec().getActiveDeadlineSeconds() != null) {
            errs.forbidden(templatePath.child("spec", "activeDeadlineSeconds"),
                    "activeDeadlineSeconds in " + kind + " is not Supported");
        }
    }

    /**
     * Upstream {@code metav1.LabelSelectorAsSelector}: the selector (null selects nothing), or empty
     * when it does not convert; label-selector validation reports why.
     */
    public static Optional<io.kubeboot.api.selector.LabelSelector> asSelector(LabelSelector selector) {
        try {
            return Optional.of(io.kubeboot.api.selector.LabelSelector.fromModel(selector));
        } catch (StatusException e) {
            return Optional.empty();
        }
    }

    /**
     * The "`selector` does not match template `labels`" check: when {@code selector} converts but does
     * not select {@code labels}, an Invalid at {@code labelsPath} showing the labels.
     */
    public static void selectorMatchesLabels(LabelSelector selector, Map<String, String> labels, FieldPath labelsPath,
                                             FieldErrors errs) {
        if (asSelector(selector).map(s -> !s.matches(labels)).orElse(false)) {
            errs.invalid(labelsPath, GoValue.stringMap(labels), SELECTOR_MISMATCH);
        }
    }

    public static Map<String, String> templateLabels(PodTemplateSpec t) {
        return t == null || t.getMetadata() == null ? null : t.getMetadata().getLabels();
    }

    /** Upstream {@code ValidatePositiveIntOrPercent}. */
    public static void positiveIntOrPercent(IntOrString v, FieldPath path, FieldErrors errs) {
        if (v == null) {
            return;
        }
        if (v.getStrVal() != null) {
            if (!PERCENT.matcher(v.getStrVal()).matches()) {
                errs.invalid(path, GoValue.intOrString(v), Dns.regexError(
                        "a valid percent string must be a numeric string followed by an ending '%'",
                        "[0-9]+%", "1%", "93%"));
            }
        } else {
            nonNegative(intOr(v.getIntVal(), 0), path, errs);
        }
    }

    /** Upstream {@code IsNotMoreThan100Percent}. */
    public static void notMoreThan100Percent(IntOrString v, FieldPath path, FieldErrors errs) {
        Integer pct = percentValue(v);
        if (pct != null && pct > 100) {
            errs.invalid(path, GoValue.intOrString(v), "must not be greater than 100%");
        }
    }

    /** Upstream {@code getIntOrPercentValue}: the percent number, the int, or 0 for anything unparsable. */
    public static int intOrPercentValue(IntOrString v) {
        if (v == null) {
            return 0;
        }
        Integer pct = percentValue(v);
        if (pct != null) {
            return pct;
        }
        if (v.getStrVal() != null) {
            try {
                return Integer.parseInt(v.getStrVal());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return intOr(v.getIntVal(), 0);
    }

    private static Integer percentValue(IntOrString v) {
        if (v == null || v.getStrVal() == null || !PERCENT.matcher(v.getStrVal()).matches()) {
            return null;
        }
        try {
            return Integer.parseInt(v.getStrVal().substring(0, v.getStrVal().length() - 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** {@code spec.selector} may not change (apps/v1 and batch/v1); the error shows the new selector. */
    public static void immutableSelector(LabelSelector now, LabelSelector before, FieldPath path, FieldErrors errs) {
        immutable(now, before, path, GoValue.labelSelector(now), errs);
    }

    /**
     * The replica-count invariants shared by ReplicaSet and Deployment status: ready and available
     * at most {@code status.replicas}, available at most ready. Callers check their own counts first.
     */
    public static void readyAndAvailable(int replicas, int ready, int available, FieldPath statusPath,
                                         FieldErrors errs) {
        notMoreThanReplicas(ready, replicas, statusPath.child("readyReplicas"), errs);
        notMoreThanReplicas(available, replicas, statusPath.child("availableReplicas"), errs);
        if (available > ready) {
            errs.invalid(statusPath.child("availableReplicas"), available, "cannot be greater than readyReplicas");
        }
    }

    /** "cannot be greater than status.replicas" when {@code count} exceeds {@code replicas}. */
    public static void notMoreThanReplicas(int count, int replicas, FieldPath path, FieldErrors errs) {
        if (count > replicas) {
            errs.invalid(path, count, "cannot be greater than status.replicas");
        }
    }

    /**
     * Upstream's {@code collisionCount} rule for status updates ({@code IsDecremented}): it may not go
     * back to nil or decrease.
     */
    public static void collisionCountNotDecremented(Integer now, Integer before, FieldPath path, FieldErrors errs) {
        if (isDecremented(now, before)) {
            errs.invalid(path, intOr(now, 0), "cannot be decremented");
        }
    }

    /** Upstream {@code IsDecremented}. */
    private static boolean isDecremented(Integer update, Integer old) {
        if (update == null && old != null) {
            return true;
        }
        if (update == null || old == null) {
            return false;
        }
        return update < old;
    }

    /** Defaults a missing pod template to an empty one and applies the pod defaults to it. */
    public static PodTemplateSpec defaultedTemplate(PodTemplateSpec template) {
        PodTemplateSpec t = template == null ? new PodTemplateSpec() : template;
        PodTemplates.applyDefaults(t);
        return t;
    }

    /** Upstream {@code ValidateImmutableField}, comparing the JSON forms (semantic deep equality). */
    public static void immutable(Object newValue, Object oldValue, FieldPath path, Object shown, FieldErrors errs) {
        if (!semanticEqual(newValue, oldValue)) {
            errs.invalid(path, shown, IMMUTABLE);
        }
    }

    /** Deep equality of two model values by their JSON trees, so null and empty collections agree. */
    public static boolean semanticEqual(Object a, Object b) {
        return Objects.equals(tree(a), tree(b));
    }

    private static JsonNode tree(Object o) {
        if (o == null) {
            return null;
        }
        JsonNode n = Json.MAPPER.valueToTree(o);
        return n == null || n.isNull() || (n.isContainerNode() && n.isEmpty()) ? null : n;
    }

    private static int size(Object c) {
        if (c instanceof Map<?, ?> m) {
            return m.size();
        }
        if (c instanceof List<?> l) {
            return l.size();
        }
        return 0;
    }
}
