package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Upstream's pod workers: at most one sync per pod uid at a time, always on the latest pod (updates arriving
 * during a sync are merged into one more sync), each pod moving from syncing to terminating to terminated.
 * A pod is synced again every {@code resync} (and after a failed sync), and whenever {@link #trigger} is called
 * (probe results, runtime changes).
 *
 * <p>Thread safety: all methods are safe for concurrent use and never block on a sync.
 */
public final class PodWorkers {
    private static final Logger log = LoggerFactory.getLogger(PodWorkers.class);

    /** The work done for a pod in each stage. */
    public interface Syncer {
        /** @return true when the pod reached a terminal phase */
        boolean syncPod(Pod pod, Instant firstSeen);

        void syncTerminatingPod(Pod pod, boolean removedFromApi);

        void syncTerminatedPod(Pod pod, boolean removedFromApi);

        /** The pod is gone from the API and terminated: forget it and remove its runtime objects. */
        void removePod(Pod pod);
    }

    public enum Stage { SYNCING, TERMINATING, TERMINATED }

    private static final class Worker {
        final String uid;
        final Instant firstSeen;
        Pod pod;
        boolean removed;
        Stage stage = Stage.SYNCING;
        boolean running;
        boolean pending;
        ScheduledFuture<?> resync;

        Worker(String uid, Instant firstSeen) {
            this.uid = uid;
            this.firstSeen = firstSeen;
        }
    }

    private final Syncer syncer;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final Duration resync;
    private final Clock clock;
    private final Map<String, Worker> workers = new HashMap<>();
    private boolean closed;

    public PodWorkers(Syncer syncer, Executor executor, ScheduledExecutorService timer, Duration resync, Clock clock) {
        this.syncer = syncer;
        this.executor = executor;
        this.timer = timer;
        this.resync = resync;
        this.clock = clock;
    }

    /** The pod was added or changed in the API. */
    public synchronized void update(Pod pod) {
        if (closed) {
            return;
        }
        Worker w = workers.computeIfAbsent(pod.getMetadata().getUid(), uid -> new Worker(uid, clock.instant()));
        if (!w.removed) {
            w.pod = pod;
        }
        dispatch(w);
    }

    /** The pod was removed from the API (deleted, or force deleted): it is killed and forgotten. */
    public synchronized void remove(Pod pod) {
        if (closed) {
            return;
        }
        Worker w = workers.computeIfAbsent(pod.getMetadata().getUid(), uid -> new Worker(uid, clock.instant()));
        if (w.pod == null) {
            w.pod = pod;
        }
        w.removed = true;
        dispatch(w);
    }

    /** Syncs the pod soon if it is known (a probe result or a container changed). */
    public synchronized void trigger(String uid) {
        Worker w = workers.get(uid);
        if (w != null && !closed) {
            dispatch(w);
        }
    }

    public synchronized Set<String> uids() {
        return Set.copyOf(workers.keySet());
    }

    public synchronized Stage stage(String uid) {
        Worker w = workers.get(uid);
        return w == null ? null : w.stage;
    }

    public synchronized void close() {
        closed = true;
        workers.values().forEach(w -> {
            if (w.resync != null) {
                w.resync.cancel(false);
            }
        });
    }

    private void dispatch(Worker w) {
        if (w.running) {
            w.pending = true;
            return;
        }
        w.running = true;
        w.pending = false;
        executor.execute(() -> loop(w));
    }

    private void loop(Worker w) {
        while (true) {
            Pod pod;
            boolean removed;
            Stage stage;
            synchronized (this) {
                w.pending = false;
                pod = w.pod;
                removed = w.removed;
                stage = w.stage;
            }
            Stage next = stage;
            boolean again = false;
            boolean forget = false;
            Duration requeue = null;
            try {
                switch (stage) {
                    case SYNCING -> {
                        if (removed || pod.getMetadata().getDeletionTimestamp() != null) {
                            next = Stage.TERMINATING;
                            again = true;
                        } else if (syncer.syncPod(pod, w.firstSeen)) {
                            next = Stage.TERMINATING;
                            again = true;
                        } else {
                            requeue = resync;
                        }
                    }
                    case TERMINATING -> {
                        syncer.syncTerminatingPod(pod, removed);
                        next = Stage.TERMINATED;
                        again = true;
                    }
                    case TERMINATED -> {
                        syncer.syncTerminatedPod(pod, removed);
                        if (removed) {
                            syncer.removePod(pod);
                            forget = true;
                        } else if (pod.getMetadata().getDeletionTimestamp() != null) {
                            requeue = resync; // until the pod object is gone
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Error syncing pod {}/{} ({}), will retry in {}", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), stage, resync, e);
                requeue = resync;
                again = false;
            }
            synchronized (this) {
                w.stage = next;
                if (forget || closed) {
                    if (forget) {
                        workers.remove(w.uid, w);
                    }
                    cancelResync(w);
                    w.running = false;
                    return;
                }
                if (requeue != null) {
                    cancelResync(w);
                    w.resync = timer.schedule(() -> trigger(w.uid), requeue.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (!again && !w.pending) {
                    w.running = false;
                    return;
                }
            }
        }
    }

    private static void cancelResync(Worker w) {
        if (w.resync != null) {
            w.resync.cancel(false);
            w.resync = null;
        }
    }
}
