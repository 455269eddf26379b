package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.DaemonEndpoint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeDaemonEndpoints;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ImageInfo;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The kubelet's node status setters in upstream's order (defaultNodeStatusFuncs): NodeAddress, MachineInfo,
 * VersionInfo, DaemonEndpoints, Images, then the pressure and Ready conditions. Asks the runtime for its version
 * (which doubles as the runtime health check behind Ready) and its images. One instance per node; not thread
 * safe (a node's status is computed by one task at a time).
 */
public final class NodeStatusSetters {
    /** The Ready message when the runtime does not answer, as upstream's runtime state check. */
    public static final String RUNTIME_DOWN = "container runtime is down";

    private final NodeStatusSettings settings;
    private final HostInfo host;
    private final ContainerRuntime runtime;
    private final LongSupplier ephemeralStorageBytes;
    private final NodeConditions conditions;
    private String lastRuntimeVersion = "";

    public NodeStatusSetters(NodeStatusSettings settings, HostInfo host, ContainerRuntime runtime,
                             LongSupplier ephemeralStorageBytes, NodeEventSink events) {
        this.settings = settings;
        this.host = host;
        this.runtime = runtime;
        this.ephemeralStorageBytes = ephemeralStorageBytes;
        this.conditions = new NodeConditions(settings.nodeName(), events);
    }

    /** Sets every status field the kubelet owns on {@code node} (in place); other fields are left alone. */
    public void apply(Node node, Instant now) {
        NodeStatus status = node.getStatus() == null ? new NodeStatus() : node.getStatus();
        node.setStatus(status);
        List<String> runtimeErrors = new ArrayList<>();
        List<ImageInfo> images = null;
        try {
            lastRuntimeVersion = runtime.version();
            images = runtime.listImages();
        } catch (RuntimeException e) {
            runtimeErrors.add(RUNTIME_DOWN);
        }

        status.setAddresses(new ArrayList<>(List.of(
                new NodeAddress(settings.nodeAddress(), "InternalIP"),
                new NodeAddress(settings.nodeName(), "Hostname"))));

        NodeCapacity.Resources resources = NodeCapacity.compute(host, settings.cpu(), settings.memory(),
                settings.maxPods(), ephemeralStorageBytes.getAsLong());
        status.setCapacity(merged(status.getCapacity(), resources.capacity()));
        status.setAllocatable(merged(status.getAllocatable(), resources.allocatable()));

        NodeSystemInfo info = new NodeSystemInfo();
        info.setMachineID(host.machineId());
        info.setSystemUUID(host.systemUuid());
        info.setBootID(host.bootId());
        info.setKernelVersion(host.kernelVersion());
        info.setOsImage(host.osImage());
        info.setContainerRuntimeVersion(lastRuntimeVersion);
        info.setKubeletVersion(NodeStatusSettings.KUBELET_VERSION);
        // DisableNodeKubeProxyVersion is off by default in 1.32, so the kubelet still reports its own version here
        info.setKubeProxyVersion(NodeStatusSettings.KUBELET_VERSION);
        info.setOperatingSystem("linux");
        info.setArchitecture("amd64");
        status.setNodeInfo(info);

        NodeDaemonEndpoints endpoints = new NodeDaemonEndpoints();
        endpoints.setKubeletEndpoint(new DaemonEndpoint(settings.kubeletPort()));
        status.setDaemonEndpoints(endpoints);

        if (images != null) {
            status.setImages(NodeImages.of(images));
        }
        conditions.apply(status, timestamp(now), runtimeErrors);
    }

    /** RFC 3339 in whole seconds, as metav1.Time serializes. */
    public static String timestamp(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Ours over whatever else is there (extended resources a device plugin may have added). */
    private static Map<String, Quantity> merged(Map<String, Quantity> existing, Map<String, Quantity> ours) {
        Map<String, Quantity> out = new TreeMap<>();
        if (existing != null) {
            out.putAll(existing);
        }
        out.putAll(ours);
        return out;
    }
}
