package io.kubeboot.node.kubelet;

import io.kubeboot.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Ported from client-go flowcontrol/backoff_test.go. */
class BackoffTest {
    private static final Duration STEP = Duration.ofSeconds(1);

    @Test
    void slowBackoffDoublesUpToTheMaximum() {
        ManualClock clock = new ManualClock(Fixtures.T0);
        Backoff b = new Backoff(STEP, STEP.multipliedBy(50), clock);
        List<Integer> expected = List.of(0, 1, 2, 4, 8, 16, 32, 50, 50, 50);
        for (int want : expected) {
            clock.step(STEP);
            assertThat(b.get("_idSlow")).isEqualTo(STEP.multipliedBy(want));
            b.next("_idSlow", clock.instant());
        }
    }

    @Test
    void backoffResetsAfterTwiceTheMaximum() {
        ManualClock clock = new ManualClock(Fixtures.T0);
        Duration max = STEP.multipliedBy(5);
        Backoff b = new Backoff(STEP, max, clock);
        for (int i = 0; i <= 5; i++) {
            clock.step(STEP);
            b.next("_idReset", clock.instant());
        }
        assertThat(b.isInBackOffSince("_idReset", clock.instant())).isTrue();
        Instant lastUpdate = clock.instant();
        clock.step(max.multipliedBy(2).plus(STEP));
        assertThat(b.isInBackOffSince("_idReset", lastUpdate)).isFalse();
    }

    @Test
    void backoffStaysAtTheHighWaterMarkWithinTwiceTheMaximum() {
        ManualClock clock = new ManualClock(Fixtures.T0);
        Duration max = STEP.multipliedBy(5);
        Backoff b = new Backoff(STEP, max, clock);
        for (int i = 0; i <= 5; i++) {
            clock.step(STEP);
            b.next("_idHiWaterMark", clock.instant());
        }
        clock.step(max.plus(STEP));
        b.next("_idHiWaterMark", clock.instant());
        assertThat(b.get("_idHiWaterMark")).isEqualTo(max);
    }

    record Tick(int tick, boolean inBackOff, int value) {
    }

    @Test
    void isInBackOffSinceUpdate() {
        ManualClock clock = new ManualClock(Fixtures.T0);
        Backoff b = new Backoff(STEP, STEP.multipliedBy(10), clock);
        Instant start = clock.instant();
        List<Tick> cases = List.of(
                new Tick(0, false, 0), new Tick(1, false, 1), new Tick(2, true, 2), new Tick(3, false, 2),
                new Tick(4, true, 4), new Tick(5, true, 4), new Tick(6, true, 4), new Tick(7, false, 4),
                new Tick(8, true, 8), new Tick(9, true, 8), new Tick(14, true, 8), new Tick(15, false, 8),
                new Tick(16, true, 10), new Tick(24, true, 10), new Tick(25, false, 10),
                // more than twice the maximum since the last update: the entry expired and starts over at 1
                new Tick(46, false, 10), new Tick(47, false, 1), new Tick(48, true, 2));
        for (Tick c : cases) {
            clock.step(Duration.between(clock.instant(), start.plusSeconds(c.tick())));
            assertThat(b.isInBackOffSinceUpdate("_id", clock.instant())).as("tick %d", c.tick()).isEqualTo(c.inBackOff());
            if (c.inBackOff()) {
                assertThat(b.get("_id")).as("tick %d", c.tick()).isEqualTo(STEP.multipliedBy(c.value()));
            } else {
                b.next("_id", clock.instant());
            }
        }
    }

    @Test
    void resetPrefixForgetsOnlyThatPodsKeys() {
        ManualClock clock = new ManualClock(Fixtures.T0);
        Backoff b = Backoff.kubeletDefault(clock);
        b.next("foo_new_1_c", clock.instant());
        b.next("bar_new_2_c", clock.instant());
        b.resetPrefix("foo_new_1_");
        assertThat(b.get("foo_new_1_c")).isZero();
        assertThat(b.get("bar_new_2_c")).isEqualTo(Duration.ofSeconds(10));
    }
}
