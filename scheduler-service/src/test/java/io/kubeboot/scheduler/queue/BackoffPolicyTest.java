package io.kubeboot.scheduler.queue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Backoff durations, after upstream's TestPriorityQueue_calculateBackoffDuration and TestBackOffFlow. */
class BackoffPolicyTest {

    record Case(String name, Duration initial, Duration max, int attempts, Duration want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Duration s = Duration.ofSeconds(1);
        return Stream.of(
                new Case("no backoff", Duration.ofNanos(1), Duration.ofNanos(32), 0, Duration.ZERO),
                new Case("normal", Duration.ofNanos(1), Duration.ofNanos(32), 16, Duration.ofNanos(32)),
                new Case("overflow_32bit", Duration.ofNanos(1), Duration.ofNanos(Integer.MAX_VALUE), 32, Duration.ofNanos(Integer.MAX_VALUE)),
                new Case("overflow_64bit", Duration.ofNanos(1), Duration.ofNanos(Long.MAX_VALUE), 64, Duration.ofNanos(Long.MAX_VALUE)),
                new Case("first attempt", s, Duration.ofSeconds(10), 1, s),
                new Case("second attempt", s, Duration.ofSeconds(10), 2, Duration.ofSeconds(2)),
                new Case("third attempt", s, Duration.ofSeconds(10), 3, Duration.ofSeconds(4)),
                new Case("fourth attempt", s, Duration.ofSeconds(10), 4, Duration.ofSeconds(8)),
                new Case("fifth attempt reaches the maximum", s, Duration.ofSeconds(10), 5, Duration.ofSeconds(10)),
                new Case("later attempts stay at the maximum", s, Duration.ofSeconds(10), 7, Duration.ofSeconds(10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void duration(Case tc) {
        assertThat(new BackoffPolicy(tc.initial(), tc.max()).duration(tc.attempts())).isEqualTo(tc.want());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expiryCountsFromTheTimestampAndEndsAtIt(Case tc) {
        BackoffPolicy policy = new BackoffPolicy(tc.initial(), tc.max());
        Instant failed = Instant.parse("2025-01-01T00:00:00Z");
        QueuedPodInfo pod = QueuedPodInfo.of(TestPods.pod("p", "ns", "u").info(), failed).withAttempts(tc.attempts());

        Instant expiry = policy.expiry(pod);
        assertThat(expiry).isEqualTo(failed.plus(tc.want()));
        assertThat(policy.isBackingOff(pod, expiry)).as("backing off at the expiry itself").isFalse();
        if (!tc.want().isZero()) {
            assertThat(policy.isBackingOff(pod, expiry.minusNanos(1))).as("backing off just before the expiry").isTrue();
        }
    }
}
