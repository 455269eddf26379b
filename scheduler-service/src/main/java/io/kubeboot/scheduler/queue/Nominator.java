package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PodNominator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The pods nominated to nodes, as upstream's {@code nominator}: a pod that preemption made room for is
 * remembered on its node (before and regardless of the API write of {@code status.nominatedNodeName}),
 * so that the next scheduling cycles leave that room to it. Pods are identified by uid; a pod is
 * nominated to at most one node.
 *
 * <p>Thread safe. Lock order: the scheduling queue's lock before this one, never the other way round.
 */
public final class Nominator implements PodNominator {

    /** The informer's view of a pod, to refuse nominating pods that are gone or already bound. */
    @FunctionalInterface
    public interface PodLister {
        /** The current pod, or null when it does not exist. */
        Pod get(String namespace, String name);
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final PodLister podLister;
    /** Node name to the pods nominated to it, in nomination order. */
    private final Map<String, List<PodInfo>> nominatedPods = new HashMap<>();
    /** Pod uid to the node it is nominated to. */
    private final Map<String, String> nominatedPodToNode = new HashMap<>();
    /**
     * How many pods are nominated, readable without the lock: Filter asks for every node of every cycle,
     * and almost always nothing is nominated.
     */
    private volatile int size;

    /** @param podLister checks pods before nominating them; null skips the check */
    public Nominator(PodLister podLister) {
        this.podLister = podLister;
    }

    public Nominator() {
        this(null);
    }

    /**
     * Nominates the pod to {@code nodeName}, replacing any earlier nomination of it. A null node name
     * means the pod's own {@code status.nominatedNodeName} (upstream's ModeNoop); an empty one, or a pod
     * without that status, only clears the nomination. Pods the lister no longer has or sees bound are
     * not nominated.
     */
    public void addNominatedPod(PodInfo pod, String nodeName) {
        lock.writeLock().lock();
        try {
            addUnlocked(pod, nodeName);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void deleteNominatedPodIfExists(Pod pod) {
        lock.writeLock().lock();
        try {
            deleteUnlocked(pod.getMetadata().getUid());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Replaces the pod's stored version. An update that neither has nor had a
     * {@code status.nominatedNodeName} keeps the in-memory nomination: it is an older write racing with
     * preemption, which nominated the pod before the API server has recorded it.
     */
    public void updateNominatedPod(Pod oldPod, PodInfo newPod) {
        lock.writeLock().lock();
        try {
            String keep = null;
            if (nominatedNodeName(oldPod).isEmpty() && nominatedNodeName(newPod.pod()).isEmpty()) {
                keep = nominatedPodToNode.get(oldPod.getMetadata().getUid());
            }
            deleteUnlocked(oldPod.getMetadata().getUid());
            addUnlocked(newPod, keep);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<PodInfo> nominatedPodsForNode(String nodeName) {
        if (size == 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            List<PodInfo> pods = nominatedPods.get(nodeName);
            return pods == null ? List.of() : List.copyOf(pods);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The node the pod with this uid is nominated to, or null. */
    /** Whether no pod is nominated (a lock-free read; may be stale by one update). */
    public boolean isEmpty() {
        return size == 0;
    }

    public String nominatedNodeFor(String uid) {
        lock.readLock().lock();
        try {
            return nominatedPodToNode.get(uid);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Node name to the uids nominated there (a copy, for inspection). */
    public Map<String, List<String>> snapshot() {
        lock.readLock().lock();
        try {
            Map<String, List<String>> out = new HashMap<>();
            nominatedPods.forEach((node, pods) -> out.put(node, pods.stream().map(PodInfo::uid).toList()));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void addUnlocked(PodInfo pod, String nodeName) {
        String uid = pod.uid();
        deleteUnlocked(uid);
        String node = nodeName != null ? nodeName : nominatedNodeName(pod.pod());
        if (node.isEmpty()) {
            return;
        }
        if (podLister != null) {
            Pod current = podLister.get(pod.namespace(), pod.name());
            if (current == null) {
                return;
            }
            if (current.getSpec() != null && current.getSpec().getNodeName() != null && !current.getSpec().getNodeName().isEmpty()) {
                return;
            }
        }
        nominatedPodToNode.put(uid, node);
        nominatedPods.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
        size = nominatedPodToNode.size();
    }

    private void deleteUnlocked(String uid) {
        String node = nominatedPodToNode.remove(uid);
        if (node == null) {
            return;
        }
        size = nominatedPodToNode.size();
        List<PodInfo> pods = nominatedPods.get(node);
        if (pods != null) {
            pods.removeIf(p -> Objects.equals(uid, p.uid()));
            if (pods.isEmpty()) {
                nominatedPods.remove(node);
            }
        }
    }

    private static String nominatedNodeName(Pod pod) {
        String n = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        return n == null ? "" : n;
    }
}
