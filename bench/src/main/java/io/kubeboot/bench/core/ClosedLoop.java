package io.kubeboot.bench.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N clients, each with exactly one operation in flight: when one completes the client issues the next,
 * until the deadline passes or {@code maxOps} operations have been started. This is the "N concurrent
 * clients" load of the targets (a closed system: a slow server gets fewer requests, so rates are what
 * the server sustains at that concurrency).
 *
 * <p>Operations are asynchronous and the next one is issued from the completing thread, so a handful of
 * client threads (the HTTP or Redis event loops) drive all clients; no thread per client competes with
 * the server for the two cores.
 */
public final class ClosedLoop {
    /** One operation; {@code seq} is unique across all clients of the run (0, 1, 2, ...). */
    @FunctionalInterface
    public interface Operation {
        CompletableFuture<Outcome> run(int client, long seq);
    }

    /** How long to wait, after the deadline, for operations still in flight (a hung server must not hang the bench). */
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final String name;
    private final int clients;
    private final Duration duration;
    private final long maxOps;

    private ClosedLoop(String name, int clients, Duration duration, long maxOps) {
        this.name = name;
        this.clients = clients;
        this.duration = duration;
        this.maxOps = maxOps;
    }

    /** Runs for {@code duration}. */
    public static ClosedLoop timed(String name, int clients, Duration duration) {
        return new ClosedLoop(name, clients, duration, Long.MAX_VALUE);
    }

    /** Runs until {@code count} operations were issued, or {@code timeout} passed. */
    public static ClosedLoop counted(String name, int clients, long count, Duration timeout) {
        return new ClosedLoop(name, clients, timeout, count);
    }

    public int clients() {
        return clients;
    }

    public LatencyRecorder run(Operation op) throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong seq = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(clients);
        long deadline = System.nanoTime() + duration.toNanos();
        Runner runner = new Runner(op, recorder, seq, finished, deadline);
        try (ProgressTicker ticker = new ProgressTicker(name, recorder)) {
            recorder.start();
            for (int c = 0; c < clients; c++) {
                runner.next(c);
            }
            boolean done = finished.await(duration.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
            // the rate is over the phase's window: a request hanging until its timeout after the deadline
            // shows as a failure, not as a longer phase that dilutes the rate of all the others
            recorder.stopNoLaterThan(deadline);
            if (!done) {
                recorder.failure("still in flight at end");
            }
        }
        return recorder;
    }

    private final class Runner {
        private final Operation op;
        private final LatencyRecorder recorder;
        private final AtomicLong seq;
        private final CountDownLatch finished;
        private final long deadline;

        Runner(Operation op, LatencyRecorder recorder, AtomicLong seq, CountDownLatch finished, long deadline) {
            this.op = op;
            this.recorder = recorder;
            this.seq = seq;
            this.finished = finished;
            this.deadline = deadline;
        }

        void next(int client) {
            // a loop rather than recursion, so that operations completing synchronously cannot overflow the stack
            while (true) {
                long s = seq.getAndIncrement();
                if (s >= maxOps || System.nanoTime() - deadline >= 0) {
                    finished.countDown();
                    return;
                }
                long t0 = System.nanoTime();
                CompletableFuture<Outcome> f;
                try {
                    f = op.run(client, s);
                } catch (RuntimeException e) {
                    f = CompletableFuture.failedFuture(e);
                }
                if (f.isDone()) {
                    record(f.handle((o, e) -> outcome(o, e)).join(), t0);
                    continue;
                }
                f.whenComplete((o, e) -> {
                    record(outcome(o, e), t0);
                    next(client);
                });
                return;
            }
        }

        private void record(Outcome o, long t0) {
            recorder.record(o, System.nanoTime() - t0);
        }
    }

    static Outcome outcome(Outcome o, Throwable e) {
        if (e == null) {
            return o;
        }
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return Outcome.failed(cause.getClass().getSimpleName());
    }
}
