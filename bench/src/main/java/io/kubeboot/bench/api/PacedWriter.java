package io.kubeboot.bench.api;

import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.core.Outcome;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Creates pods at a fixed rate (an open system: the schedule does not wait for responses, as many
 * independent controllers would not), stamping each with its send time. At most {@code maxInFlight}
 * writes are outstanding; a tick that finds them all busy is skipped and counted, so a slow server
 * shows as a missed rate instead of an ever-growing backlog.
 */
public final class PacedWriter {
    private final ApiContext ctx;
    private final String namespace;
    private final int perSecond;
    private final int maxInFlight;
    private final String namePrefix;

    /** Pods are named {@code namePrefix + sequence}: writers sharing a namespace need distinct prefixes. */
    public PacedWriter(ApiContext ctx, String namespace, int perSecond, int maxInFlight, String namePrefix) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.perSecond = perSecond;
        this.maxInFlight = maxInFlight;
        this.namePrefix = namePrefix;
    }

    /** Writes for {@code duration}, then waits (at most 30 s) for the writes in flight; returns their latencies. */
    public LatencyRecorder run(Duration duration) {
        LatencyRecorder writes = new LatencyRecorder();
        AtomicInteger inFlight = new AtomicInteger();
        String path = ApiContext.podsPath(namespace);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        writes.start();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long next = start;
        for (long seq = 0; next - end < 0; seq++, next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                writes.failure("skipped: " + maxInFlight + " writes in flight");
                continue;
            }
            inFlight.incrementAndGet();
            long t0 = System.nanoTime();
            String name = namePrefix + seq;
            ctx.api().post(path, ctx.pods().pod(namespace, name, t0)).whenComplete((r, e) -> {
                Outcome o = e != null ? Outcome.failed(e.getClass().getSimpleName()) : r.expect(201);
                if (o.ok()) {
                    ctx.podCreated();
                }
                writes.record(o, System.nanoTime() - t0);
                inFlight.decrementAndGet();
            });
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() - drainUntil < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        writes.stop();
        return writes;
    }
}
