package io.kubeboot.apiserver.registry.namespaces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.NameValidation;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Namespaces, as upstream's {@code pkg/registry/core/namespace/strategy.go}: DNS-1123 label names,
 * {@code status.phase: Active} and the {@code kubernetes} finalizer on create, spec finalizers only
 * changed through {@code /finalize}, and the {@code kubernetes.io/metadata.name} label kept equal to
 * the name.
 */
@Component
public class NamespaceStrategy implements Strategy<Namespace> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("", "v1", "namespaces").orElseThrow();
    public static final String FINALIZER_KUBERNETES = "kubernetes";
    public static final String LABEL_METADATA_NAME = "kubernetes.io/metadata.name";

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<Namespace> type() {
        return Namespace.class;
    }

    @Override
    public NameValidation.NameValidator nameValidator() {
        return NameValidation::dns1123Label;
    }

    @Override
    public void prepareForCreate(Namespace ns) {
        NamespaceStatus status = new NamespaceStatus();
        status.setPhase("Active");
        ns.setStatus(status);
        NamespaceSpec spec = ns.getSpec() == null ? new NamespaceSpec() : ns.getSpec();
        List<String> finalizers = spec.getFinalizers() == null ? new ArrayList<>() : new ArrayList<>(spec.getFinalizers());
        if (!finalizers.contains(FINALIZER_KUBERNETES)) {
            finalizers.add(FINALIZER_KUBERNETES);
        }
        spec.setFinalizers(finalizers);
        ns.setSpec(spec);
        labelWithName(ns);
    }

    /** Spec finalizers may only change through the finalize subresource. */
    @Override
    public void prepareForUpdate(Namespace ns, Namespace old) {
        NamespaceSpec spec = ns.getSpec() == null ? new NamespaceSpec() : ns.getSpec();
        spec.setFinalizers(old.getSpec() == null ? null : old.getSpec().getFinalizers());
        ns.setSpec(spec);
        labelWithName(ns);
    }

    /** {@code SetDefaults_Namespace}: the name label, once the name is known. */
    @Override
    public void applyDefaults(Namespace ns) {
        labelWithName(ns);
        if (ns.getStatus() != null && (ns.getStatus().getPhase() == null || ns.getStatus().getPhase().isEmpty())) {
            ns.getStatus().setPhase("Active");
        }
    }

    @Override
    public FieldErrors validate(Namespace ns) {
        FieldErrors errs = new FieldErrors();
        List<String> finalizers = ns.getSpec() == null || ns.getSpec().getFinalizers() == null
                ? List.of() : ns.getSpec().getFinalizers();
        for (String f : finalizers) {
            errs.addAll(validateFinalizerName(f, FieldPath.of("spec", "finalizers")));
        }
        return errs;
    }

    @Override
    public FieldErrors validateUpdate(Namespace ns, Namespace old) {
        return new FieldErrors();
    }

    /** Upstream {@code ValidateNamespaceStatusUpdate}: Active unless being deleted, then Terminating. */
    @Override
    public FieldErrors validateStatusUpdate(Namespace ns, Namespace old) {
        FieldErrors errs = new FieldErrors();
        String phase = ns.getStatus() == null || ns.getStatus().getPhase() == null ? "" : ns.getStatus().getPhase();
        boolean deleting = ns.getMetadata() != null && ns.getMetadata().getDeletionTimestamp() != null;
        if (!deleting && !phase.equals("Active")) {
            errs.invalid(FieldPath.of("status", "Phase"), phase, "may only be 'Active' if `deletionTimestamp` is empty");
        } else if (deleting && !phase.equals("Terminating")) {
            errs.invalid(FieldPath.of("status", "Phase"), phase, "may only be 'Terminating' if `deletionTimestamp` is not empty");
        }
        return errs;
    }

    /** For the registry's {@code /finalize} handler: upstream {@code ValidateNamespaceFinalizeUpdate} minus ObjectMeta. */
    public FieldErrors validateFinalizeUpdate(Namespace ns) {
        FieldErrors errs = new FieldErrors();
        List<String> finalizers = ns.getSpec() == null || ns.getSpec().getFinalizers() == null
                ? List.of() : ns.getSpec().getFinalizers();
        for (int i = 0; i < finalizers.size(); i++) {
            errs.addAll(validateFinalizerName(finalizers.get(i), FieldPath.of("spec", "finalizers").index(i)));
        }
        return errs;
    }

    /** A qualified name that is either fully qualified or the standard {@code kubernetes}. */
    static FieldErrors validateFinalizerName(String name, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String n = name == null ? "" : name;
        errs.addAll(FieldValidators.invalidEach(Dns.isQualifiedName(n), path, n));
        if (!n.contains("/") && !n.equals(FINALIZER_KUBERNETES)) {
            errs.invalid(path, n, "name is neither a standard finalizer name nor is it fully qualified");
        }
        return errs;
    }

    private static void labelWithName(Namespace ns) {
        if (ns.getMetadata() == null || ns.getMetadata().getName() == null || ns.getMetadata().getName().isEmpty()) {
            return;
        }
        Map<String, String> labels = ns.getMetadata().getLabels() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(ns.getMetadata().getLabels());
        labels.put(LABEL_METADATA_NAME, ns.getMetadata().getName());
        ns.getMetadata().setLabels(labels);
    }

    /** A namespace being deleted is Terminating until its controller has emptied it. */
    @Override
    public void prepareForDelete(ObjectNode ns) {
        ns.putObject("status").put("phase", "Terminating");
    }

    @Override
    public boolean deletionPending(JsonNode ns) {
        return ns.path("spec").path("finalizers").size() > 0;
    }
}
