package io.kubeboot.bench.nodes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, sample, expected p50, p90, p99, max
                Arguments.of("empty", List.of(), new Percentiles(0, 0, 0, 0, 0)),
                Arguments.of("one value is every percentile", List.of(700L), new Percentiles(1, 700, 700, 700, 700)),
                // nearest rank: index ceil(n*p/100)-1; for n=10: p50 -> 4, p90 -> 8, p99 -> 9
                Arguments.of("1..10, unsorted", List.of(10L, 3L, 7L, 1L, 9L, 2L, 8L, 4L, 6L, 5L), new Percentiles(10, 5, 9, 10, 10)),
                // n=30 (one round): p50 -> 14, p90 -> 26, p99 -> 29 (the slowest)
                Arguments.of("30 pods", range(1, 30), new Percentiles(30, 15, 27, 30, 30)),
                // n=90 (three rounds): p50 -> 44, p90 -> 80, p99 -> ceil(89.1)-1 = 89 (the slowest)
                Arguments.of("90 pods", range(1, 90), new Percentiles(90, 45, 81, 90, 90)),
                // n=200: p99 -> 197, not the max: one outlier in 200 does not decide p99
                Arguments.of("200 values", range(1, 200), new Percentiles(200, 100, 180, 198, 200)),
                Arguments.of("duplicates", List.of(5L, 5L, 5L, 1000L), new Percentiles(4, 5, 1000, 1000, 1000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nearestRank(String name, List<Long> sample, Percentiles expected) {
        assertThat(Percentiles.of(sample)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void doesNotReorderTheCallersList(String name, List<Long> sample, Percentiles expected) {
        List<Long> copy = new ArrayList<>(sample);
        Percentiles.of(copy);
        assertThat(copy).containsExactlyElementsOf(sample);
    }

    private static List<Long> range(long from, long to) {
        List<Long> l = new ArrayList<>(LongStream.rangeClosed(from, to).boxed().toList());
        java.util.Collections.reverse(l);
        return l;
    }
}
