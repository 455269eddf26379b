package io.kubeboot.scheduler.cache;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ImageState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the scheduler believes runs where, as upstream's {@code cacheImpl}: nodes from the node informer,
 * pods bound to them from the pod informer, and pods the scheduler has <em>assumed</em> onto a node
 * before their binding is confirmed (so the next cycle already counts them).
 *
 * <p>Assumed pods never expire by time (upstream's TTL is 0 since 1.23): they leave when the informer
 * confirms them ({@link #addPod}), or when binding failed ({@link #forgetPod}).
 *
 * <p>Thread safe: informer threads, the scheduling thread and binding threads call in; every method
 * takes the cache's lock. Objects passed in are informer objects and are never changed.
 */
public final class SchedulerCache {
    private record PodState(PodInfo pod, String nodeName, boolean assumed) {
    }

    private final Object lock = new Object();
    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final Map<String, PodState> pods = new HashMap<>();
    /** Image name -> (size, nodes having it). */
    private final Map<String, Long> imageSizes = new HashMap<>();
    private final Map<String, Set<String>> imageNodes = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, Map<String, String>> namespaceLabels = new ConcurrentHashMap<>();
    private boolean nodeSetChanged = true;
    private long generation;

    // ---- nodes ----

    public void addNode(Node node) {
        synchronized (lock) {
            String name = node.getMetadata().getName();
            NodeInfo n = nodes.computeIfAbsent(name, k -> new NodeInfo());
            if (n.node() == null) {
                nodeSetChanged = true;
            } else {
                removeImages(n.node());
            }
            n.setNode(node);
            addImages(node);
            touch(name, n);
        }
    }

    public void updateNode(Node node) {
        addNode(node);
    }

    public void removeNode(Node node) {
        synchronized (lock) {
            String name = node.getMetadata().getName();
            NodeInfo n = nodes.get(name);
            if (n == null) {
                return;
            }
            if (n.node() != null) {
                removeImages(n.node());
            }
            // pods still bound to it keep a node-less entry until their deletes arrive, as upstream
            if (n.pods().isEmpty()) {
                nodes.remove(name);
            } else {
                n.setNode(null);
            }
            nodeSetChanged = true;
            dirty.add(name);
        }
    }

    public int nodeCount() {
        synchronized (lock) {
            return (int) nodes.values().stream().filter(n -> n.node() != null).count();
        }
    }

    public void setNamespaceLabels(String namespace, Map<String, String> labels) {
        if (labels == null) {
            namespaceLabels.remove(namespace);
        } else {
            namespaceLabels.put(namespace, Map.copyOf(labels));
        }
    }

    // ---- pods ----

    /** The scheduler chose {@code nodeName} for the pod: count it there until bound or forgotten. */
    public void assumePod(PodInfo pod, String nodeName) {
        synchronized (lock) {
            String uid = uid(pod.pod());
            if (pods.containsKey(uid)) {
                throw new IllegalStateException("pod " + pod.key() + " (" + uid + ") is in the cache, so can't be assumed");
            }
            pods.put(uid, new PodState(pod, nodeName, true));
            addToNode(pod, nodeName);
        }
    }

    /** Binding failed: undo {@link #assumePod}. A pod the informer already confirmed stays. */
    public void forgetPod(Pod pod) {
        synchronized (lock) {
            PodState s = pods.get(uid(pod));
            if (s != null && s.assumed()) {
                pods.remove(uid(pod));
                removeFromNode(s.pod().pod(), s.nodeName());
            }
        }
    }

    public boolean isAssumed(Pod pod) {
        synchronized (lock) {
            PodState s = pods.get(uid(pod));
            return s != null && s.assumed();
        }
    }

    /** An assigned pod from the informer: confirms an assumed one (moving it if it went elsewhere) or adds it. */
    public void addPod(Pod pod) {
        synchronized (lock) {
            String uid = uid(pod);
            String nodeName = pod.getSpec().getNodeName();
            PodState s = pods.get(uid);
            if (s != null) {
                removeFromNode(s.pod().pod(), s.nodeName());
            }
            PodInfo info = PodInfo.of(pod);
            pods.put(uid, new PodState(info, nodeName, false));
            addToNode(info, nodeName);
        }
    }

    public void updatePod(Pod oldPod, Pod newPod) {
        addPod(newPod);
    }

    public void removePod(Pod pod) {
        synchronized (lock) {
            PodState s = pods.remove(uid(pod));
            if (s != null) {
                removeFromNode(s.pod().pod(), s.nodeName());
            }
        }
    }

    public int podCount() {
        synchronized (lock) {
            return pods.size();
        }
    }

    private void addToNode(PodInfo pod, String nodeName) {
        NodeInfo n = nodes.computeIfAbsent(nodeName, k -> new NodeInfo());
        n.addPod(pod);
        touch(nodeName, n);
    }

    private void removeFromNode(Pod pod, String nodeName) {
        NodeInfo n = nodes.get(nodeName);
        if (n == null) {
            return;
        }
        n.removePod(pod);
        if (n.node() == null && n.pods().isEmpty()) {
            nodes.remove(nodeName);
        }
        touch(nodeName, n);
    }

    private void touch(String nodeName, NodeInfo n) {
        n.setGeneration(++generation);
        dirty.add(nodeName);
    }

    private static String uid(Pod pod) {
        String uid = pod.getMetadata().getUid();
        return uid != null ? uid : PodInfo.key(pod);
    }

    // ---- images ----

    private void addImages(Node node) {
        for (ContainerImage image : images(node)) {
            long size = image.getSizeBytes() == null ? 0 : image.getSizeBytes();
            for (String name : image.getNames() == null ? List.<String>of() : image.getNames()) {
                String normalized = normalizedImageName(name);
                imageSizes.put(normalized, size);
                imageNodes.computeIfAbsent(normalized, k -> new HashSet<>()).add(node.getMetadata().getName());
            }
        }
    }

    private void removeImages(Node node) {
        for (ContainerImage image : images(node)) {
            for (String name : image.getNames() == null ? List.<String>of() : image.getNames()) {
                String normalized = normalizedImageName(name);
                Set<String> on = imageNodes.get(normalized);
                if (on != null) {
                    on.remove(node.getMetadata().getName());
                    if (on.isEmpty()) {
                        imageNodes.remove(normalized);
                        imageSizes.remove(normalized);
                    }
                }
            }
        }
    }

    private static List<ContainerImage> images(Node node) {
        return node.getStatus() == null || node.getStatus().getImages() == null ? List.of() : node.getStatus().getImages();
    }

    /** {@code name:latest} for a name without tag or digest, as upstream's normalizedImageName. */
    public static String normalizedImageName(String name) {
        int slash = name.lastIndexOf('/');
        String last = name.substring(slash + 1);
        if (last.indexOf(':') < 0 && name.indexOf('@') < 0) {
            return name + ":latest";
        }
        return name;
    }

    private Map<String, ImageState> imageStates(Node node) {
        List<ContainerImage> images = images(node);
        if (images.isEmpty()) {
            return Map.of();
        }
        Map<String, ImageState> out = new HashMap<>();
        for (ContainerImage image : images) {
            for (String name : image.getNames() == null ? List.<String>of() : image.getNames()) {
                String normalized = normalizedImageName(name);
                Set<String> on = imageNodes.get(normalized);
                out.put(normalized, new ImageState(imageSizes.getOrDefault(normalized, 0L), on == null ? 0 : on.size()));
            }
        }
        return out;
    }

    // ---- snapshot ----

    /**
     * Brings {@code snapshot} up to date: copies only the nodes changed since its last update. Called by
     * the scheduling thread at the start of each cycle.
     */
    public void updateSnapshot(NodeSnapshot snapshot) {
        synchronized (lock) {
            boolean affinityChanged = false;
            boolean rebuild = nodeSetChanged;
            for (String name : dirty) {
                NodeInfo live = nodes.get(name);
                NodeInfo old = snapshot.byName.get(name);
                if (live == null || live.node() == null) {
                    if (old != null) {
                        snapshot.byName.remove(name);
                        rebuild = true;
                        affinityChanged = true;
                    }
                    continue;
                }
                NodeInfo copy = live.copy();
                copy.setImageStates(imageStates(live.node()));
                affinityChanged |= !copy.podsWithAffinity().isEmpty() || (old != null && !old.podsWithAffinity().isEmpty());
                if (old == null) {
                    snapshot.byName.put(name, copy);
                    rebuild = true;
                } else if (!rebuild) {
                    snapshot.replace(copy);
                } else {
                    snapshot.byName.put(name, copy);
                }
            }
            dirty.clear();
            nodeSetChanged = false;
            if (rebuild) {
                snapshot.rebuildOrder();
            }
            if (rebuild || affinityChanged) {
                snapshot.rebuildAffinityLists();
            }
            snapshot.setNamespaceLabels(namespaceLabels);
            snapshot.generation = generation;
        }
    }

    /** A read-only summary for the admin API: node name -> pod keys (assumed ones marked). */
    public Map<String, List<String>> dump() {
        synchronized (lock) {
            Map<String, List<String>> out = new java.util.TreeMap<>();
            for (PodState s : pods.values()) {
                out.computeIfAbsent(s.nodeName(), k -> new ArrayList<>()).add(s.pod().key() + (s.assumed() ? " (assumed)" : ""));
            }
            return out;
        }
    }
}
