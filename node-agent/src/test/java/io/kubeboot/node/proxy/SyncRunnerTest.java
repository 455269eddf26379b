package io.kubeboot.node.proxy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bounded-frequency contract: bursts coalesce into few runs, runs are spaced, failures are retried. */
class SyncRunnerTest {
    @Test
    void aBurstOfChangesCostsAtMostTwoRuns() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        try (SyncRunner runner = new SyncRunner("t", Duration.ofMillis(300), Duration.ofHours(1), Duration.ofHours(1),
                () -> {
                    runs.incrementAndGet();
                    return true;
                })) {
            runner.start();
            for (int i = 0; i < 1000; i++) {
                runner.markDirty();
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() >= 1);
            Thread.sleep(100);
            // the first mark ran at once; the rest, arriving while it was pending or running, at most once more
            assertThat(runs.get()).isBetween(1, 2);
        }
    }

    @Test
    void runsAreAtLeastMinIntervalApart() {
        AtomicInteger runs = new AtomicInteger();
        long[] times = new long[2];
        try (SyncRunner runner = new SyncRunner("t", Duration.ofMillis(200), Duration.ofHours(1), Duration.ofHours(1),
                () -> {
                    int n = runs.getAndIncrement();
                    if (n < 2) {
                        times[n] = System.nanoTime();
                    }
                    return true;
                })) {
            runner.markDirty();
            await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 1);
            runner.markDirty();
            await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
            assertThat(Duration.ofNanos(times[1] - times[0])).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        }
    }

    @Test
    void aFailedRunIsRetried() {
        AtomicInteger runs = new AtomicInteger();
        try (SyncRunner runner = new SyncRunner("t", Duration.ofMillis(10), Duration.ofHours(1), Duration.ofMillis(50),
                () -> runs.incrementAndGet() >= 3)) {
            runner.markDirty();
            await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 3);
        }
    }

    @Test
    void resyncsPeriodicallyWithoutChanges() {
        AtomicInteger runs = new AtomicInteger();
        try (SyncRunner runner = new SyncRunner("t", Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofHours(1),
                () -> {
                    runs.incrementAndGet();
                    return true;
                })) {
            runner.start();
            await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() >= 3);
        }
    }
}
