package io.kubeboot.controller.tainteviction;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** After upstream's timed_workers_test (TestExecute, TestExecuteDelayed, TestCancel, TestCancelAndReadd). */
class TimedWorkerQueueTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private final FakeDelayedExecutor executor = new FakeDelayedExecutor();
    private final List<String> done = new ArrayList<>();
    private final TimedWorkerQueue queue = new TimedWorkerQueue((key, fireAt) -> done.add(key + "@" + fireAt), executor);

    @Test
    void dueWorkRunsAtOnceAndLeavesNoWorker() {
        queue.addWork("ns/a", NOW, NOW);
        queue.addWork("ns/b", NOW, NOW.minusSeconds(1));

        assertThat(done).containsExactly("ns/a@" + NOW, "ns/b@" + NOW.minusSeconds(1));
        assertThat(queue.getWorker("ns/a")).isNull();
        assertThat(queue.has("ns/a")).as("removed once it ran").isFalse();
    }

    @Test
    void delayedWorkWaitsForItsTimerAndIsNotAddedTwice() {
        queue.addWork("ns/a", NOW, NOW.plusSeconds(2));
        queue.addWork("ns/a", NOW, NOW.plusSeconds(5));

        assertThat(done).isEmpty();
        assertThat(executor.pending()).singleElement().satisfies(t -> assertThat(t.delay).isEqualTo(Duration.ofSeconds(2)));
        assertThat(queue.getWorker("ns/a").createdAt()).isEqualTo(NOW);
        assertThat(queue.getWorker("ns/a").fireAt()).isEqualTo(NOW.plusSeconds(2));

        executor.fireAll();
        assertThat(done).containsExactly("ns/a@" + NOW.plusSeconds(2));
        assertThat(queue.has("ns/a")).isFalse();
    }

    @Test
    void cancelledWorkNeverRunsAndCanBeAddedAgain() {
        queue.addWork("ns/a", NOW, NOW.plusSeconds(2));
        assertThat(queue.cancelWork("ns/a")).isTrue();
        assertThat(queue.cancelWork("ns/a")).isFalse();
        executor.fireAll();
        assertThat(done).isEmpty();

        queue.addWork("ns/a", NOW, NOW.plusSeconds(3));
        executor.fireAll();
        assertThat(done).containsExactly("ns/a@" + NOW.plusSeconds(3));
    }

    @Test
    void aTimerFiringAfterCancellationDoesNothing() {
        queue.addWork("ns/a", NOW, NOW.plusSeconds(2));
        FakeDelayedExecutor.Timer t = executor.pending().get(0);
        queue.cancelAll();
        t.task.run();
        assertThat(done).isEmpty();
    }
}
