package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PodNominator;

import java.util.Collection;
import java.util.function.Predicate;

/**
 * The pods waiting to be scheduled, as upstream's {@code SchedulingQueue}: an active queue the scheduler
 * pops from, a backoff queue of pods waiting out their backoff, and a pool of unschedulable pods waiting
 * for a cluster event that may help them. Thread safe.
 *
 * <p>Life of a pod: {@link #add} (informer add of an unbound pod) puts it in the active queue;
 * {@link #pop} hands it to a scheduling cycle and marks it in flight; the scheduler then either binds it
 * (and calls {@link #done}) or returns it with {@link #addUnschedulableIfNotPresent}, which also ends the
 * in-flight tracking.
 */
public interface SchedulingQueue extends PodNominator {

    /** A new unbound pod: into the active queue. */
    void add(PodInfo pod);

    /**
     * A pod changed. A pod being scheduled is left to its cycle (the update is recorded as an in-flight
     * event); one in the active or backoff queue is replaced in place; an unschedulable one is retried if
     * the update is an event its rejector plugins registered for; an unknown one is added.
     */
    void update(PodInfo oldPod, PodInfo newPod);

    /** The pod was deleted or bound elsewhere: out of the queue and the nominations. */
    void delete(Pod pod);

    /**
     * The highest-priority active pod, marked in flight with its attempt counted, waiting until there is
     * one. Returns null once the queue is closed.
     */
    QueuedPodInfo pop() throws InterruptedException;

    /** Ends the in-flight tracking of a popped pod that will not come back through {@link #addUnschedulableIfNotPresent}. */
    void done(String podUid);

    /**
     * Returns a popped pod that could not be scheduled. It goes to the backoff or active queue when it has
     * no rejector plugins or an event they registered for arrived while it was in flight; otherwise to the
     * unschedulable pool. Always ends its in-flight tracking.
     *
     * @throws IllegalStateException when the pod is already in one of the queues
     */
    void addUnschedulableIfNotPresent(QueuedPodInfo pod, long podSchedulingCycle);

    /** Moves these pods from the unschedulable pool or the backoff queue to the active queue (in-flight ones when they return). */
    void activate(Collection<Pod> pods);

    /** A cluster event happened: retries the unschedulable pods whose rejector plugins registered for it. */
    void moveAllToActiveOrBackoffQueue(ClusterEvent event, Object oldObj, Object newObj);

    /** As {@link #moveAllToActiveOrBackoffQueue(ClusterEvent, Object, Object)}, considering only the pods {@code preCheck} accepts. */
    void moveAllToActiveOrBackoffQueue(ClusterEvent event, Object oldObj, Object newObj, Predicate<Pod> preCheck);

    /** A bound pod appeared: retries unschedulable pods whose required pod affinity it matches, or that PodTopologySpread rejected in its namespace. */
    void assignedPodAdded(Pod pod);

    /** A bound pod changed ({@code event} says how); a scale down retries every pod rejected for it, other updates as {@link #assignedPodAdded}. */
    void assignedPodUpdated(Pod oldPod, Pod newPod, ClusterEvent event);

    /** The number of pods popped so far. */
    long schedulingCycle();

    PendingPods pendingPods();

    /** Starts the periodic flushes (backoff completed every second, unschedulable leftovers every 30 seconds). */
    void run();

    /** Stops the flushes and wakes up {@link #pop} callers, which then return null. */
    void close();

    // nomination, as upstream's PodNominator

    void addNominatedPod(PodInfo pod, String nodeName);

    void deleteNominatedPodIfExists(Pod pod);

    void updateNominatedPod(Pod oldPod, PodInfo newPod);
}
