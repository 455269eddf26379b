package io.kubeboot.runtime.leader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Turns fabric8's elector callbacks into the ones users get: leadership state flips at once (for
 * {@code isLeader()} and the gauge); user callbacks run in order on one thread of their own, so a slow callback
 * never delays lease renewal (upstream runs OnStartedLeading and OnNewLeader in goroutines). fabric8 may report
 * the stop twice; users see each transition once.
 */
final class LeaderCallbacksDispatcher {
    private static final Logger log = LoggerFactory.getLogger(LeaderCallbacksDispatcher.class);

    private final AtomicBoolean leader = new AtomicBoolean();
    private final Runnable onStartedLeading;
    private final Runnable onStoppedLeading;
    private final Consumer<String> onNewLeader;
    private final ExecutorService executor;

    LeaderCallbacksDispatcher(String name, Runnable onStartedLeading, Runnable onStoppedLeading, Consumer<String> onNewLeader) {
        this.onStartedLeading = onStartedLeading;
        this.onStoppedLeading = onStoppedLeading;
        this.onNewLeader = onNewLeader;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "leader-election-" + name + "-callbacks");
            t.setDaemon(true);
            return t;
        });
    }

    boolean isLeader() {
        return leader.get();
    }

    void startedLeading() {
        if (leader.compareAndSet(false, true)) {
            run("onStartedLeading", onStartedLeading);
        }
    }

    void stoppedLeading() {
        if (leader.compareAndSet(true, false)) {
            run("onStoppedLeading", onStoppedLeading);
        }
    }

    void newLeader(String identity) {
        if (identity != null && !identity.isEmpty()) {
            run("onNewLeader", () -> onNewLeader.accept(identity));
        }
    }

    /** Waits for the callbacks submitted so far, then stops the callback thread. */
    void shutDown() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }

    private void run(String what, Runnable callback) {
        try {
            executor.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    log.error("Leader election callback {} failed", what, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Leader election callback {} after shutdown, not run", what);
        }
    }
}
