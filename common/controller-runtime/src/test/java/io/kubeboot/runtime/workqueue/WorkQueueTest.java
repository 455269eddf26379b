package io.kubeboot.runtime.workqueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ports client-go's workqueue queue_test.go, through the public RateLimitingQueue. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkQueueTest {

    private static RateLimitingQueue<Object> newQueue() {
        return RateLimitingQueue.create("test");
    }

    private static void shutDown(RateLimitingQueue<?> q, boolean drain) throws InterruptedException {
        if (drain) {
            q.shutDownWithDrain();
        } else {
            q.shutDown();
        }
    }

    @ParameterizedTest(name = "drain={0}")
    @ValueSource(booleans = {false, true})
    void basic(boolean drain) throws Exception {
        RateLimitingQueue<Object> q = newQueue();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<Future<?>> producers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int item = i;
                producers.add(pool.submit(() -> {
                    for (int j = 0; j < 50; j++) {
                        q.add(item);
                        Thread.sleep(1);
                    }
                    return null;
                }));
            }
            List<Object> afterShutdown = new CopyOnWriteArrayList<>();
            List<Future<?>> consumers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                consumers.add(pool.submit(() -> {
                    while (true) {
                        Object item = q.get();
                        if (item == null) {
                            return null;
                        }
                        if ("added after shutdown!".equals(item)) {
                            afterShutdown.add(item);
                        }
                        Thread.sleep(3);
                        q.done(item);
                    }
                }));
            }
            for (Future<?> p : producers) {
                p.get();
            }
            shutDown(q, drain);
            q.add("added after shutdown!");
            for (Future<?> c : consumers) {
                c.get();
            }
            assertThat(afterShutdown).isEmpty();
            assertThat(q.len()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "drain={0}")
    @ValueSource(booleans = {false, true})
    void addWhileProcessing(boolean drain) throws Exception {
        RateLimitingQueue<Object> q = newQueue();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            for (int i = 0; i < 50; i++) {
                q.add(i);
            }
            Map<Object, Integer> processed = new java.util.concurrent.ConcurrentHashMap<>();
            List<Future<?>> consumers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                consumers.add(pool.submit(() -> {
                    // every worker re-adds every item it sees up to two times: the dirty-while-processing case
                    Map<Object, Integer> counters = new HashMap<>();
                    while (true) {
                        Object item = q.get();
                        if (item == null) {
                            return null;
                        }
                        processed.merge(item, 1, Integer::sum);
                        if (counters.merge(item, 1, Integer::sum) < 2) {
                            q.add(item);
                        }
                        q.done(item);
                    }
                }));
            }
            // all items come back at least once before we stop
            await().until(() -> processed.size() == 50 && processed.values().stream().allMatch(n -> n >= 2));
            shutDown(q, drain);
            for (Future<?> c : consumers) {
                c.get();
            }
            assertThat(q.len()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void len() {
        RateLimitingQueue<Object> q = newQueue();
        q.add("foo");
        assertThat(q.len()).isEqualTo(1);
        q.add("bar");
        assertThat(q.len()).isEqualTo(2);
        q.add("foo"); // already queued: not again
        assertThat(q.len()).isEqualTo(2);
    }

    @Test
    void reinsert() throws Exception {
        RateLimitingQueue<Object> q = newQueue();
        q.add("foo");
        Object i = q.get();
        assertThat(i).isEqualTo("foo");
        q.add(i);
        // while processing, the re-added item is not handed out
        assertThat(q.len()).isZero();
        q.done(i);
        i = q.get();
        assertThat(i).isEqualTo("foo");
        q.done(i);
        assertThat(q.len()).isZero();
    }

    @Test
    void queueDrainageUsingShutDownWithDrain() throws Exception {
        RateLimitingQueue<Object> q = newQueue();
        q.add("foo");
        q.add("bar");
        Object first = q.get();
        Object second = q.get();
        CompletableFuture<Void> finished = CompletableFuture.runAsync(() -> {
            try {
                q.shutDownWithDrain();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // get reports shutdown once the drain began
        while (q.get() != null) {
            Thread.onSpinWait();
        }
        assertThat(finished).as("the drain waits for items in processing").isNotDone();
        q.done(first);
        Thread.sleep(20);
        assertThat(finished).isNotDone();
        q.done(second);
        finished.get(10, TimeUnit.SECONDS);
    }

    @Test
    void noQueueDrainageUsingShutDown() throws Exception {
        RateLimitingQueue<Object> q = newQueue();
        q.add("foo");
        q.add("bar");
        q.get();
        q.get();
        // ShutDown does not wait for the two items in processing
        CompletableFuture.runAsync(q::shutDown).get(10, TimeUnit.SECONDS);
        assertThat(q.isShuttingDown()).isTrue();
    }

    @Test
    void forceQueueShutdownUsingShutDown() throws Exception {
        RateLimitingQueue<Object> q = newQueue();
        q.add("foo");
        q.add("bar");
        q.get();
        q.get();
        CompletableFuture<Void> finished = CompletableFuture.runAsync(() -> {
            try {
                q.shutDownWithDrain();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (q.get() != null) {
            Thread.onSpinWait();
        }
        // a second SIGTERM: ShutDown ends the drain although nothing was marked done
        q.shutDown();
        finished.get(10, TimeUnit.SECONDS);
    }

    @Test
    void queueDrainageUsingShutDownWithDrainWithDirtyItem() throws Exception {
        RateLimitingQueue<Object> q = newQueue();
        q.add("foo");
        Object gotten = q.get();
        q.add("foo");
        CompletableFuture<Void> finished = CompletableFuture.runAsync(() -> {
            try {
                q.shutDownWithDrain();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (q.get() != null) {
            Thread.onSpinWait();
        }
        q.done(gotten);
        // done put the dirty item back: the queue is not finished yet
        Object again = q.get();
        assertThat(again).isEqualTo("foo");
        q.done(again);
        assertThat(q.get()).isNull();
        finished.get(10, TimeUnit.SECONDS);
    }

    @Test
    void addAfterShutdownIsIgnored() throws Exception {
        RateLimitingQueue<Object> q = newQueue();
        q.add("queued");
        q.shutDown();
        q.add("late");
        q.addAfter("late", java.time.Duration.ZERO);
        // what was queued before shutdown is still handed out
        assertThat(q.get()).isEqualTo("queued");
        assertThat(q.get()).isNull();
    }

    @Test
    void metricsFollowTheItemsLifecycle() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        RateLimitingQueue<Object> q = RateLimitingQueue.builder("metered").meterRegistry(registry).build();
        q.add("a");
        q.add("b");
        q.add("a");
        assertThat(registry.get("workqueue_depth").tag("name", "metered").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("workqueue_adds").tag("name", "metered").counter().count()).as("dedup: not counted").isEqualTo(2);
        Object item = q.get();
        assertThat(registry.get("workqueue_depth").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("workqueue_queue_duration").timer().count()).isEqualTo(1);
        q.done(item);
        assertThat(registry.get("workqueue_work_duration").timer().count()).isEqualTo(1);
        q.addRateLimited("c");
        assertThat(registry.get("workqueue_retries").counter().count()).isEqualTo(1);
        q.shutDown();
    }
}
