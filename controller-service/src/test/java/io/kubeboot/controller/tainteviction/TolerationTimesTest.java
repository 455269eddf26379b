package io.kubeboot.controller.tainteviction;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream's TestGetMinTolerationTime. */
class TolerationTimesTest {
    private static Toleration t(Long seconds) {
        return new TolerationBuilder().withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(seconds).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no tolerations", List.of(), Duration.ZERO),
                Arguments.of("one of 1 s", List.of(t(1L)), Duration.ofSeconds(1)),
                Arguments.of("forever", List.of(t(null)), TolerationTimes.INFINITE),
                Arguments.of("forever and 2 s", List.of(t(null), t(2L)), Duration.ofSeconds(2)),
                Arguments.of("the smallest wins", List.of(t(5L), t(2L), t(300L)), Duration.ofSeconds(2)),
                Arguments.of("zero means now", List.of(t(0L), t(3L)), Duration.ZERO),
                Arguments.of("negative means now", List.of(t(-1L)), Duration.ZERO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void minTolerationTime(String name, List<Toleration> used, Duration expected) {
        assertThat(TolerationTimes.minTolerationTime(used)).isEqualTo(expected);
    }
}
