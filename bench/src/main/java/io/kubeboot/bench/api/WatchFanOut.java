package io.kubeboot.bench.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.core.PhaseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code watchers} HTTP watches on the pods of one namespace while a {@link PacedWriter} creates pods
 * there. Every watch starts at the resourceVersion of the empty namespace, so each must deliver every
 * successful write, no matter how long it took to connect.
 *
 * <p>Before the clock starts one warm-up pod is written and every watcher must have received it: only
 * then is each watch known to be registered and streaming (the response headers alone do not say so;
 * the server may hold them back until the first event). The warm-up is counted but not timed.
 *
 * <p>Then, with {@code warmup} above zero, the writer runs at the full rate for that long before the clock
 * starts: those events must reach every watcher too, but are not timed. The fan-out path (the watch
 * cache's dispatch, the per-watcher buffers, the socket writes) is code no other phase runs, and without
 * this the first seconds measure the JIT compiler compiling it (a quarter of the apiserver's CPU in the
 * measured window, by a profile), not the steady state of a long-running apiserver.
 */
public final class WatchFanOut {
    /** The outcome: write and delivery latencies, and how many watchers got every event. */
    public record Result(PhaseResult writes, PhaseResult delivery, int watchers, long expectedPerWatcher,
                         int complete, long minEvents, long maxEvents, int endedEarly, long otherLines,
                         Map<String, Integer> connectFailures, double connectSeconds, double drainSeconds,
                         long warmupWrites, long warmupWriteFailures) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    /** After the writer stops, events still arriving are late, not lost: wait while any watcher makes progress... */
    private static final Duration DRAIN_STALL = Duration.ofSeconds(5);
    /** ...but not forever. */
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);

    private final ApiContext ctx;
    private final String namespace;
    private final int watchers;
    private final int writesPerSecond;
    /** Delivery is timed only for pods sent from here on (the warm-up pod is not). */
    private volatile long measureFrom;
    private volatile boolean measuring;

    public WatchFanOut(ApiContext ctx, String namespace, int watchers, int writesPerSecond) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.watchers = watchers;
        this.writesPerSecond = writesPerSecond;
    }

    public Result run(Duration warmup, Duration duration) throws InterruptedException {
        ctx.createNamespace(namespace);
        long rv = listRevision();
        LatencyRecorder delivery = new LatencyRecorder();
        List<WatchScanner> scanners = new ArrayList<>(watchers);
        List<AutoCloseable> streams = new ArrayList<>(watchers);
        // the server ends the watch itself well after the bench is done with it
        String path = ApiContext.podsPath(namespace) + "?watch=true&resourceVersion=" + rv
                + "&timeoutSeconds=" + (duration.toSeconds() + 300);
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < watchers; i++) {
                WatchScanner s = new WatchScanner(delivery, sent -> measuring && sent - measureFrom >= 0);
                scanners.add(s);
                streams.add(ctx.api().stream(path, s::onStatus, s::onChunk, s::onEnd));
            }
            long warmups = warmUp(scanners);
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            System.err.printf("  [watch] %d of %d watchers live after %.1fs; writing %d/s for %ds%n",
                    scanners.stream().filter(s -> s.events() >= warmups).count(), watchers, connectSeconds,
                    writesPerSecond, duration.toSeconds());
            long warmupWrites = 0;
            long warmupFailures = 0;
            if (!warmup.isZero()) {
                System.err.printf("  [watch] warm-up: writing %d/s for %ds (not timed)%n", writesPerSecond, warmup.toSeconds());
                LatencyRecorder w = writer("warm-").run(warmup);
                warmupWrites = w.successes();
                warmupFailures = w.failureCount();
            }
            measureFrom = System.nanoTime();
            measuring = true;
            delivery.start();
            LatencyRecorder writes = writer("w-").run(duration);
            long expected = warmups + warmupWrites + writes.successes();
            long drainStart = System.nanoTime();
            awaitDrained(scanners, expected);
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            delivery.stop();
            return summarize(writes, delivery, scanners, expected, connectSeconds, drainSeconds, warmupWrites, warmupFailures);
        } finally {
            for (AutoCloseable s : streams) {
                try {
                    s.close();
                } catch (Exception e) {
                    // closing is best effort; the JVM exits after the report anyway
                }
            }
        }
    }

    private PacedWriter writer(String namePrefix) {
        return new PacedWriter(ctx, namespace, writesPerSecond, Math.max(64, writesPerSecond), namePrefix);
    }

    /** The namespace's list resourceVersion: the point every watch starts after. */
    private long listRevision() {
        HttpResult r = ctx.api().get(ApiContext.podsPath(namespace) + "?limit=1").join();
        if (r.status() != 200) {
            throw new IllegalStateException("listing " + namespace + ": HTTP " + r.status() + " " + r.text());
        }
        try {
            return Long.parseLong(JSON.readTree(r.body()).path("metadata").path("resourceVersion").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the warm-up pod and waits until every watcher got it (or died, or the connect timeout); returns 1, or 0 when the write failed. */
    private long warmUp(List<WatchScanner> scanners) throws InterruptedException {
        HttpResult r = ctx.api().post(ApiContext.podsPath(namespace), ctx.pods().pod(namespace, "warm-up", System.nanoTime())).join();
        if (r.status() != 201) {
            System.err.println("  [watch] warm-up write failed: HTTP " + r.status());
            return 0;
        }
        ctx.podCreated();
        long until = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        while (System.nanoTime() - until < 0
                && scanners.stream().anyMatch(s -> s.events() < 1 && !s.ended())) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return 1;
    }

    /** Waits until every live watcher has every event, or no watcher got anything for {@link #DRAIN_STALL}. */
    private static void awaitDrained(List<WatchScanner> scanners, long expected) throws InterruptedException {
        long limit = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long lastTotal = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() - limit < 0
                && scanners.stream().anyMatch(s -> s.events() < expected && !s.ended())) {
            long total = scanners.stream().mapToLong(WatchScanner::events).sum();
            if (total != lastTotal) {
                lastTotal = total;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > DRAIN_STALL.toNanos()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private Result summarize(LatencyRecorder writes, LatencyRecorder delivery, List<WatchScanner> scanners,
                             long expected, double connectSeconds, double drainSeconds, long warmupWrites,
                             long warmupFailures) {
        int complete = 0;
        int endedEarly = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        long other = 0;
        Map<String, Integer> connectFailures = new TreeMap<>();
        for (WatchScanner s : scanners) {
            long n = s.events();
            min = Math.min(min, n);
            max = Math.max(max, n);
            other += s.otherLines();
            if (n == expected) {
                complete++;
            }
            if (s.ended()) {
                endedEarly++;
            }
            if (s.status() != 200) {
                String why = s.status() != 0 ? "HTTP " + s.status()
                        : s.error() != null ? s.error().getClass().getSimpleName() : "no response";
                connectFailures.merge(why, 1, Integer::sum);
            }
        }
        return new Result(writes.result("watch writer", 1), delivery.result("watch delivery", scanners.size()),
                scanners.size(), expected, complete, scanners.isEmpty() ? 0 : min, max, endedEarly, other,
                connectFailures, connectSeconds, drainSeconds, warmupWrites, warmupFailures);
    }
}
