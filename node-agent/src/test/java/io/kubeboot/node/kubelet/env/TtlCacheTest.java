package io.kubeboot.node.kubelet.env;

import io.kubeboot.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read-through cache behind Fabric8ObjectLookup: reuse within the TTL, reload after it, failures not cached. */
class TtlCacheTest {

    @Test
    void reusesWithinTtlAndReloadsAfter() {
        ManualClock clock = new ManualClock();
        TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofSeconds(5), clock);
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.get("k", k -> loads.incrementAndGet())).isEqualTo(1);
        clock.step(Duration.ofSeconds(4));
        assertThat(cache.get("k", k -> loads.incrementAndGet())).isEqualTo(1);
        clock.step(Duration.ofSeconds(1));
        assertThat(cache.get("k", k -> loads.incrementAndGet())).isEqualTo(2);
        assertThat(cache.get("other", k -> loads.incrementAndGet())).isEqualTo(3);
    }

    @Test
    void failedLoadsAreNotCached() {
        TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofSeconds(5), new ManualClock());
        assertThatThrownBy(() -> cache.get("k", k -> {
            throw new IllegalStateException("apiserver down");
        })).hasMessage("apiserver down");
        assertThat(cache.get("k", k -> 7)).isEqualTo(7);
    }
}
