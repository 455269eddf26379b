package io.kubeboot.bench.scheduler;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Upstream throughputCollector's sampling rules: skip the first non-zero sample, fold empty intervals, nearest-rank percentiles. */
class ThroughputSamplerTest {
    private static final long SECOND = 1_000_000_000L;

    /** Cumulative scheduled counts at t = 1 s, 2 s, ... and the expected summary (null = nothing recorded). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing scheduled", List.of(0L, 0L, 0L), null),
                Arguments.of("only the baseline sample", List.of(0L, 500L), null),
                Arguments.of("steady 100/s after the baseline", List.of(50L, 150L, 250L, 350L),
                        new double[]{3, 100, 100, 100, 100, 100}),
                Arguments.of("an empty interval is folded into the next and recorded twice", List.of(10L, 110L, 110L, 310L),
                        // 100/s, then 200 over 2 s = 100/s twice
                        new double[]{3, 100, 100, 100, 100, 100}),
                Arguments.of("varying rates: nearest-rank percentiles of the sorted rates", List.of(1L, 11L, 41L, 61L, 141L),
                        // rates 10, 30, 20, 80 -> sorted 10 20 30 80; avg 35; p50 = 2nd = 20; p90/p99 = 4th = 80
                        new double[]{4, 35, 20, 80, 80, 10}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void summary(String name, List<Long> counts, double[] expected) {
        ThroughputSampler s = new ThroughputSampler();
        for (int i = 0; i < counts.size(); i++) {
            s.sample((i + 1) * SECOND, counts.get(i));
        }
        ThroughputSampler.Summary sum = s.summary();
        if (expected == null) {
            assertThat(sum).isNull();
            return;
        }
        assertThat(sum.samples()).isEqualTo((int) expected[0]);
        assertThat(sum.average()).isCloseTo(expected[1], within(1e-9));
        assertThat(sum.perc50()).isCloseTo(expected[2], within(1e-9));
        assertThat(sum.perc90()).isCloseTo(expected[3], within(1e-9));
        assertThat(sum.perc99()).isCloseTo(expected[4], within(1e-9));
        assertThat(sum.min()).isCloseTo(expected[5], within(1e-9));
    }
}
