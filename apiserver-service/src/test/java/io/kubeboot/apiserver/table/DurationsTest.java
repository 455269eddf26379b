package io.kubeboot.apiserver.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases of apimachinery's util/duration tests (TestHumanDuration*, TestShortHumanDurationBoundaries). */
class DurationsTest {
    private static final Duration S = Duration.ofSeconds(1);
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration NS = Duration.ofNanos(1);
    private static final Duration MIN = Duration.ofMinutes(1);
    private static final Duration H = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration YEAR = Duration.ofHours(365 * 24);

    static Stream<Arguments> human() {
        return Stream.of(
                arguments(S, "1s"),
                arguments(S.multipliedBy(70), "70s"),
                arguments(S.multipliedBy(190), "3m10s"),
                arguments(MIN.multipliedBy(70), "70m"),
                arguments(H.multipliedBy(47), "47h"),
                arguments(H.multipliedBy(49), "2d1h"),
                arguments(H.multipliedBy(8 * 24 + 2), "8d"),
                arguments(H.multipliedBy(367 * 24), "367d"),
                arguments(H.multipliedBy(365 * 2 * 24 + 25), "2y1d"),
                arguments(H.multipliedBy(365 * 8 * 24 + 2), "8y"),
                // boundaries
                arguments(S.multipliedBy(-2), "<invalid>"),
                arguments(S.multipliedBy(-2).plus(NS), "0s"),
                arguments(Duration.ZERO, "0s"),
                arguments(S.minus(MS), "0s"),
                arguments(MIN.multipliedBy(2).minus(MS), "119s"),
                arguments(MIN.multipliedBy(2), "2m"),
                arguments(MIN.multipliedBy(2).plus(S), "2m1s"),
                arguments(MIN.multipliedBy(10).minus(MS), "9m59s"),
                arguments(MIN.multipliedBy(10), "10m"),
                arguments(MIN.multipliedBy(10).plus(S), "10m"),
                arguments(H.multipliedBy(3).minus(MS), "179m"),
                arguments(H.multipliedBy(3), "3h"),
                arguments(H.multipliedBy(3).plus(MIN), "3h1m"),
                arguments(H.multipliedBy(8).minus(MS), "7h59m"),
                arguments(H.multipliedBy(8), "8h"),
                arguments(H.multipliedBy(8).plus(MIN.multipliedBy(59)), "8h"),
                arguments(DAY.multipliedBy(2).minus(MS), "47h"),
                arguments(DAY.multipliedBy(2), "2d"),
                arguments(DAY.multipliedBy(2).plus(H), "2d1h"),
                arguments(DAY.multipliedBy(8).minus(MS), "7d23h"),
                arguments(DAY.multipliedBy(8), "8d"),
                arguments(DAY.multipliedBy(8).plus(H.multipliedBy(23)), "8d"),
                arguments(YEAR.multipliedBy(2).minus(MS), "729d"),
                arguments(YEAR.multipliedBy(2), "2y"),
                arguments(YEAR.multipliedBy(2).plus(H.multipliedBy(23)), "2y"),
                arguments(YEAR.multipliedBy(2).plus(H.multipliedBy(23)).plus(MIN.multipliedBy(59)), "2y"),
                arguments(YEAR.multipliedBy(2).plus(DAY).minus(MS), "2y"),
                arguments(YEAR.multipliedBy(2).plus(DAY), "2y1d"),
                arguments(YEAR.multipliedBy(3), "3y"),
                arguments(YEAR.multipliedBy(4), "4y"),
                arguments(YEAR.multipliedBy(5), "5y"),
                arguments(YEAR.multipliedBy(6), "6y"),
                arguments(YEAR.multipliedBy(7), "7y"),
                arguments(YEAR.multipliedBy(8).minus(MS), "7y364d"),
                arguments(YEAR.multipliedBy(8), "8y"),
                arguments(YEAR.multipliedBy(8).plus(DAY.multipliedBy(364)), "8y"),
                arguments(YEAR.multipliedBy(9), "9y"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void human(Duration d, String want) {
        assertThat(Durations.human(d)).isEqualTo(want);
    }

    static Stream<Arguments> shortHuman() {
        return Stream.of(
                arguments(S.multipliedBy(-2), "<invalid>"),
                arguments(S.multipliedBy(-2).plus(NS), "0s"),
                arguments(Duration.ZERO, "0s"),
                arguments(S.minus(MS), "0s"),
                arguments(S, "1s"),
                arguments(S.multipliedBy(2).minus(MS), "1s"),
                arguments(MIN.minus(MS), "59s"),
                arguments(MIN, "1m"),
                arguments(MIN.multipliedBy(2).minus(MS), "1m"),
                arguments(H.minus(MS), "59m"),
                arguments(H, "1h"),
                arguments(H.multipliedBy(2).minus(MS), "1h"),
                arguments(DAY.minus(MS), "23h"),
                arguments(DAY, "1d"),
                arguments(DAY.multipliedBy(2).minus(MS), "1d"),
                arguments(YEAR.minus(MS), "364d"),
                arguments(YEAR, "1y"),
                arguments(YEAR.multipliedBy(2).minus(MS), "1y"),
                arguments(YEAR.multipliedBy(2), "2y"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void shortHuman(Duration d, String want) {
        assertThat(Durations.shortHuman(d)).isEqualTo(want);
    }
}
