package io.kubeboot.apiserver.registry.pods;

import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;
import org.assertj.core.groups.Tuple;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helper: the (type, field path) pairs a validation must report, nothing more and nothing less. */
public record Expect(FieldError.Type type, String field) {

    public static Expect required(String field) {
        return new Expect(FieldError.Type.REQUIRED, field);
    }

    public static Expect invalid(String field) {
        return new Expect(FieldError.Type.INVALID, field);
    }

    public static Expect forbidden(String field) {
        return new Expect(FieldError.Type.FORBIDDEN, field);
    }

    public static Expect duplicate(String field) {
        return new Expect(FieldError.Type.DUPLICATE, field);
    }

    public static Expect notSupported(String field) {
        return new Expect(FieldError.Type.NOT_SUPPORTED, field);
    }

    public static Expect notFound(String field) {
        return new Expect(FieldError.Type.NOT_FOUND, field);
    }

    public static Expect tooLong(String field) {
        return new Expect(FieldError.Type.TOO_LONG, field);
    }

    public static List<Expect> none() {
        return List.of();
    }

    public static List<Expect> of(Expect... e) {
        return Arrays.asList(e);
    }

    /** Asserts that {@code errs} holds exactly the expected errors, in any order. */
    public static void assertErrors(FieldErrors errs, List<Expect> expected) {
        assertThat(errs.list()).extracting(FieldError::type, FieldError::field)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(e -> Tuple.tuple(e.type(), e.field())).toList());
    }
}
