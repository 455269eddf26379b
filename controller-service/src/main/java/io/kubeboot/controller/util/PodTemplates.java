package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubeboot.api.validation.NameValidation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Upstream {@code GetPodFromTemplate}: the pod a controller creates from its template. */
public final class PodTemplates {
    private PodTemplates() {
    }

    /**
     * A new pod: the template's labels, annotations, finalizers and (copied) spec; generateName
     * {@code <controllerName>-} (or the bare name when the dash would make an invalid prefix); {@code controllerRef}
     * as its only owner reference when given.
     */
    public static Pod podFromTemplate(PodTemplateSpec template, String namespace, String controllerName, OwnerReference controllerRef) {
        var meta = template.getMetadata();
        PodBuilder b = new PodBuilder().withNewMetadata()
                .withNamespace(namespace)
                .withGenerateName(podsPrefix(controllerName))
                .withLabels(meta == null || meta.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getLabels()))
                .withAnnotations(meta == null || meta.getAnnotations() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getAnnotations()))
                .withFinalizers(meta == null || meta.getFinalizers() == null ? new ArrayList<>() : new ArrayList<>(meta.getFinalizers()))
                .endMetadata();
        if (controllerRef != null) {
            b.editMetadata().withOwnerReferences(List.of(controllerRef)).endMetadata();
        }
        b.withSpec(template.getSpec() == null ? null : new PodSpecBuilder(template.getSpec()).build());
        return b.build();
    }

    /** Upstream {@code getPodsPrefix}. */
    static String podsPrefix(String controllerName) {
        String prefix = controllerName + "-";
        return NameValidation.dns1123Subdomain(prefix, true).isEmpty() ? prefix : controllerName;
    }
}
