package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.ContainerHash;
import io.kubeboot.node.kubelet.PodNames;
import io.kubeboot.node.kubelet.env.CommandExpander;
import io.kubeboot.node.kubelet.env.EnvironmentResolver;
import io.kubeboot.node.kubelet.volumes.VolumeManager;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.RuntimeLabels;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's {@code generateContainerConfig}: a container's runtime spec (name, environment, expanded command and
 * args, mounts, resources, labels). Throws {@link io.kubeboot.node.kubelet.KubeletException} (reason
 * {@code CreateContainerConfigError}) when its environment cannot be resolved.
 */
public final class ContainerConfigFactory {
    public static final String KIND_INIT = "init";
    public static final String KIND_REGULAR = "regular";

    private final String nodeName;
    private final EnvironmentResolver env;
    private final VolumeManager volumes;
    private final CommandExpander commands = new CommandExpander();

    public ContainerConfigFactory(String nodeName, EnvironmentResolver env, VolumeManager volumes) {
        this.nodeName = nodeName;
        this.env = env;
        this.volumes = volumes;
    }

    public ContainerSpec build(Pod pod, Container container, boolean init, int restartCount, String podIp, String hostIp) {
        List<String> environment = env.resolve(pod, container, podIp, hostIp);
        ContainerResources.Linux res = ContainerResources.of(container);
        return new ContainerSpec(
                PodNames.containerName(pod, container, restartCount),
                container.getImage(),
                commands.command(container, environment),
                commands.args(container, environment),
                environment,
                emptyToNull(container.getWorkingDir()),
                volumes.mountsFor(pod, container, environment),
                res.memoryLimitBytes(), res.cpuQuota(), res.cpuPeriod(), res.cpuShares(),
                Boolean.TRUE.equals(container.getTty()),
                Boolean.TRUE.equals(container.getStdin()),
                labels(pod, container, init, restartCount));
    }

    Map<String, String> labels(Pod pod, Container container, boolean init, int restartCount) {
        Map<String, String> labels = new HashMap<>();
        labels.put(RuntimeLabels.NODE, nodeName);
        labels.put(RuntimeLabels.POD_NAME, pod.getMetadata().getName());
        labels.put(RuntimeLabels.POD_NAMESPACE, pod.getMetadata().getNamespace());
        labels.put(RuntimeLabels.POD_UID, pod.getMetadata().getUid());
        labels.put(RuntimeLabels.CONTAINER_NAME, container.getName());
        labels.put(RuntimeLabels.TYPE, RuntimeLabels.TYPE_CONTAINER);
        labels.put(RuntimeLabels.RESTART_COUNT, Integer.toString(restartCount));
        labels.put(RuntimeLabels.CONTAINER_HASH, ContainerHash.label(container));
        labels.put(RuntimeLabels.CONTAINER_KIND, init ? KIND_INIT : KIND_REGULAR);
        labels.put(RuntimeLabels.TERMINATION_GRACE_PERIOD, Long.toString(terminationGracePeriod(pod)));
        return labels;
    }

    public static long terminationGracePeriod(Pod pod) {
        Long g = pod.getSpec().getTerminationGracePeriodSeconds();
        return g == null ? 30 : g;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
