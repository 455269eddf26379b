package io.kubeboot.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node and the pods on it (bound or assumed), with the sums the plugins need, as upstream's
 * {@code framework.NodeInfo}.
 *
 * <p>Not thread safe. The scheduler cache owns the live instances; each scheduling cycle reads a
 * snapshot of {@link #copy()}s, which plugins must treat as read-only (preemption changes its own
 * copies only).
 */
public final class NodeInfo {
    private Node node;
    private final List<PodInfo> pods;
    private final List<PodInfo> podsWithAffinity;
    private final List<PodInfo> podsWithRequiredAntiAffinity;
    private final HostPorts usedPorts;
    private final Resource requested;
    private long nonZeroMilliCpu;
    private long nonZeroMemory;
    private Resource allocatable;
    private Map<String, ImageState> imageStates;
    private long generation;
    // read from the node once when it is set: Filter and Score read them for hundreds of nodes per cycle, and
    // reaching into the Node object (metadata, spec, lists) for each was the cycle's largest cost
    private String nodeName;
    private boolean unschedulable;
    private List<Taint> taints = List.of();
    // copies of what NodeResourcesFit and the resource scorers read for every node, kept in step with
    // allocatable, requested and pods: loading this one object instead of three saves cache misses per node
    private long allocatableMilliCpu;
    private long allocatableMemory;
    private long allocatableEphemeralStorage;
    private long allowedPodNumber;
    private long requestedMilliCpu;
    private long requestedMemory;
    private long requestedEphemeralStorage;
    private int podCount;
    // built on first use, dropped by every change of the pods (see podsByLabel)
    private volatile Map<String, Map<String, List<PodInfo>>> podsByLabel;

    public NodeInfo() {
        this(null, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new HostPorts(), new Resource(), new Resource(), Map.of());
    }

    private NodeInfo(Node node, List<PodInfo> pods, List<PodInfo> withAffinity, List<PodInfo> withAntiAffinity,
                     HostPorts ports, Resource requested, Resource allocatable, Map<String, ImageState> images) {
        this.node = node;
        this.pods = pods;
        this.podsWithAffinity = withAffinity;
        this.podsWithRequiredAntiAffinity = withAntiAffinity;
        this.usedPorts = ports;
        this.requested = requested;
        this.allocatable = allocatable;
        this.imageStates = images;
        readNode(node);
        copyAllocatable();
        copyRequested();
    }

    /** A NodeInfo for {@code node} with {@code pods} on it (tests and benchmarks build clusters this way). */
    public static NodeInfo of(Node node, Pod... pods) {
        NodeInfo n = new NodeInfo();
        n.setNode(node);
        for (Pod p : pods) {
            n.addPod(PodInfo.of(p));
        }
        return n;
    }

    /** The node object; null while the cache knows pods bound to a node it has not seen (yet or any more). */
    public Node node() {
        return node;
    }

    public String nodeName() {
        return nodeName;
    }

    /** {@code spec.unschedulable} of the node (false without a node). */
    public boolean unschedulable() {
        return unschedulable;
    }

    /** {@code spec.taints} of the node, never null, unmodifiable. */
    public List<Taint> taints() {
        return taints;
    }

    public void setNode(Node node) {
        this.node = node;
        this.allocatable = node == null || node.getStatus() == null ? new Resource()
                : Resource.fromQuantities(node.getStatus().getAllocatable());
        readNode(node);
        copyAllocatable();
    }

    private void copyAllocatable() {
        allocatableMilliCpu = allocatable.milliCpu();
        allocatableMemory = allocatable.memory();
        allocatableEphemeralStorage = allocatable.ephemeralStorage();
        allowedPodNumber = allocatable.allowedPodNumber();
    }

    private void copyRequested() {
        requestedMilliCpu = requested.milliCpu();
        requestedMemory = requested.memory();
        requestedEphemeralStorage = requested.ephemeralStorage();
        podCount = pods.size();
    }

    /** {@code allocatable().milliCpu()}, read without loading the Resource. */
    public long allocatableMilliCpu() {
        return allocatableMilliCpu;
    }

    /** {@code allocatable().memory()}. */
    public long allocatableMemory() {
        return allocatableMemory;
    }

    /** {@code allocatable().ephemeralStorage()}. */
    public long allocatableEphemeralStorage() {
        return allocatableEphemeralStorage;
    }

    /** {@code allocatable().allowedPodNumber()}. */
    public long allowedPodNumber() {
        return allowedPodNumber;
    }

    /** {@code requested().milliCpu()}. */
    public long requestedMilliCpu() {
        return requestedMilliCpu;
    }

    /** {@code requested().memory()}. */
    public long requestedMemory() {
        return requestedMemory;
    }

    /** {@code requested().ephemeralStorage()}. */
    public long requestedEphemeralStorage() {
        return requestedEphemeralStorage;
    }

    /** {@code pods().size()}. */
    public int podCount() {
        return podCount;
    }

    private void readNode(Node node) {
        NodeSpec spec = node == null ? null : node.getSpec();
        this.nodeName = node == null || node.getMetadata() == null ? null : node.getMetadata().getName();
        this.unschedulable = spec != null && Boolean.TRUE.equals(spec.getUnschedulable());
        // the shared empty list for the common untainted node: iterating it touches no per-node memory
        this.taints = spec == null || spec.getTaints() == null || spec.getTaints().isEmpty() ? List.of()
                : List.copyOf(spec.getTaints());
    }

    public void setImageStates(Map<String, ImageState> images) {
        this.imageStates = images;
    }

    public List<PodInfo> pods() {
        return pods;
    }

    /**
     * The pods by label key, then value (pods without the key are absent), for counting the pods a selector
     * matches without testing every pod: PodTopologySpread counts them on every node for every pod it scores.
     * Built on first use and kept until the pods change, so a snapshot copy, which never changes, builds it at
     * most once. Read-only. Plugin threads may call this at once on a snapshot copy: each may build an equal
     * index, published through a volatile field.
     */
    public Map<String, Map<String, List<PodInfo>>> podsByLabel() {
        Map<String, Map<String, List<PodInfo>>> index = podsByLabel;
        if (index == null) {
            index = new HashMap<>();
            for (PodInfo p : pods) {
                Map<String, String> labels = p.labels();
                if (labels == null) {
                    continue;
                }
                for (Map.Entry<String, String> l : labels.entrySet()) {
                    index.computeIfAbsent(l.getKey(), k -> new HashMap<>())
                            .computeIfAbsent(l.getValue(), v -> new ArrayList<>(2)).add(p);
                }
            }
            podsByLabel = index;
        }
        return index;
    }

    /** Pods here with any pod affinity or anti-affinity term. */
    public List<PodInfo> podsWithAffinity() {
        return podsWithAffinity;
    }

    /** Pods here with required anti-affinity terms (checked against every incoming pod). */
    public List<PodInfo> podsWithRequiredAntiAffinity() {
        return podsWithRequiredAntiAffinity;
    }

    public HostPorts usedPorts() {
        return usedPorts;
    }

    /**
     * The sum of the pods' requests; {@link Resource#allowedPodNumber()} is unused here, see {@link #pods()}.
     * Read only: the pod accounting of this NodeInfo is what changes it.
     */
    public Resource requested() {
        return requested;
    }

    /** The sum of the pods' cpu requests with the 100m default for containers without one (for scoring). */
    public long nonZeroRequestedMilliCpu() {
        return nonZeroMilliCpu;
    }

    /** The sum of the pods' memory requests with the 200 MiB default (for scoring). */
    public long nonZeroRequestedMemory() {
        return nonZeroMemory;
    }

    public Resource allocatable() {
        return allocatable;
    }

    /** Images on the node by normalized name ({@code name:tag}, {@code :latest} added when untagged). */
    public Map<String, ImageState> imageStates() {
        return imageStates;
    }

    /** Bumped on every change; the cache's snapshot copies only what changed since it last looked. */
    public long generation() {
        return generation;
    }

    public void setGeneration(long generation) {
        this.generation = generation;
    }

    public void addPod(PodInfo p) {
        podsByLabel = null;
        pods.add(p);
        if (p.hasAffinity()) {
            podsWithAffinity.add(p);
        }
        if (!p.requiredAntiAffinityTerms().isEmpty()) {
            podsWithRequiredAntiAffinity.add(p);
        }
        account(p, 1);
    }

    /** Removes the pod with the same uid (or, without uids, the same key); false when it is not here. */
    public boolean removePod(Pod pod) {
        String uid = pod.getMetadata().getUid();
        String key = PodInfo.key(pod);
        for (int i = 0; i < pods.size(); i++) {
            PodInfo p = pods.get(i);
            boolean same = uid != null && p.uid() != null ? uid.equals(p.uid()) : key.equals(p.key());
            if (same) {
                podsByLabel = null;
                pods.remove(i);
                podsWithAffinity.remove(p);
                podsWithRequiredAntiAffinity.remove(p);
                account(p, -1);
                return true;
            }
        }
        return false;
    }

    private void account(PodInfo p, int sign) {
        if (sign > 0) {
            requested.add(p.requests());
        } else {
            requested.subtract(p.requests());
        }
        copyRequested();
        nonZeroMilliCpu += sign * p.nonZeroMilliCpu();
        nonZeroMemory += sign * p.nonZeroMemory();
        if (p.pod().getSpec() == null) {
            return;
        }
        // host ports of app containers and of sidecars (restartable init containers), which keep running
        for (List<Container> cs : List.of(nullSafe(p.pod().getSpec().getInitContainers()), nullSafe(p.pod().getSpec().getContainers()))) {
            for (Container c : cs) {
                if (cs == p.pod().getSpec().getInitContainers() && !"Always".equals(c.getRestartPolicy())) {
                    continue;
                }
                for (ContainerPort port : nullSafe(c.getPorts())) {
                    int hostPort = port.getHostPort() == null ? 0 : port.getHostPort();
                    if (sign > 0) {
                        usedPorts.add(port.getHostIP(), port.getProtocol(), hostPort);
                    } else {
                        usedPorts.remove(port.getHostIP(), port.getProtocol(), hostPort);
                    }
                }
            }
        }
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** A copy whose pod lists and sums can change without touching this one (pods themselves are shared, immutable). */
    public NodeInfo copy() {
        NodeInfo c = new NodeInfo(node, new ArrayList<>(pods), new ArrayList<>(podsWithAffinity),
                new ArrayList<>(podsWithRequiredAntiAffinity), usedPorts.copy(), requested.copy(), allocatable, imageStates);
        c.nonZeroMilliCpu = nonZeroMilliCpu;
        c.nonZeroMemory = nonZeroMemory;
        c.generation = generation;
        return c;
    }

    @Override
    public String toString() {
        return "NodeInfo{" + nodeName() + ", pods=" + pods.size() + ", requested=" + requested + "}";
    }

    /** Convenience for tests and plugins: pods per name. */
    public Map<String, PodInfo> podsByKey() {
        Map<String, PodInfo> m = new HashMap<>();
        pods.forEach(p -> m.put(p.key(), p));
        return m;
    }
}
