package io.kubeboot.runtime.workqueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ports client-go's delaying_queue_test.go and rate_limiting_queue_test.go on a fake clock. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DelayingQueueTest {
    private final FakeTicker clock = new FakeTicker();
    private RateLimitingQueue<String> q = RateLimitingQueue.<String>builder("test").nanoTime(clock).build();

    @AfterEach
    void shutDown() {
        q.shutDown();
    }

    private void step(Duration d) {
        clock.step(d);
        q.wakeUpDelaying();
    }

    private void waitForAdded(int depth) {
        await().atMost(Duration.ofSeconds(10)).until(() -> q.len() == depth);
    }

    /** Proves absence: nothing arrives within a short real-time window. */
    private void assertNothingAddedFor(Duration window) throws InterruptedException {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            assertThat(q.len()).as("should not have added").isZero();
            Thread.sleep(1);
        }
    }

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    void simpleQueue() throws Exception {
        q.addAfter("foo", ms(50));
        assertThat(q.waitingCount()).isEqualTo(1);
        assertThat(q.len()).isZero();

        step(ms(60));
        waitForAdded(1);
        assertThat(q.waitingCount()).isZero();
        String item = q.get();
        q.done(item);

        // past the next heartbeat: nothing comes back
        step(Duration.ofSeconds(10));
        assertNothingAddedFor(ms(30));
    }

    @Test
    void deduping() throws Exception {
        q.addAfter("foo", ms(50));
        q.addAfter("foo", ms(70));
        assertThat(q.waitingCount()).isEqualTo(1);
        assertThat(q.len()).isZero();

        // past the first: it arrives, once
        step(ms(60));
        waitForAdded(1);
        assertThat(q.waitingCount()).isZero();
        q.done(q.get());

        // past the second add: it was merged into the first
        step(ms(20));
        assertNothingAddedFor(ms(20));

        // the earlier of two ready times wins
        q.addAfter("foo", ms(50));
        q.addAfter("foo", ms(30));
        assertThat(q.waitingCount()).isEqualTo(1);
        assertThat(q.len()).isZero();
        step(ms(40));
        waitForAdded(1);
        assertThat(q.waitingCount()).isZero();
        q.done(q.get());
        step(ms(20));
        assertNothingAddedFor(ms(20));
    }

    @Test
    void addTwoFireEarly() throws Exception {
        q.addAfter("foo", Duration.ofSeconds(1));
        q.addAfter("bar", ms(50));
        assertThat(q.waitingCount()).isEqualTo(2);
        assertThat(q.len()).isZero();

        step(ms(60));
        waitForAdded(1);
        assertThat(q.waitingCount()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("bar");

        q.addAfter("baz", Duration.ofSeconds(2));
        step(Duration.ofSeconds(1));
        waitForAdded(1);
        assertThat(q.waitingCount()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("foo");

        step(Duration.ofSeconds(2));
        waitForAdded(1);
        assertThat(q.waitingCount()).isZero();
        assertThat(q.get()).isEqualTo("baz");
    }

    @Test
    void copyShifting() throws Exception {
        q.addAfter("foo", Duration.ofSeconds(1));
        q.addAfter("bar", ms(500));
        q.addAfter("baz", ms(250));
        assertThat(q.waitingCount()).isEqualTo(3);
        assertThat(q.len()).isZero();

        step(Duration.ofSeconds(2));
        waitForAdded(3);
        assertThat(q.waitingCount()).isZero();
        // handed out in ready-time order, not insertion order
        assertThat(q.get()).isEqualTo("baz");
        assertThat(q.get()).isEqualTo("bar");
        assertThat(q.get()).isEqualTo("foo");
    }

    @Test
    void rateLimitingQueue() throws Exception {
        q.shutDown();
        q = RateLimitingQueue.<String>builder("test")
                .rateLimiter(RateLimiters.itemExponentialFailure(ms(1), Duration.ofSeconds(1))).nanoTime(clock).build();

        q.addRateLimited("one");
        assertThat(q.waitingReadyAt("one") - clock.getAsLong()).isEqualTo(ms(1).toNanos());
        releaseAndProcess("one", ms(1));
        q.addRateLimited("one");
        assertThat(q.waitingReadyAt("one") - clock.getAsLong()).isEqualTo(ms(2).toNanos());
        assertThat(q.numRequeues("one")).isEqualTo(2);

        q.addRateLimited("two");
        assertThat(q.waitingReadyAt("two") - clock.getAsLong()).isEqualTo(ms(1).toNanos());
        releaseAndProcess("two", ms(1));
        q.addRateLimited("two");
        assertThat(q.waitingReadyAt("two") - clock.getAsLong()).isEqualTo(ms(2).toNanos());

        q.forget("one");
        assertThat(q.numRequeues("one")).isZero();
        releaseAndProcess("one", ms(2));
        q.addRateLimited("one");
        assertThat(q.waitingReadyAt("one") - clock.getAsLong()).isEqualTo(ms(1).toNanos());
    }

    /** Lets the clock reach the item's ready time, then takes it through one get/done. */
    private void releaseAndProcess(String item, Duration after) throws InterruptedException {
        step(after);
        await().atMost(Duration.ofSeconds(10)).until(() -> q.waitingReadyAt(item) == Long.MIN_VALUE && q.len() > 0);
        String got = q.get();
        assertThat(got).isEqualTo(item);
        q.done(got);
    }
}
