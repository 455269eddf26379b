package io.kubeboot.controller.manager;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Port of upstream's TestIsControllerEnabled. */
class ControllerSelectionTest {
    @ParameterizedTest(name = "{0} in [{2}] -> {3}")
    @CsvSource(delimiter = ';', value = {
            "bravo; false; ; false",
            "alpha; false; -alpha,*; false",
            "alpha; false; *,-alpha; false",
            "bravo; false; *; true",
            "charlie; true; *; false",
            "charlie; true; *,charlie; true",
            "charlie; true; charlie; true",
            "delta; false; alpha,bravo; false",
            "bravo; false; -bravo; false",
    })
    void firstMentionWinsElseStarEnablesDefaults(String name, boolean disabledByDefault, String controllers, boolean enabled) {
        List<String> list = controllers == null ? List.of() : Arrays.asList(controllers.split(","));
        assertThat(ControllerSelection.isEnabled(name, disabledByDefault, list)).isEqualTo(enabled);
    }
}
