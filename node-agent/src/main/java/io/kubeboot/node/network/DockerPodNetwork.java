package io.kubeboot.node.network;

import com.github.dockerjava.api.DockerClient;
import io.kubeboot.node.config.NodeAgentProperties;
import io.kubeboot.node.runtime.docker.DockerRuntime;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The pod network on a Docker Engine: one bridge network for the cluster CIDR ({@link ClusterBridgeNetwork}, shared
 * by every agent of the engine), this node's pod IPs from its {@code spec.podCIDR} ({@link PodIpAllocator}), and,
 * when enabled, the {@link EgressGuard} that keeps pod traffic on this machine.
 */
public final class DockerPodNetwork implements PodNetwork {
    private final ClusterBridgeNetwork network;
    private final EgressGuard egressGuard;
    private final Supplier<Optional<String>> podCidr;
    private final Ipv4Cidr clusterCidr;
    private final PodIpAllocator allocator = new PodIpAllocator();
    private volatile ClusterBridgeNetwork.Info ensured;

    /**
     * @param docker   the engine
     * @param settings network name, cluster CIDR, egress guard on/off
     * @param podCidr  the node's {@code spec.podCIDR}, empty until the node is registered and has one
     */
    public DockerPodNetwork(DockerClient docker, NodeAgentProperties.Network settings, Supplier<Optional<String>> podCidr) {
        this(new ClusterBridgeNetwork(docker, settings.getName(), settings.getClusterCidr()),
                settings.isEgressGuard() ? new EgressGuard(CommandRunner.processes(), settings.getClusterCidr()) : null,
                settings.getClusterCidr(), podCidr);
    }

    public DockerPodNetwork(DockerRuntime runtime, NodeAgentProperties.Network settings, Supplier<Optional<String>> podCidr) {
        this(runtime.dockerClient(), settings, podCidr);
    }

    DockerPodNetwork(ClusterBridgeNetwork network, EgressGuard egressGuard, String clusterCidr,
                     Supplier<Optional<String>> podCidr) {
        this.network = network;
        this.egressGuard = egressGuard;
        this.clusterCidr = Ipv4Cidr.parse(clusterCidr);
        this.podCidr = podCidr;
    }

    /** Ensures the engine network (and the egress guard) once; a failure is retried on the next call. */
    @Override
    public String networkName() {
        return info().name();
    }

    private ClusterBridgeNetwork.Info info() {
        ClusterBridgeNetwork.Info info = ensured;
        if (info == null) {
            synchronized (this) {
                info = ensured;
                if (info == null) {
                    info = network.ensure();
                    if (egressGuard != null) {
                        egressGuard.ensure();
                    }
                    ensured = info;
                }
            }
        }
        return info;
    }

    @Override
    public String allocate(String podUid) {
        String cidr = podCidr.get().filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException("the node has no podCIDR yet; cannot give pod " + podUid + " an IP"));
        Ipv4Cidr range = Ipv4Cidr.parse(cidr);
        if (!clusterCidr.contains(range)) {
            throw new IllegalStateException("the node's podCIDR " + range + " is not inside the cluster CIDR " + clusterCidr);
        }
        ClusterBridgeNetwork.Info info = info();
        return allocator.allocate(podUid, range, info.gateway() == null ? Set.of() : Set.of(info.gateway()));
    }

    @Override
    public void release(String podUid) {
        allocator.release(podUid);
    }

    @Override
    public void restore(Map<String, String> ipsByPodUid) {
        allocator.restore(ipsByPodUid);
    }
}
