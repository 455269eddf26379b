package io.kubeboot.controller.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Upstream {@code slowStartBatch}: calls {@code fn} {@code count} times in batches of 1, 2, 4, ... (starting at
 * {@code initialBatchSize}, doubling, capped by what remains), the calls of one batch concurrently. After a batch
 * with a failure the remaining batches are skipped, so a systematic error (quota, admission) costs few calls.
 */
public final class SlowStart {
    /** Upstream's {@code controller.SlowStartInitialBatchSize}. */
    public static final int INITIAL_BATCH_SIZE = 1;

    private SlowStart() {
    }

    /** One call; may fail. */
    @FunctionalInterface
    public interface Call {
        void call() throws Exception;
    }

    /** How many calls succeeded, and the first failure of the batch that stopped the run (null if none). */
    public record Outcome(int successes, Exception error) {
    }

    /** The batch sizes a failure-free run of {@code count} calls uses. */
    public static List<Integer> batchSizes(int count, int initialBatchSize) {
        List<Integer> sizes = new ArrayList<>();
        int remaining = count;
        for (int size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
            sizes.add(size);
            remaining -= size;
        }
        return sizes;
    }

    public static Outcome run(int count, int initialBatchSize, Executor executor, Call fn) {
        int remaining = count;
        int successes = 0;
        for (int size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
            // the caller waits for the batch anyway, so it makes one of the calls itself: a batch of one (the
            // first of every run) needs no other thread
            List<CompletableFuture<Exception>> batch = new ArrayList<>(size - 1);
            for (int i = 1; i < size; i++) {
                batch.add(CompletableFuture.supplyAsync(() -> callOnce(fn), executor));
            }
            Exception first = callOnce(fn);
            if (first == null) {
                successes++;
            }
            for (CompletableFuture<Exception> f : batch) {
                Exception e;
                try {
                    e = f.join();
                } catch (CompletionException ce) {
                    e = ce.getCause() instanceof Exception ex ? ex : new RuntimeException(ce.getCause());
                }
                if (e == null) {
                    successes++;
                } else if (first == null) {
                    first = e;
                }
            }
            if (first != null) {
                return new Outcome(successes, first);
            }
            remaining -= size;
        }
        return new Outcome(successes, null);
    }

    private static Exception callOnce(Call fn) {
        try {
            fn.call();
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
