package io.kubeboot.runtime.controller;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.runtime.workqueue.RateLimiters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The reconcile loop's contract: outcomes per result, one key at a time, graceful stop, cache sync first. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ControllerTest {
    private Controller<String> controller;

    @AfterEach
    void stop() throws InterruptedException {
        if (controller != null) {
            controller.stop(Duration.ofSeconds(5));
        }
    }

    private Controller<String> start(Reconciler<String> reconciler, int workers) throws InterruptedException {
        controller = Controller.<String>builder().name("test").reconciler(reconciler).workers(workers)
                .rateLimiter(RateLimiters.itemExponentialFailure(Duration.ofMillis(1), Duration.ofMillis(10))).build();
        controller.start();
        return controller;
    }

    @Test
    void reconcilesEnqueuedKeysAndForgetsThemOnSuccess() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        start(key -> {
            seen.add(key);
            return Result.done();
        }, 2);
        controller.enqueue("a");
        controller.enqueue("b");
        await().until(() -> seen.size() == 2);
        assertThat(seen).containsExactlyInAnyOrder("a", "b");
        assertThat(controller.queue().numRequeues("a")).isZero();
    }

    @Test
    void exceptionRequeuesWithBackoffUntilSuccessThenForgets() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> requeuesSeen = new CopyOnWriteArrayList<>();
        start(key -> {
            requeuesSeen.add(controller.queue().numRequeues(key));
            if (calls.incrementAndGet() < 4) {
                throw new IllegalStateException("not yet");
            }
            return Result.done();
        }, 1);
        controller.enqueue("k");
        await().until(() -> calls.get() == 4);
        // every failure was one more rate-limited requeue; the success forgot them
        assertThat(requeuesSeen).containsExactly(0, 1, 2, 3);
        await().until(() -> controller.queue().numRequeues("k") == 0);
    }

    @Test
    void requeueIsRateLimitedAndRequeueAfterForgetsTheBackoff() throws Exception {
        List<Result> results = List.of(Result.requeue(), Result.requeue(), Result.requeueAfter(Duration.ofMillis(50)), Result.done());
        AtomicInteger calls = new AtomicInteger();
        List<Integer> requeuesSeen = new CopyOnWriteArrayList<>();
        List<Long> times = new CopyOnWriteArrayList<>();
        start(key -> {
            requeuesSeen.add(controller.queue().numRequeues(key));
            times.add(System.nanoTime());
            return results.get(calls.getAndIncrement());
        }, 1);
        controller.enqueue("k");
        await().until(() -> calls.get() == 4);
        assertThat(requeuesSeen).containsExactly(0, 1, 2, 0);
        assertThat(times.get(3) - times.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        Thread.sleep(50);
        assertThat(calls.get()).as("done: not reconciled again").isEqualTo(4);
    }

    @Test
    void aKeyIsNeverReconciledConcurrently() throws Exception {
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        AtomicInteger maxConcurrentPerKey = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        start(key -> {
            int n = inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            maxConcurrentPerKey.accumulateAndGet(n, Math::max);
            maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(2);
            running.decrementAndGet();
            inFlight.get(key).decrementAndGet();
            total.incrementAndGet();
            return Result.done();
        }, 4);
        for (int round = 0; round < 50; round++) {
            for (String key : List.of("a", "b", "c", "d")) {
                controller.enqueue(key);
            }
            Thread.sleep(1);
        }
        await().until(() -> controller.queue().len() == 0 && running.get() == 0);
        assertThat(maxConcurrentPerKey.get()).isEqualTo(1);
        assertThat(maxConcurrent.get()).as("different keys do run in parallel").isGreaterThan(1);
        assertThat(total.get()).as("dedup: fewer reconciles than adds").isLessThan(200);
    }

    @Test
    void stopLetsTheReconcileInFlightFinishAndTakesNoMoreKeys() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        List<String> seen = new CopyOnWriteArrayList<>();
        start(key -> {
            seen.add(key);
            if (key.equals("slow")) {
                entered.countDown();
                release.await();
                finished.set(true);
            }
            return Result.done();
        }, 1);
        controller.enqueue("slow");
        entered.await();
        controller.enqueue("queued");
        Thread stopper = new Thread(() -> {
            try {
                controller.stop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        Thread.sleep(50);
        assertThat(stopper.isAlive()).as("stop waits for the reconcile in flight").isTrue();
        release.countDown();
        stopper.join(10_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(finished).isTrue();
        assertThat(seen).containsExactly("slow");
    }

    @Test
    void startWaitsForWatchedInformersToSyncAndRegistersTheHandler() throws Exception {
        @SuppressWarnings("unchecked")
        SharedIndexInformer<ConfigMap> informer = mock(SharedIndexInformer.class);
        AtomicInteger syncChecks = new AtomicInteger();
        when(informer.hasSynced()).thenAnswer(inv -> syncChecks.incrementAndGet() > 3);
        List<String> seen = new CopyOnWriteArrayList<>();
        controller = Controller.<String>builder().name("synced").reconciler(key -> {
            seen.add(key);
            return Result.done();
        }).watch(informer, cm -> cm.getMetadata().getName()).build();
        verify(informer).addEventHandler(any());
        controller.start();
        assertThat(syncChecks.get()).isGreaterThan(3);
        controller.enqueue("x");
        await().until(() -> seen.contains("x"));
        controller.stop(Duration.ofSeconds(5));
        // the handler's removal from a shared listener: HandlerFanoutTest
    }

    @Test
    void startFailsWhenCachesDoNotSync() {
        @SuppressWarnings("unchecked")
        SharedIndexInformer<ConfigMap> informer = mock(SharedIndexInformer.class);
        when(informer.hasSynced()).thenReturn(false);
        controller = Controller.<String>builder().name("never").reconciler(key -> Result.done())
                .watch(informer, cm -> cm.getMetadata().getName()).cacheSyncTimeout(Duration.ofMillis(100)).build();
        assertThatThrownBy(controller::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("failed to wait for never caches to sync: timed out waiting for cache to be synced");
    }

    @Test
    void metricsCountOutcomes() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger calls = new AtomicInteger();
        controller = Controller.<String>builder().name("metered").meterRegistry(registry)
                .rateLimiter(RateLimiters.itemExponentialFailure(Duration.ofMillis(1), Duration.ofMillis(10)))
                .reconciler(key -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("first fails");
                    }
                    return Result.done();
                }).build();
        controller.start();
        controller.enqueue("k");
        await().until(() -> calls.get() == 2);
        await().until(() -> registry.find("controller_runtime_reconcile").tag("result", "success").counter() != null);
        assertThat(registry.get("controller_runtime_reconcile").tag("result", "error").counter().count()).isEqualTo(1);
        assertThat(registry.get("controller_runtime_reconcile_errors").counter().count()).isEqualTo(1);
        assertThat(registry.get("workqueue_adds").tag("name", "metered").counter().count()).isEqualTo(2);
        assertThat(registry.get("workqueue_retries").tag("name", "metered").counter().count()).isEqualTo(1);
    }

    @Test
    void aControllerStartsOnce() throws Exception {
        start(key -> Result.done(), 1);
        assertThatThrownBy(controller::start).isInstanceOf(IllegalStateException.class);
    }
}
