package io.kubeboot.apiserver.registry.workloads;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.LabelValidation;
import io.kubeboot.apiserver.registry.pods.PodDefaults;
import io.kubeboot.apiserver.registry.pods.PodSpecValidation;

import java.util.Map;

/**
 * The one seam between the workload strategies and the shared core validators (pod template
 * validation and defaulting, label and selector validation), so those are called from one place.
 */
public final class PodTemplates {
    private PodTemplates() {
    }

    /** Upstream {@code ValidatePodTemplateSpec}: template metadata and pod spec. */
    public static FieldErrors validate(PodTemplateSpec template, FieldPath path) {
        return PodSpecValidation.validatePodTemplateSpec(template, path);
    }

    /** Upstream {@code SetDefaults_PodSpec} and friends, applied to a template. */
    public static void applyDefaults(PodTemplateSpec template) {
        PodDefaults.applyPodTemplateDefaults(template);
    }

    /** Upstream {@code ValidateLabelSelector} (strict label values). */
    public static FieldErrors validateLabelSelector(LabelSelector selector, FieldPath path) {
        return LabelValidation.validateLabelSelector(selector, path);
    }

    /** Upstream {@code ValidateLabels}. */
    public static FieldErrors validateLabels(Map<String, String> labels, FieldPath path) {
        return LabelValidation.validateLabels(labels, path);
    }
}
