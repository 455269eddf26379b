package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.node.kubelet.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PodWorkersTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        timer.shutdownNow();
    }

    /** Records calls; syncPod blocks on {@link #gate} and reports terminal when the pod's label says so. */
    static final class RecordingSyncer implements PodWorkers.Syncer {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public boolean syncPod(Pod pod, Instant firstSeen) {
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add("sync " + pod.getMetadata().getResourceVersion());
            concurrent.decrementAndGet();
            return pod.getMetadata().getLabels() != null && pod.getMetadata().getLabels().containsKey("terminal");
        }

        @Override
        public void syncTerminatingPod(Pod pod, boolean removedFromApi) {
            calls.add("terminating " + removedFromApi);
        }

        @Override
        public void syncTerminatedPod(Pod pod, boolean removedFromApi) {
            calls.add("terminated " + removedFromApi);
        }

        @Override
        public void removePod(Pod pod) {
            calls.add("remove");
        }
    }

    private static Pod version(String rv) {
        return new PodBuilder(Fixtures.pod("Always", "c")).editMetadata().withResourceVersion(rv).endMetadata().build();
    }

    @Test
    void oneSyncAtATimeAndTheLatestSpecWins() {
        RecordingSyncer syncer = new RecordingSyncer();
        syncer.gate = new CountDownLatch(1);
        PodWorkers workers = new PodWorkers(syncer, executor, timer, Duration.ofMinutes(1), Clock.systemUTC());
        workers.update(version("1"));
        await().until(() -> syncer.concurrent.get() == 1);
        workers.update(version("2"));
        workers.update(version("3"));
        workers.update(version("4"));
        syncer.gate.countDown();
        await().until(() -> syncer.calls.size() == 2);
        assertThat(syncer.calls).containsExactly("sync 1", "sync 4");
        assertThat(syncer.maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void aDeletedPodIsTerminatedThenRemovedAndForgotten() {
        RecordingSyncer syncer = new RecordingSyncer();
        PodWorkers workers = new PodWorkers(syncer, executor, timer, Duration.ofMinutes(1), Clock.systemUTC());
        workers.update(version("1"));
        await().until(() -> syncer.calls.size() == 1);
        workers.remove(version("1"));
        await().until(() -> syncer.calls.contains("remove"));
        assertThat(syncer.calls).containsExactly("sync 1", "terminating true", "terminated true", "remove");
        await().until(() -> workers.uids().isEmpty());
    }

    @Test
    void aMarkedPodTerminatesWithoutSyncing() {
        RecordingSyncer syncer = new RecordingSyncer();
        PodWorkers workers = new PodWorkers(syncer, executor, timer, Duration.ofMinutes(1), Clock.systemUTC());
        workers.update(new PodBuilder(version("1")).editMetadata().withDeletionTimestamp("2024-05-01T10:00:00Z").endMetadata().build());
        await().until(() -> syncer.calls.size() == 2);
        assertThat(syncer.calls).containsExactly("terminating false", "terminated false");
        assertThat(workers.stage(Fixtures.UID)).isEqualTo(PodWorkers.Stage.TERMINATED);
    }

    @Test
    void aTerminalPodIsTerminatedButKept() {
        RecordingSyncer syncer = new RecordingSyncer();
        PodWorkers workers = new PodWorkers(syncer, executor, timer, Duration.ofMinutes(1), Clock.systemUTC());
        workers.update(new PodBuilder(version("1")).editMetadata().addToLabels("terminal", "").endMetadata().build());
        await().until(() -> syncer.calls.size() == 3);
        assertThat(syncer.calls).containsExactly("sync 1", "terminating false", "terminated false");
        assertThat(workers.uids()).containsExactly(Fixtures.UID);
    }

    @Test
    void podsAreResyncedPeriodicallyAndOnTrigger() {
        RecordingSyncer syncer = new RecordingSyncer();
        PodWorkers workers = new PodWorkers(syncer, executor, timer, Duration.ofMillis(200), Clock.systemUTC());
        workers.update(version("1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> syncer.calls.size() >= 3);
        int before = syncer.calls.size();
        workers.trigger(Fixtures.UID);
        workers.trigger("unknown");
        await().until(() -> syncer.calls.size() > before);
        assertThat(syncer.calls).allMatch(c -> c.equals("sync 1"));
    }
}
