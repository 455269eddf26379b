package io.kubeboot.apiserver.registry.priorityclasses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;

/**
 * scheduling.k8s.io/v1 PriorityClass, as upstream {@code pkg/registry/scheduling/priorityclass} and
 * {@code pkg/apis/scheduling/validation}: user values are capped at one billion, the
 * {@code system-} prefix is reserved for the two built-in classes, value and preemptionPolicy are
 * immutable, generation stays 1. On top, the Priority admission plugin's rule that only one class
 * is the global default ({@link GlobalDefaultAdmission}), checked once validation has passed, and
 * the storage rule that the built-in classes cannot be deleted.
 */
@Component
public class PriorityClassStrategy implements Strategy<PriorityClass> {
    private static final ResourceInfo INFO =
            BuiltinResources.get().byResource("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow();
    static final List<String> PREEMPTION_POLICIES = List.of("PreemptLowerPriority", "Never");

    private final GlobalDefaultAdmission admission;

    @Autowired
    public PriorityClassStrategy(PriorityClassLister classes) {
        this.admission = new GlobalDefaultAdmission(classes);
    }

    /** A strategy that sees no other PriorityClass, for checking manifests with no cluster behind them. */
    public PriorityClassStrategy() {
        this(PriorityClassLister.of(List.of()));
    }

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<PriorityClass> type() {
        return PriorityClass.class;
    }

    /** Upstream sets generation 1 on create and never bumps it: a PriorityClass has no spec. */
    @Override
    public void prepareForCreate(PriorityClass pc) {
        pc.getMetadata().setGeneration(1L);
    }

    @Override
    public void applyDefaults(PriorityClass pc) {
        if (pc.getPreemptionPolicy() == null) {
            pc.setPreemptionPolicy("PreemptLowerPriority");
        }
    }

    /** Field errors answer 422; only a valid class reaches admission, which may answer 403. */
    @Override
    public FieldErrors validate(PriorityClass pc) {
        FieldErrors errs = validateFields(pc);
        if (errs.isEmpty()) {
            admission.validate(pc, false);
        }
        return errs;
    }

    static FieldErrors validateFields(PriorityClass pc) {
        FieldErrors errs = new FieldErrors();
        String name = pc.getMetadata() == null || pc.getMetadata().getName() == null ? "" : pc.getMetadata().getName();
        int value = PriorityClassLister.value(pc);
        if (name.startsWith(SystemPriorityClasses.PREFIX)) {
            String problem = SystemPriorityClasses.knownClassProblem(name, value, Boolean.TRUE.equals(pc.getGlobalDefault()));
            if (problem != null) {
                errs.forbidden(FieldPath.of("metadata", "name"), "priority class names with '" + SystemPriorityClasses.PREFIX
                        + "' prefix are reserved for system use only. error: " + problem);
            }
        } else if (value > SystemPriorityClasses.HIGHEST_USER_DEFINABLE_PRIORITY) {
            errs.forbidden(FieldPath.of("value"),
                    "maximum allowed value of a user defined priority is " + SystemPriorityClasses.HIGHEST_USER_DEFINABLE_PRIORITY);
        }
        if (pc.getPreemptionPolicy() != null) {
            String policy = pc.getPreemptionPolicy();
            if (policy.isEmpty()) {
                errs.required(FieldPath.of("preemptionPolicy"), "");
            } else if (!PREEMPTION_POLICIES.contains(policy)) {
                errs.notSupported(FieldPath.of("preemptionPolicy"), policy, PREEMPTION_POLICIES);
            }
        }
        return errs;
    }

    /** Upstream {@code ValidatePriorityClassUpdate}: the create rules are not run again. */
    @Override
    public FieldErrors validateUpdate(PriorityClass pc, PriorityClass old) {
        FieldErrors errs = new FieldErrors();
        if (PriorityClassLister.value(pc) != PriorityClassLister.value(old)) {
            errs.forbidden(FieldPath.of("value"), "may not be changed in an update.");
        }
        if (!Objects.equals(pc.getPreemptionPolicy(), old.getPreemptionPolicy())) {
            errs.invalid(FieldPath.of("preemptionPolicy"), pc.getPreemptionPolicy(), "field is immutable");
        }
        if (errs.isEmpty()) {
            admission.validate(pc, true);
        }
        return errs;
    }

    /**
     * Upstream's PriorityClass {@code REST.Delete} refuses the built-in classes. Its DeleteCollection
     * bypasses that; here a collection delete skips them, as it skips any item that fails.
     */
    @Override
    public void prepareForDelete(ObjectNode pc) {
        String name = pc.path("metadata").path("name").asText("");
        if (SystemPriorityClasses.isSystemClass(name)) {
            throw ApiErrors.forbidden(INFO.group(), INFO.resource(), name, "this is a system priority class and cannot be deleted");
        }
    }
}
