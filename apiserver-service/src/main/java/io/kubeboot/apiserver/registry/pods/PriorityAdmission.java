package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.apiserver.registry.priorityclasses.PriorityClassLister;
import io.kubeboot.apiserver.registry.priorityclasses.SystemPriorityClasses;

import java.util.Objects;
import java.util.Optional;

/**
 * The mutating half of upstream's Priority admission plugin ({@code plugin/pkg/admission/priority},
 * {@code admitPod}) for pods.
 *
 * <p>On create the pod's priority comes from its PriorityClass: the named one, which must exist
 * (else 403), or else the global default class, whose name is then filled in, or else priority 0
 * with {@code PreemptLowerPriority}. A priority or preemptionPolicy the client sent must equal the
 * computed one (else 403). On update the values set on create are carried over when a client
 * leaves them out; update validation keeps them immutable.
 */
final class PriorityAdmission {
    private static final String DEFAULT_PREEMPTION_POLICY = "PreemptLowerPriority";

    private final PriorityClassLister classes;

    PriorityAdmission(PriorityClassLister classes) {
        this.classes = classes;
    }

    void admitCreate(Pod pod) {
        PodSpec spec = pod.getSpec();
        int priority;
        String preemptionPolicy;
        if (PodDefaults.isEmpty(spec.getPriorityClassName())) {
            Optional<PriorityClass> global = classes.globalDefault();
            if (global.isPresent()) {
                spec.setPriorityClassName(global.get().getMetadata().getName());
                priority = PriorityClassLister.value(global.get());
                preemptionPolicy = global.get().getPreemptionPolicy();
            } else {
                // upstream writes the absent default's empty name: the field ends up unset
                spec.setPriorityClassName(null);
                priority = SystemPriorityClasses.DEFAULT_PRIORITY;
                preemptionPolicy = DEFAULT_PREEMPTION_POLICY;
            }
        } else {
            String name = spec.getPriorityClassName();
            PriorityClass pc = classes.get(name).orElseThrow(() ->
                    forbidden(pod, "no PriorityClass with name " + name + " was found"));
            priority = PriorityClassLister.value(pc);
            preemptionPolicy = pc.getPreemptionPolicy();
        }
        if (spec.getPriority() != null && spec.getPriority() != priority) {
            throw forbidden(pod, "the integer value of priority (" + spec.getPriority() + ") must not be provided in pod "
                    + "spec; priority admission controller computed " + priority + " from the given PriorityClass name");
        }
        spec.setPriority(priority);
        if (preemptionPolicy != null) {
            if (spec.getPreemptionPolicy() != null && !spec.getPreemptionPolicy().equals(preemptionPolicy)) {
                throw forbidden(pod, "the string value of PreemptionPolicy (" + spec.getPreemptionPolicy() + ") must not "
                        + "be provided in pod spec; priority admission controller computed " + preemptionPolicy
                        + " from the given PriorityClass name");
            }
            spec.setPreemptionPolicy(preemptionPolicy);
        }
    }

    static void admitUpdate(PodSpec spec, PodSpec old) {
        if (old == null) {
            return;
        }
        if (spec.getPriority() == null) {
            spec.setPriority(old.getPriority());
        }
        if (spec.getPreemptionPolicy() == null) {
            spec.setPreemptionPolicy(old.getPreemptionPolicy());
        }
    }

    /**
     * Upstream names the pod as the client sent it ({@code admission.NewForbidden}): admission runs
     * before name generation, so a pod created with generateName is named by that prefix. The
     * registry has already generated the name here; a name that is the prefix plus the generated
     * 5-character suffix is taken to be such a pod.
     */
    private static RuntimeException forbidden(Pod pod, String why) {
        ObjectMeta meta = pod.getMetadata();
        String name = meta == null ? "" : Objects.requireNonNullElse(meta.getName(), "");
        String generateName = meta == null ? "" : Objects.requireNonNullElse(meta.getGenerateName(), "");
        if (!generateName.isEmpty() && name.length() == generateName.length() + 5 && name.startsWith(generateName)) {
            name = generateName;
        }
        return ApiErrors.forbidden("", "pods", name, why);
    }
}
