package io.kubeboot.scheduler.core;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.PodInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API server as the scheduler sees it, in memory: records binds, events and PodScheduled writes,
 * and answers {@code currentPod} lookups from the pods the test created. {@link #failBinds} makes every
 * bind throw, as a refused binding would.
 */
final class RecordingCluster implements Handle.ClusterClient, PodStatusWriter {
    record Event(String pod, String type, String reason, String message) {
    }

    record StatusWrite(String pod, String reason, String message, String nominatedNodeName) {
    }

    final Map<String, Pod> pods = new ConcurrentHashMap<>();
    final Map<String, String> binds = new ConcurrentHashMap<>();
    final List<Event> events = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<StatusWrite> statusWrites = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile String failBinds;

    void create(Pod pod) {
        pods.put(PodInfo.key(pod), pod);
    }

    Pod current(String key) {
        return pods.get(key);
    }

    @Override
    public void bind(Pod pod, String nodeName) {
        if (failBinds != null) {
            throw new IllegalStateException(failBinds);
        }
        binds.put(PodInfo.key(pod), nodeName);
    }

    @Override
    public void event(Pod pod, String type, String reason, String message) {
        events.add(new Event(PodInfo.key(pod), type, reason, message));
    }

    @Override
    public void podScheduledFalse(Pod pod, String reason, String message, String nominatedNodeName) {
        statusWrites.add(new StatusWrite(PodInfo.key(pod), reason, message, nominatedNodeName));
    }

    @Override
    public void deletePod(Pod pod) {
        throw new AssertionError("no preemption expected in these tests");
    }

    @Override
    public void setNominatedNodeName(Pod pod, String nodeName) {
        // preemption clears nominations of pods that have none; nothing to record
    }

    @Override
    public void markPreempted(Pod victim, Pod preemptor) {
        throw new AssertionError("no preemption expected in these tests");
    }
}
