package io.kubeboot.runtime.workqueue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Ports client-go's default_rate_limiters_test.go, plus the token bucket's reservation arithmetic. */
class RateLimitersTest {

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    void itemExponentialFailureRateLimiter() {
        RateLimiter<String> limiter = RateLimiters.itemExponentialFailure(ms(1), Duration.ofSeconds(1));
        assertThat(List.of(limiter.when("one"), limiter.when("one"), limiter.when("one"), limiter.when("one"), limiter.when("one")))
                .containsExactly(ms(1), ms(2), ms(4), ms(8), ms(16));
        assertThat(limiter.numRequeues("one")).isEqualTo(5);

        assertThat(List.of(limiter.when("two"), limiter.when("two"))).containsExactly(ms(1), ms(2));
        assertThat(limiter.numRequeues("two")).isEqualTo(2);

        limiter.forget("one");
        assertThat(limiter.numRequeues("one")).isZero();
        assertThat(limiter.when("one")).isEqualTo(ms(1));
    }

    @Test
    void itemExponentialFailureRateLimiterOverflow() {
        RateLimiter<String> limiter = RateLimiters.itemExponentialFailure(ms(1), Duration.ofSeconds(1000));
        for (int i = 0; i < 5; i++) {
            limiter.when("one");
        }
        assertThat(limiter.when("one")).isEqualTo(ms(32));
        for (int i = 0; i < 1000; i++) {
            limiter.when("overflow1");
        }
        assertThat(limiter.when("overflow1")).isEqualTo(Duration.ofSeconds(1000));

        limiter = RateLimiters.itemExponentialFailure(Duration.ofMinutes(1), Duration.ofHours(1000));
        for (int i = 0; i < 2; i++) {
            limiter.when("two");
        }
        assertThat(limiter.when("two")).isEqualTo(Duration.ofMinutes(4));
        for (int i = 0; i < 1000; i++) {
            limiter.when("overflow2");
        }
        assertThat(limiter.when("overflow2")).isEqualTo(Duration.ofHours(1000));
    }

    @Test
    void itemFastSlowRateLimiter() {
        RateLimiter<String> limiter = RateLimiters.itemFastSlow(ms(5), Duration.ofSeconds(10), 3);
        assertThat(List.of(limiter.when("one"), limiter.when("one"), limiter.when("one"), limiter.when("one"), limiter.when("one")))
                .containsExactly(ms(5), ms(5), ms(5), Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(limiter.numRequeues("one")).isEqualTo(5);

        assertThat(List.of(limiter.when("two"), limiter.when("two"))).containsExactly(ms(5), ms(5));
        assertThat(limiter.numRequeues("two")).isEqualTo(2);

        limiter.forget("one");
        assertThat(limiter.numRequeues("one")).isZero();
        assertThat(limiter.when("one")).isEqualTo(ms(5));
    }

    @Test
    void maxOfRateLimiter() {
        RateLimiter<String> limiter = RateLimiters.maxOf(List.of(
                RateLimiters.itemFastSlow(ms(5), Duration.ofSeconds(3), 3),
                RateLimiters.itemExponentialFailure(ms(1), Duration.ofSeconds(1))));
        assertThat(List.of(limiter.when("one"), limiter.when("one"), limiter.when("one"), limiter.when("one"), limiter.when("one")))
                .containsExactly(ms(5), ms(5), ms(5), Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(limiter.numRequeues("one")).isEqualTo(5);

        assertThat(List.of(limiter.when("two"), limiter.when("two"))).containsExactly(ms(5), ms(5));
        assertThat(limiter.numRequeues("two")).isEqualTo(2);

        limiter.forget("one");
        assertThat(limiter.numRequeues("one")).isZero();
        assertThat(limiter.when("one")).isEqualTo(ms(5));
    }

    @Test
    void bucketStartsFullThenChargesOneTokenPerCallAtTheRefillRate() {
        FakeTicker ticker = new FakeTicker();
        RateLimiter<String> limiter = new BucketRateLimiter<>(10, 100, ticker);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.when("item-" + i)).as("call %d within the burst", i).isZero();
        }
        // 10 qps: every token beyond the burst is 100ms further out, whatever the item
        assertThat(limiter.when("a")).isEqualTo(ms(100));
        assertThat(limiter.when("b")).isEqualTo(ms(200));
        ticker.step(Duration.ofSeconds(1));
        // one second refilled 10 tokens: the balance was -2, is now 8
        for (int i = 0; i < 8; i++) {
            assertThat(limiter.when("c")).isZero();
        }
        assertThat(limiter.when("c")).isEqualTo(ms(100));
        assertThat(limiter.numRequeues("c")).isZero();
    }

    @Test
    void defaultControllerRateLimiterIsTheMaxOfBackoffAndBucket() {
        RateLimiter<String> limiter = RateLimiters.defaultControllerRateLimiter();
        assertThat(List.of(limiter.when("one"), limiter.when("one"), limiter.when("one"))).containsExactly(ms(5), ms(10), ms(20));
        assertThat(limiter.numRequeues("one")).isEqualTo(3);
        for (int i = 0; i < 30; i++) {
            limiter.when("one");
        }
        assertThat(limiter.when("one")).isEqualTo(Duration.ofSeconds(1000));
        limiter.forget("one");
        assertThat(limiter.numRequeues("one")).isZero();
    }
}
