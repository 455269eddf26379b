package io.kubeboot.api.helpers.scheduling;

import java.util.List;

/**
 * Node selector terms that do not parse. The message is upstream's flattened aggregate of the
 * {@code field.Error}s; {@link #errors()} keeps them apart so that callers can aggregate several parses.
 */
public final class SelectorParseException extends IllegalArgumentException {
    private final List<String> errors;

    public SelectorParseException(List<String> errors) {
        super(aggregate(errors));
        this.errors = List.copyOf(errors);
    }

    /** The rendered errors, in order, duplicates included. */
    public List<String> errors() {
        return errors;
    }

    /**
     * {@code errors.Flatten(errors.NewAggregate(errs))}'s text: one error as is, several in brackets
     * joined by ", ", each distinct message once.
     */
    public static String aggregate(List<String> errors) {
        List<String> unique = errors.stream().distinct().toList();
        return unique.size() == 1 ? unique.get(0) : "[" + String.join(", ", unique) + "]";
    }
}
