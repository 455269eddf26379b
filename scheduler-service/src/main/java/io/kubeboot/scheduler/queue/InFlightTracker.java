package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods being scheduled right now (popped, not yet {@code done}) and the cluster events that arrived
 * meanwhile, as upstream's inFlightPods/inFlightEvents. When a pod comes back unschedulable, the events
 * received since it was popped decide whether it waits for another event or is retried: an event that
 * happened during the attempt may already have made it schedulable.
 *
 * <p>Pods and events share one sequence; an event is relevant to the pods popped before it. Events older
 * than the oldest pod still in flight are dropped, so the log cannot grow while nothing is in flight.
 * Not thread safe: the scheduling queue guards it with its lock.
 */
final class InFlightTracker {
    /** An event as it was received, with the objects it concerned. */
    record Event(long seq, ClusterEvent event, Object oldObj, Object newObj) {
    }

    private record InFlightPod(long seq, Pod pod) {
    }

    private final Map<String, InFlightPod> pods = new LinkedHashMap<>();
    private final Deque<Event> events = new ArrayDeque<>();
    private long seq;

    boolean isInFlight(String uid) {
        return pods.containsKey(uid);
    }

    void popped(Pod pod) {
        pods.put(pod.getMetadata().getUid(), new InFlightPod(++seq, pod));
    }

    /** Records the event if any pod is in flight; returns whether it was recorded. */
    boolean addEventIfAnyInFlight(ClusterEvent event, Object oldObj, Object newObj) {
        if (pods.isEmpty()) {
            return false;
        }
        events.addLast(new Event(++seq, event, oldObj, newObj));
        return true;
    }

    /** Records the events if the pod with this uid is in flight; returns whether it is. */
    boolean addEventsIfPodInFlight(String uid, List<ClusterEvent> happened, Object oldObj, Object newObj) {
        if (!pods.containsKey(uid)) {
            return false;
        }
        for (ClusterEvent e : happened) {
            events.addLast(new Event(++seq, e, oldObj, newObj));
        }
        return true;
    }

    /** The events received since the pod was popped, or null when it is not in flight. */
    List<Event> eventsSincePopped(String uid) {
        InFlightPod p = pods.get(uid);
        if (p == null) {
            return null;
        }
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.seq() > p.seq()) {
                out.add(e);
            }
        }
        return out;
    }

    /** Ends tracking of the pod and forgets the events no remaining in-flight pod can need. */
    void done(String uid) {
        if (pods.remove(uid) == null) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (InFlightPod p : pods.values()) {
            oldest = Math.min(oldest, p.seq());
        }
        while (!events.isEmpty() && events.peekFirst().seq() < oldest) {
            events.removeFirst();
        }
    }

    List<Pod> pods() {
        List<Pod> out = new ArrayList<>(pods.size());
        pods.values().forEach(p -> out.add(p.pod()));
        return out;
    }

    List<Event> events() {
        return new ArrayList<>(events);
    }
}
