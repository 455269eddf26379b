package io.kubeboot.api.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases after upstream's {@code meta/v1/validation/validation_test.go}. */
class LabelValidationTest {

    @Test
    void labelErrorsAreReportedOnTheMapPath() {
        FieldErrors errs = LabelValidation.validateLabels(Map.of("nospecialchars^=@", "bar"), FieldPath.of("metadata", "labels"));
        assertThat(errs.list()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("metadata.labels");
            assertThat(e.type()).isEqualTo(FieldError.Type.INVALID);
            assertThat(e.badValue()).isEqualTo("nospecialchars^=@");
        });
    }

    @Test
    void validLabels() {
        assertThat(LabelValidation.validateLabels(Map.of("simple", "bar", "example.com/x", "", "1.2.3.4/5678", "a_b.c-d"),
                FieldPath.of("l")).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "In|       |values|REQUIRED",
            "NotIn|    |values|REQUIRED",
            "Exists|a  |values|FORBIDDEN",
            "DoesNotExist|a|values|FORBIDDEN",
            "Bogus|a   |operator|INVALID",
            "In|-bad   |values[0]|INVALID"
    })
    void selectorRequirements(String op, String values, String field, FieldError.Type type) {
        LabelSelectorRequirement req = new LabelSelectorRequirement("key", op,
                values == null ? List.of() : Arrays.asList(values.strip()));
        LabelSelector sel = new LabelSelector(List.of(req), null);
        assertThat(LabelValidation.validateLabelSelector(sel, FieldPath.of("spec", "selector")).list())
                .extracting(FieldError::type, FieldError::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(type, "spec.selector.matchExpressions[0]." + field));
    }

    @Test
    void selectorMessages() {
        LabelSelector sel = new LabelSelector(List.of(new LabelSelectorRequirement("key", "In", List.of())), Map.of("a", "b"));
        assertThat(LabelValidation.validateLabelSelector(sel, FieldPath.of("spec", "selector")).list())
                .extracting(FieldError::toString).containsExactly(
                        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
        assertThat(LabelValidation.validateLabelSelector(null, FieldPath.of("x")).isEmpty()).isTrue();
    }
}
