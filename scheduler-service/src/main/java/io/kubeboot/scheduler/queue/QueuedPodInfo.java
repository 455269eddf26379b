package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.PodInfo;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A pod waiting in the scheduling queue with its queueing history, as upstream's
 * {@code framework.QueuedPodInfo}. Immutable: the queue and the scheduler derive new instances with the
 * {@code with*} methods, so an instance handed out by {@link SchedulingQueue#pop()} can never change
 * under the scheduler's feet.
 *
 * <p>{@code unschedulablePlugins} are the plugins that rejected the pod in its last attempt (a matching
 * event retries it after its backoff); {@code pendingPlugins} are plugins waiting for something outside
 * the scheduler (a matching event retries it at once, skipping backoff). With neither set the pod
 * failed for an unexpected reason and is retried after backoff without waiting for any event.
 */
public final class QueuedPodInfo {
    private final PodInfo podInfo;
    private final Instant timestamp;
    private final int attempts;
    private final Instant initialAttemptTimestamp;
    private final Set<String> unschedulablePlugins;
    private final Set<String> pendingPlugins;

    private QueuedPodInfo(PodInfo podInfo, Instant timestamp, int attempts, Instant initialAttemptTimestamp,
                          Set<String> unschedulablePlugins, Set<String> pendingPlugins) {
        this.podInfo = Objects.requireNonNull(podInfo, "podInfo");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.attempts = attempts;
        this.initialAttemptTimestamp = initialAttemptTimestamp;
        this.unschedulablePlugins = unschedulablePlugins;
        this.pendingPlugins = pendingPlugins;
    }

    /** A pod that has never been attempted, queued at {@code timestamp}. */
    public static QueuedPodInfo of(PodInfo podInfo, Instant timestamp) {
        return new QueuedPodInfo(podInfo, timestamp, 0, null, Set.of(), Set.of());
    }

    public PodInfo podInfo() {
        return podInfo;
    }

    public Pod pod() {
        return podInfo.pod();
    }

    /** {@code namespace/name}: the pod's identity in the active, backoff and unschedulable queues. */
    public String key() {
        return podInfo.key();
    }

    public String uid() {
        return podInfo.uid();
    }

    /** When the pod was last added to the queue (or came back from a failed attempt). */
    public Instant timestamp() {
        return timestamp;
    }

    /** Scheduling attempts so far (incremented by every pop). */
    public int attempts() {
        return attempts;
    }

    /** When the pod first entered the active queue; null before that. */
    public Instant initialAttemptTimestamp() {
        return initialAttemptTimestamp;
    }

    public Set<String> unschedulablePlugins() {
        return unschedulablePlugins;
    }

    public Set<String> pendingPlugins() {
        return pendingPlugins;
    }

    /** Whether a PreEnqueue plugin holds the pod back; always false here, as no PreEnqueue plugins run. */
    public boolean gated() {
        return false;
    }

    /** The union of the unschedulable and pending plugins. */
    public Set<String> rejectorPlugins() {
        if (pendingPlugins.isEmpty()) {
            return unschedulablePlugins;
        }
        if (unschedulablePlugins.isEmpty()) {
            return pendingPlugins;
        }
        Set<String> all = new LinkedHashSet<>(unschedulablePlugins);
        all.addAll(pendingPlugins);
        return Set.copyOf(all);
    }

    /** The same history for a newer version of the pod. */
    public QueuedPodInfo withPodInfo(PodInfo newPodInfo) {
        return new QueuedPodInfo(newPodInfo, timestamp, attempts, initialAttemptTimestamp, unschedulablePlugins, pendingPlugins);
    }

    public QueuedPodInfo withTimestamp(Instant newTimestamp) {
        return new QueuedPodInfo(podInfo, newTimestamp, attempts, initialAttemptTimestamp, unschedulablePlugins, pendingPlugins);
    }

    public QueuedPodInfo withAttempts(int newAttempts) {
        return new QueuedPodInfo(podInfo, timestamp, newAttempts, initialAttemptTimestamp, unschedulablePlugins, pendingPlugins);
    }

    public QueuedPodInfo withInitialAttemptTimestamp(Instant when) {
        return new QueuedPodInfo(podInfo, timestamp, attempts, when, unschedulablePlugins, pendingPlugins);
    }

    /** The verdict of a failed attempt: which plugins rejected the pod and which wait for outside events. */
    public QueuedPodInfo withRejectorPlugins(Set<String> unschedulable, Set<String> pending) {
        return new QueuedPodInfo(podInfo, timestamp, attempts, initialAttemptTimestamp, Set.copyOf(unschedulable), Set.copyOf(pending));
    }

    public QueuedPodInfo withUnschedulablePlugins(String... plugins) {
        return withRejectorPlugins(Set.of(plugins), pendingPlugins);
    }

    public QueuedPodInfo withPendingPlugins(String... plugins) {
        return withRejectorPlugins(unschedulablePlugins, Set.of(plugins));
    }

    @Override
    public String toString() {
        return key() + "{attempts=" + attempts + ", timestamp=" + timestamp
                + (unschedulablePlugins.isEmpty() ? "" : ", unschedulablePlugins=" + unschedulablePlugins)
                + (pendingPlugins.isEmpty() ? "" : ", pendingPlugins=" + pendingPlugins) + "}";
    }
}
