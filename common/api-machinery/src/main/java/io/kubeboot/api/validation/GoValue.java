package io.kubeboot.api.validation;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A bad value that prints verbatim in a {@link FieldError}, for the places where upstream prints a Go
 * composite value with {@code %#v} (e.g. {@code []string{"a", "b"}}) rather than a quoted string.
 */
public record GoValue(String rendered) {

    /** Go's {@code %#v} of a {@code []string}. */
    public static GoValue stringSlice(Collection<String> values) {
        return new GoValue("[]string{" + values.stream().map(FieldError::quote).collect(Collectors.joining(", ")) + "}");
    }

    @Override
    public String toString() {
        return rendered;
    }
}
