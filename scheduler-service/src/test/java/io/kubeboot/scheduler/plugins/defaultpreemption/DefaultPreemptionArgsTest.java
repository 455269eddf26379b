package io.kubeboot.scheduler.plugins.defaultpreemption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defaults, validation (upstream's {@code ValidateDefaultPreemptionArgs}) and the candidate count. */
class DefaultPreemptionArgsTest {

    @Test
    void defaultsFillMissingKeys() {
        assertThat(DefaultPreemptionArgs.fromMap(Map.of())).isEqualTo(new DefaultPreemptionArgs(10, 100));
        assertThat(DefaultPreemptionArgs.fromMap(Map.of("minCandidateNodesAbsolute", 5, "kind", "DefaultPreemptionArgs")))
                .isEqualTo(new DefaultPreemptionArgs(10, 5));
        assertThat(DefaultPreemptionArgs.fromMap(Map.of("minCandidateNodesPercentage", 50L)))
                .isEqualTo(new DefaultPreemptionArgs(50, 100));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', value = {
            "101|100|minCandidateNodesPercentage: Invalid value: 101: not in valid range [0, 100]",
            "-1|100|minCandidateNodesPercentage: Invalid value: -1: not in valid range [0, 100]",
            "10|-1|minCandidateNodesAbsolute: Invalid value: -1: not valid value",
            "-1|-1|[minCandidateNodesPercentage: Invalid value: -1: not in valid range [0, 100], minCandidateNodesAbsolute: Invalid value: -1: not valid value]",
            "0|0|[minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute, "
                    + "minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage]",
    })
    void invalidArgs(int percentage, int absolute, String message) {
        assertThatThrownBy(() -> new DefaultPreemptionArgs(percentage, absolute))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void nonIntegerArgIsRejected() {
        assertThatThrownBy(() -> DefaultPreemptionArgs.fromMap(Map.of("minCandidateNodesPercentage", "ten")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minCandidateNodesPercentage");
    }

    @ParameterizedTest(name = "{0}% min {1} of {2} nodes -> {3}")
    @CsvSource({
            "10, 100, 0, 0",
            "10, 100, 50, 50",
            "10, 100, 500, 100",
            "10, 100, 1500, 150",
            "40, 1, 5, 2",
            "0, 10, 5, 5",
            "100, 0, 7, 7",
            "10, 0, 5, 0",
    })
    void numCandidates(int percentage, int absolute, int nodes, int expected) {
        assertThat(new DefaultPreemptionArgs(percentage, absolute).numCandidates(nodes)).isEqualTo(expected);
    }
}
