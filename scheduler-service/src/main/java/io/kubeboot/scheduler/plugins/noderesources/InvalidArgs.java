package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns args validation errors into the exception a plugin factory throws, with upstream's
 * {@code utilerrors.NewAggregate} text: one error as is, several as {@code [e1, e2]} without repeats.
 */
final class InvalidArgs {
    private InvalidArgs() {
    }

    static void throwIfAny(FieldErrors errors) {
        if (errors.isEmpty()) {
            return;
        }
        Set<String> messages = new LinkedHashSet<>();
        for (FieldError e : errors.list()) {
            messages.add(e.toString());
        }
        String text = messages.size() == 1 ? messages.iterator().next() : "[" + String.join(", ", messages) + "]";
        throw new IllegalArgumentException(text);
    }
}
