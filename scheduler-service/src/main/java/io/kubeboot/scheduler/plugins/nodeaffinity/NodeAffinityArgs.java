package io.kubeboot.scheduler.plugins.nodeaffinity;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.kubeboot.api.helpers.scheduling.NodeSelectors;
import io.kubeboot.api.helpers.scheduling.PreferredSchedulingTerms;
import io.kubeboot.api.helpers.scheduling.SelectorParseException;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.validation.FieldPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading and validating {@code NodeAffinityArgs} (upstream's {@code ValidateNodeAffinityArgs}). */
final class NodeAffinityArgs {
    static final String ADDED_AFFINITY = "addedAffinity";

    private NodeAffinityArgs() {
    }

    /** The {@code addedAffinity} argument as the model type; null when absent. */
    static io.fabric8.kubernetes.api.model.NodeAffinity addedAffinity(Map<String, Object> args) {
        Object raw = args == null ? null : args.get(ADDED_AFFINITY);
        if (raw == null || raw instanceof io.fabric8.kubernetes.api.model.NodeAffinity) {
            return (io.fabric8.kubernetes.api.model.NodeAffinity) raw;
        }
        try {
            return Json.MAPPER.convertValue(raw, io.fabric8.kubernetes.api.model.NodeAffinity.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("decoding " + ADDED_AFFINITY + ": " + e.getMessage(), e);
        }
    }

    /** Both parts checked, their errors flattened into one aggregate, with paths under {@code addedAffinity}. */
    static void validate(NodeSelector required, List<PreferredSchedulingTerm> preferred) {
        List<String> errors = new ArrayList<>();
        FieldPath root = FieldPath.of(ADDED_AFFINITY);
        if (required != null) {
            try {
                NodeSelectors.of(required, root.child("requiredDuringSchedulingIgnoredDuringExecution"));
            } catch (SelectorParseException e) {
                errors.addAll(e.errors());
            }
        }
        if (preferred != null && !preferred.isEmpty()) {
            try {
                PreferredSchedulingTerms.of(preferred, root.child("preferredDuringSchedulingIgnoredDuringExecution"));
            } catch (SelectorParseException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new SelectorParseException(errors);
        }
    }
}
