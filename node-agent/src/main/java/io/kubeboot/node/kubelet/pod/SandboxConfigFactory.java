package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.dns.DnsConfigurer;
import io.kubeboot.node.network.PodNetwork;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.SandboxSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Upstream's {@code generatePodSandboxConfig}: hostname, DNS, host aliases, network and labels of a pod's sandbox. */
public final class SandboxConfigFactory {
    private final String nodeName;
    private final DnsConfigurer dns;
    private final PodNetwork network;
    private final String infraImage;

    public SandboxConfigFactory(String nodeName, DnsConfigurer dns, PodNetwork network, String infraImage) {
        this.nodeName = nodeName;
        this.dns = dns;
        this.network = network;
        this.infraImage = infraImage;
    }

    /** @param ip the pod's IP, null for hostNetwork pods */
    public SandboxSpec build(Pod pod, int attempt, String ip) {
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        if (pod.getSpec().getHostAliases() != null) {
            for (HostAlias a : pod.getSpec().getHostAliases()) {
                aliases.computeIfAbsent(a.getIp(), k -> new ArrayList<>()).addAll(a.getHostnames() == null ? List.of() : a.getHostnames());
            }
        }
        Map<String, String> labels = new HashMap<>();
        labels.put(RuntimeLabels.NODE, nodeName);
        labels.put(RuntimeLabels.POD_NAME, pod.getMetadata().getName());
        labels.put(RuntimeLabels.POD_NAMESPACE, pod.getMetadata().getNamespace());
        labels.put(RuntimeLabels.POD_UID, pod.getMetadata().getUid());
        labels.put(RuntimeLabels.TYPE, RuntimeLabels.TYPE_SANDBOX);
        labels.put(RuntimeLabels.TERMINATION_GRACE_PERIOD, Long.toString(ContainerConfigFactory.terminationGracePeriod(pod)));
        labels.put(RuntimePod.SANDBOX_ATTEMPT, Integer.toString(attempt));
        return new SandboxSpec(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getMetadata().getUid(),
                dns.hostname(pod), dns.domainName(pod), hostNetwork ? null : network.networkName(), ip,
                dns.dnsConfig(pod), aliases, labels, infraImage);
    }
}
