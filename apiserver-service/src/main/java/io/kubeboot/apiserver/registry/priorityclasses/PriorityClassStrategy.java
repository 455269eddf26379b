package io.kubeboot.apiserver.registry.priorityclasses;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * scheduling.k8s.io/v1 PriorityClass, as upstream {@code pkg/registry/scheduling/priorityclass} and
 * {@code pkg/apis/scheduling/validation}: user values are capped at one billion, the
 * {@code system-} prefix is reserved for the two built-in classes, value and preemptionPolicy are
 * immutable.
 */
@Component
public class PriorityClassStrategy implements Strategy<PriorityClass> {
    private static final ResourceInfo INFO =
            BuiltinResources.get().byResource("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow();
    public static final int HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
    public static final int SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
    public static final String SYSTEM_PREFIX = "system-";
    /** The built-in classes: name to value (neither is a global default). */
    public static final Map<String, Integer> SYSTEM_CLASSES = Map.of(
            "system-node-critical", SYSTEM_CRITICAL_PRIORITY + 1000,
            "system-cluster-critical", SYSTEM_CRITICAL_PRIORITY);
    static final List<String> PREEMPTION_POLICIES = List.of("PreemptLowerPriority", "Never");

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<PriorityClass> type() {
        return PriorityClass.class;
    }

    @Override
    public void applyDefaults(PriorityClass pc) {
        if (pc.getPreemptionPolicy() == null) {
            pc.setPreemptionPolicy("PreemptLowerPriority");
        }
    }

    @Override
    public FieldErrors validate(PriorityClass pc) {
        FieldErrors errs = new FieldErrors();
        String name = pc.getMetadata() == null || pc.getMetadata().getName() == null ? "" : pc.getMetadata().getName();
        int value = value(pc);
        if (name.startsWith(SYSTEM_PREFIX)) {
            String problem = systemClassProblem(name, value, Boolean.TRUE.equals(pc.getGlobalDefault()));
            if (problem != null) {
                errs.forbidden(FieldPath.of("metadata", "name"), "priority class names with '" + SYSTEM_PREFIX
                        + "' prefix are reserved for system use only. error: " + problem);
            }
        } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
            errs.forbidden(FieldPath.of("value"),
                    "maximum allowed value of a user defined priority is " + HIGHEST_USER_DEFINABLE_PRIORITY);
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

    @Override
    public FieldErrors validateUpdate(PriorityClass pc, PriorityClass old) {
        FieldErrors errs = new FieldErrors();
        if (value(pc) != value(old)) {
            errs.forbidden(FieldPath.of("value"), "may not be changed in an update.");
        }
        if (!Objects.equals(pc.getPreemptionPolicy(), old.getPreemptionPolicy())) {
            errs.invalid(FieldPath.of("preemptionPolicy"), pc.getPreemptionPolicy(), "field is immutable");
        }
        return errs;
    }

    /** Upstream {@code IsKnownSystemPriorityClass}: null when acceptable, else the reason. */
    static String systemClassProblem(String name, int value, boolean globalDefault) {
        Integer expected = SYSTEM_CLASSES.get(name);
        if (expected == null) {
            return name + " is not a known system priority class";
        }
        if (expected != value) {
            return "value of " + name + " PriorityClass must be " + expected;
        }
        if (globalDefault) {
            return "globalDefault of " + name + " PriorityClass must be false";
        }
        return null;
    }

    private static int value(PriorityClass pc) {
        return pc.getValue() == null ? 0 : pc.getValue();
    }
}
