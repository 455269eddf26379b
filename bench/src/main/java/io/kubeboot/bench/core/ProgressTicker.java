package io.kubeboot.bench.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints a phase's running totals to stderr every 5 s, so a long or stalled phase is visible while it runs. */
public final class ProgressTicker implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });

    public ProgressTicker(String name, LatencyRecorder recorder) {
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> System.err.printf("  [%s] %3ds: %d ok, %d failed%n", name,
                        (System.nanoTime() - start) / 1_000_000_000L, recorder.successes(), recorder.failureCount()),
                5, 5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
