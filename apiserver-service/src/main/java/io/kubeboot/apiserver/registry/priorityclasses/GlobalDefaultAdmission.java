package io.kubeboot.apiserver.registry.priorityclasses;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeboot.api.errors.ApiErrors;

import java.util.Optional;

/**
 * The validating half of upstream's Priority admission plugin
 * ({@code plugin/pkg/admission/priority}, {@code validatePriorityClass}): at most one PriorityClass
 * is the global default. A second default on create, or marking a class default on update while
 * another one is, is refused with 403 Forbidden. Runs only on objects that passed validation.
 */
final class GlobalDefaultAdmission {
    private final PriorityClassLister classes;

    GlobalDefaultAdmission(PriorityClassLister classes) {
        this.classes = classes;
    }

    /** {@code update}: whether {@code pc} replaces an existing class of the same name. */
    void validate(PriorityClass pc, boolean update) {
        if (!Boolean.TRUE.equals(pc.getGlobalDefault())) {
            return;
        }
        String name = pc.getMetadata() == null || pc.getMetadata().getName() == null ? "" : pc.getMetadata().getName();
        Optional<PriorityClass> current = classes.globalDefault();
        if (current.isEmpty()) {
            return;
        }
        String currentName = current.get().getMetadata().getName();
        if (!update || !currentName.equals(name)) {
            throw ApiErrors.forbidden("scheduling.k8s.io", "priorityclasses", name,
                    "PriorityClass " + currentName + " is already marked as default. Only one default can exist");
        }
    }
}
