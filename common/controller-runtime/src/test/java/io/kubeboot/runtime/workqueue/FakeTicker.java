package io.kubeboot.runtime.workqueue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A monotonic clock that only moves when told to, as k8s.io/utils/clock/testing.FakeClock. */
final class FakeTicker implements LongSupplier {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    void step(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
