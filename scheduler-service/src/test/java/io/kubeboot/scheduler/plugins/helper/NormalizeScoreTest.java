package io.kubeboot.scheduler.plugins.helper;

import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.ScorePlugin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Upstream normalize_score_test.go TestDefaultNormalizeScore, plus the all-zero cases. */
class NormalizeScoreTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(false, new long[]{1, 2, 3, 4}, new long[]{25, 50, 75, 100}),
                arguments(true, new long[]{1, 2, 3, 4}, new long[]{75, 50, 25, 0}),
                arguments(false, new long[]{1000, 10, 20, 30}, new long[]{100, 1, 2, 3}),
                arguments(true, new long[]{1000, 10, 20, 30}, new long[]{0, 99, 98, 97}),
                arguments(false, new long[]{1, 1, 1, 1}, new long[]{100, 100, 100, 100}),
                arguments(false, new long[]{1000, 1, 1, 1}, new long[]{100, 0, 0, 0}),
                arguments(true, new long[]{0, 1, 1, 1}, new long[]{100, 0, 0, 0}),
                arguments(false, new long[]{0, 0, 0, 0}, new long[]{0, 0, 0, 0}),
                arguments(true, new long[]{0, 0, 0, 0}, new long[]{100, 100, 100, 100}));
    }

    @ParameterizedTest(name = "reverse={0} {1}")
    @MethodSource("cases")
    void defaultNormalize(boolean reverse, long[] scores, long[] expected) {
        NodeScores s = NodeScores.of(List.of("a", "b", "c", "d"), scores);
        assertThat(NormalizeScore.defaultNormalize(ScorePlugin.MAX_NODE_SCORE, reverse, s).isSuccess()).isTrue();
        assertThat(s.toArray()).containsExactly(expected);
    }
}
