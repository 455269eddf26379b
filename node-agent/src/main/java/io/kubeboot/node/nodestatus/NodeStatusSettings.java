package io.kubeboot.node.nodestatus;

import io.kubeboot.node.config.NodeAgentProperties;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One node's registration and status settings (the kubelet flags and KubeletConfiguration fields that apply).
 * Immutable.
 *
 * @param nodeName                  the Node's name; also its {@code kubernetes.io/hostname} label and Hostname
 *                                  address, as upstream with {@code --hostname-override}
 * @param nodeAddress               its InternalIP
 * @param kubeletPort               {@code status.daemonEndpoints.kubeletEndpoint.Port}: the agent's HTTP port
 * @param labels                    extra labels at registration ({@code --node-labels})
 * @param cpu                       capacity override (a quantity such as {@code 4} or {@code 3500m}); null: the host's
 * @param memory                    capacity override (e.g. {@code 8Gi}); null: the host's MemTotal
 * @param maxPods                   the pods capacity
 * @param rootDir                   the kubelet's root dir; its file system gives {@code ephemeral-storage}
 * @param updateFrequency           how often status is computed (nodeStatusUpdateFrequency, 10 s)
 * @param reportFrequency           how often it is written even when unchanged (nodeStatusReportFrequency, 5 min)
 */
public record NodeStatusSettings(String nodeName, String nodeAddress, int kubeletPort, Map<String, String> labels,
                                 String cpu, String memory, int maxPods, String rootDir, Duration updateFrequency,
                                 Duration reportFrequency) {
    /** The kubelet version this agent reports (nodeInfo.kubeletVersion and kubeProxyVersion). */
    public static final String KUBELET_VERSION = "v1.32.0-kubeboot";

    public NodeStatusSettings {
        nodeName = nodeName.toLowerCase(Locale.ROOT);
        labels = Map.copyOf(labels);
    }

    /** From the agent's settings, for the node called {@code nodeName} serving on {@code kubeletPort}. */
    public static NodeStatusSettings from(NodeAgentProperties props, String nodeName, int kubeletPort) {
        NodeAgentProperties.Kubelet k = props.getKubelet();
        return new NodeStatusSettings(nodeName, props.getAddress(), kubeletPort, props.getLabels(), blank(k.getCpu()),
                blank(k.getMemory()), k.getMaxPods(), k.getRootDir(), k.getNodeStatusUpdateFrequency(),
                k.getNodeStatusReportFrequency());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
