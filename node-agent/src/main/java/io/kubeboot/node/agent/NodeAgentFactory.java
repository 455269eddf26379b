package io.kubeboot.node.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.node.config.NodeAgentProperties;
import io.kubeboot.node.kubelet.Kubelet;
import io.kubeboot.node.kubelet.KubeletSettings;
import io.kubeboot.node.kubelet.dns.KubeletDnsConfigurer;
import io.kubeboot.node.kubelet.env.Fabric8ObjectLookup;
import io.kubeboot.node.kubelet.env.KubeletEnvironmentResolver;
import io.kubeboot.node.kubelet.env.ObjectLookup;
import io.kubeboot.node.kubelet.prober.KubeletLifecycleHandlers;
import io.kubeboot.node.kubelet.prober.KubeletProbeManager;
import io.kubeboot.node.kubelet.volumes.HostVolumeManager;
import io.kubeboot.node.network.PodNetwork;
import io.kubeboot.node.nodelease.NodeLeaseController;
import io.kubeboot.node.nodestatus.HostInfo;
import io.kubeboot.node.nodestatus.NodeStatusSettings;
import io.kubeboot.node.nodestatus.NodeStatusUpdater;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.runtime.events.EventRecorder;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Assembles the parts of one node (status, lease, kubelet with its seams) over parts shared by every node of the
 * process: the client, the schedulers, the host facts and the object lookup. Thread safe.
 */
public final class NodeAgentFactory {
    /** How long ConfigMaps, Secrets and Services read for env and volumes are reused. */
    static final Duration LOOKUP_TTL = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final NodeAgentProperties properties;
    private final int kubeletPort;
    private final ScheduledExecutorService heartbeats;
    private final ScheduledExecutorService probes;
    private final MeterRegistry registry;
    private final HostInfo host;
    private final ObjectLookup lookup;

    public NodeAgentFactory(KubernetesClient client, NodeAgentProperties properties, int kubeletPort,
                            ScheduledExecutorService heartbeats, ScheduledExecutorService probes,
                            MeterRegistry registry) {
        this.client = client;
        this.properties = properties;
        this.kubeletPort = kubeletPort;
        this.heartbeats = heartbeats;
        this.probes = probes;
        this.registry = registry;
        this.host = HostInfo.read();
        this.lookup = new Fabric8ObjectLookup(client, LOOKUP_TTL);
    }

    /**
     * One node.
     *
     * @param runtime    the node's container runtime
     * @param network    the node's pod network, given the node's podCIDR as it becomes known
     * @param closeLast  closed after everything else (e.g. the runtime's engine client), or null
     */
    public NodeAgent create(String nodeName, ContainerRuntime runtime,
                            Function<Supplier<Optional<String>>, PodNetwork> network, AutoCloseable closeLast) {
        NodeAgentProperties.Kubelet k = properties.getKubelet();
        EventRecorder recorder = EventRecorder.builder(client).component("kubelet").host(nodeName)
                .meterRegistry(registry).build();
        NodeStatusUpdater status = new NodeStatusUpdater(client, runtime,
                NodeStatusSettings.from(properties, nodeName, kubeletPort), host, heartbeats,
                (type, reason, message) -> recorder.event(NodeAgent.nodeReference(nodeName), type, reason, message));
        NodeLeaseController lease = new NodeLeaseController(client, nodeName, k.getNodeLeaseDurationSeconds(), heartbeats);
        Kubelet kubelet = new Kubelet(nodeName, properties.getAddress(), client, runtime, network.apply(status.podCidr()),
                new KubeletEnvironmentResolver(lookup, nodeName, k.getClusterDomain()),
                new HostVolumeManager(Path.of(k.getRootDir()), lookup, nodeName),
                new KubeletDnsConfigurer(clusterDns(k.getClusterDns()), k.getClusterDomain(), k.getResolvConf()),
                new KubeletProbeManager(runtime, recorder, probes),
                new KubeletLifecycleHandlers(runtime),
                recorder, registry, KubeletSettings.from(k));
        return new NodeAgent(nodeName, status, lease, kubelet, recorder, closeLast);
    }

    /** Upstream's clusterDNS is a list; the setting is one value or several separated by commas. */
    static List<String> clusterDns(String setting) {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        return Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
