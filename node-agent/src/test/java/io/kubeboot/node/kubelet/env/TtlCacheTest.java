package io.kubeboot.node.kubelet.env;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read-through cache behind Fabric8ObjectLookup: reuse within the TTL, reload after it, failures not cached. */
class TtlCacheTest {
    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void reusesWithinTtlAndReloadsAfter() {
        MutableClock clock = new MutableClock();
        TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofSeconds(5), clock);
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.get("k", k -> loads.incrementAndGet())).isEqualTo(1);
        clock.now = clock.now.plusSeconds(4);
        assertThat(cache.get("k", k -> loads.incrementAndGet())).isEqualTo(1);
        clock.now = clock.now.plusSeconds(1);
        assertThat(cache.get("k", k -> loads.incrementAndGet())).isEqualTo(2);
        assertThat(cache.get("other", k -> loads.incrementAndGet())).isEqualTo(3);
    }

    @Test
    void failedLoadsAreNotCached() {
        TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofSeconds(5), new MutableClock());
        assertThatThrownBy(() -> cache.get("k", k -> {
            throw new IllegalStateException("apiserver down");
        })).hasMessage("apiserver down");
        assertThat(cache.get("k", k -> 7)).isEqualTo(7);
    }
}
