package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.PodInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A ClusterClient that records each call as one line and can be told to fail deleting some pods. */
final class RecordingClient implements Handle.ClusterClient {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failDeleting = Collections.synchronizedSet(new HashSet<>());

    /** Deleting the pod with this name throws, as a refused API call would. */
    void failDeleting(String podName) {
        failDeleting.add(podName);
    }

    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The names of the deleted pods, in call order. */
    List<String> deleted() {
        return calls().stream().filter(c -> c.startsWith("delete ")).map(c -> c.substring(c.indexOf('/') + 1)).toList();
    }

    @Override
    public void deletePod(Pod pod) {
        if (failDeleting.contains(pod.getMetadata().getName())) {
            throw new IllegalStateException("pods \"" + pod.getMetadata().getName() + "\" is forbidden");
        }
        calls.add("delete " + PodInfo.key(pod));
    }

    @Override
    public void setNominatedNodeName(Pod pod, String nodeName) {
        calls.add("nominate " + PodInfo.key(pod) + "=" + nodeName);
    }

    @Override
    public void markPreempted(Pod victim, Pod preemptor) {
        calls.add("markPreempted " + PodInfo.key(victim) + " by " + PodInfo.key(preemptor));
    }

    @Override
    public void event(Pod pod, String type, String reason, String message) {
        calls.add("event " + PodInfo.key(pod) + " " + type + " " + reason + ": " + message);
    }
}
