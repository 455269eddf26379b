package io.kubeboot.api.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A growing list of {@link FieldError}s, the Java twin of upstream's {@code field.ErrorList}.
 * Not thread safe: one per validation run.
 */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(FieldError e) {
        errors.add(e);
        return this;
    }

    public FieldErrors addAll(Collection<FieldError> more) {
        errors.addAll(more);
        return this;
    }

    public FieldErrors addAll(FieldErrors more) {
        errors.addAll(more.errors);
        return this;
    }

    public FieldErrors required(FieldPath p, String detail) {
        return add(FieldError.required(p.toString(), detail));
    }

    public FieldErrors invalid(FieldPath p, Object value, String detail) {
        return add(FieldError.invalid(p.toString(), value, detail));
    }

    public FieldErrors forbidden(FieldPath p, String detail) {
        return add(FieldError.forbidden(p.toString(), detail));
    }

    public FieldErrors duplicate(FieldPath p, Object value) {
        return add(FieldError.duplicate(p.toString(), value));
    }

    public FieldErrors notSupported(FieldPath p, Object value, Collection<String> supported) {
        return add(FieldError.notSupported(p.toString(), value, supported));
    }

    public FieldErrors tooLong(FieldPath p, Object value, int max) {
        return add(FieldError.tooLong(p.toString(), value, max));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }
}
