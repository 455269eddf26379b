package io.kubeboot.controller.nodelifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** After upstream's rate_limited_queue_test (TestAddNode, TestDelNode, TestTry, TestTryOrdering, TestSwapLimiter). */
class RateLimitedTimedQueueTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private List<String> drain(RateLimitedTimedQueue q) {
        List<String> seen = new ArrayList<>();
        q.tryProcess(v -> {
            seen.add(v.value());
            return RateLimitedTimedQueue.Decision.ok();
        });
        return seen;
    }

    @Test
    void addIsUniqueUntilRemoved() {
        RateLimitedTimedQueue q = new RateLimitedTimedQueue(100f, nanos::get);
        assertThat(q.add("first", "11111")).isTrue();
        assertThat(q.add("first", "11111")).isFalse();
        assertThat(q.remove("first")).isTrue();
        assertThat(q.remove("first")).isFalse();
        assertThat(q.add("first", "11111")).isTrue();
    }

    @Test
    void processedValuesStayRememberedSoTheyAreNotQueuedAgain() {
        RateLimitedTimedQueue q = new RateLimitedTimedQueue(1000f, nanos::get);
        q.add("first", "1");
        advance(Duration.ofMillis(1));
        q.add("second", "2");
        advance(Duration.ofMillis(1));
        q.add("third", "3");
        advance(Duration.ofSeconds(1));

        assertThat(drain(q)).containsExactly("first");
        advance(Duration.ofSeconds(1));
        assertThat(drain(q)).as("burst 1: one per token").containsExactly("second");
        assertThat(q.add("first", "1")).as("remembered after processing").isFalse();
        assertThat(q.knows("first")).isTrue();
        q.remove("first");
        assertThat(q.add("first", "1")).isTrue();
    }

    @Test
    void theRateLimitsHowOftenItemsAreProcessed() {
        RateLimitedTimedQueue q = new RateLimitedTimedQueue(0.1f, nanos::get);
        q.add("a", "1");
        q.add("b", "2");

        assertThat(drain(q)).as("the bucket starts with one token").containsExactly("a");
        advance(Duration.ofSeconds(9));
        assertThat(drain(q)).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(drain(q)).containsExactly("b");
    }

    @Test
    void aFailedItemIsRetriedAfterItsWait() {
        RateLimitedTimedQueue q = new RateLimitedTimedQueue(1000f, nanos::get);
        q.add("a", "1");
        List<String> seen = new ArrayList<>();
        q.tryProcess(v -> {
            seen.add(v.value());
            return RateLimitedTimedQueue.Decision.retryAfter(Duration.ofSeconds(5));
        });
        advance(Duration.ofSeconds(1));
        assertThat(drain(q)).as("not due yet").isEmpty();
        advance(Duration.ofSeconds(5));
        assertThat(drain(q)).containsExactly("a");
        assertThat(seen).containsExactly("a");
    }

    @Test
    void swappingToZeroStopsProcessingAndBackResumesIt() {
        RateLimitedTimedQueue q = new RateLimitedTimedQueue(10f, nanos::get);
        q.swapLimiter(0);
        q.add("a", "1");
        advance(Duration.ofSeconds(10));
        assertThat(drain(q)).isEmpty();
        assertThat(q.qps()).isEqualTo(0f);

        q.swapLimiter(10f);
        assertThat(drain(q)).as("the never-accepting limiter had no token: the new one starts drained").isEmpty();
        advance(Duration.ofMillis(101));
        assertThat(drain(q)).containsExactly("a");
    }

    @Test
    void aNewLimiterStartsDrainedWhenTheOldOneHadNoToken() {
        RateLimitedTimedQueue q = new RateLimitedTimedQueue(0.1f, nanos::get);
        q.add("a", "1");
        q.add("b", "2");
        assertThat(drain(q)).containsExactly("a");

        q.swapLimiter(0.01f);

        assertThat(drain(q)).as("the token was spent already").isEmpty();
        advance(Duration.ofSeconds(99));
        assertThat(drain(q)).isEmpty();
        advance(Duration.ofSeconds(2));
        assertThat(drain(q)).containsExactly("b");
    }

    @Test
    void aValueRemovedWhileQueuedIsNotProcessed() {
        RateLimitedTimedQueue q = new RateLimitedTimedQueue(1000f, nanos::get);
        q.add("a", "1");
        q.remove("a");
        assertThat(drain(q)).isEmpty();
        assertThat(q.queued()).isEmpty();
    }
}
