package io.kubeboot.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * A container to create in a sandbox, with everything already resolved by the kubelet (env values, volume host
 * paths, resource limits).
 *
 * @param name              the runtime's container name (unique on the engine), e.g. {@code k8s_<ctr>_<pod>_<ns>_<uid>_<attempt>}
 * @param image             the image reference
 * @param entrypoint        overrides the image's entrypoint when non-null (Kubernetes {@code command})
 * @param cmd               overrides the image's cmd when non-null (Kubernetes {@code args})
 * @param env               environment, in order, {@code NAME=value}
 * @param workingDir        the working directory, or null
 * @param mounts            bind mounts from the host
 * @param memoryLimitBytes  memory limit, 0 for none
 * @param cpuQuota          CFS quota in microseconds per {@code cpuPeriod}, 0 for none
 * @param cpuPeriod         CFS period in microseconds (100000 as upstream), 0 for none
 * @param cpuShares         CPU shares (from requests, as upstream: milliCPU * 1024 / 1000, min 2)
 * @param tty               allocate a TTY
 * @param stdin             keep stdin open
 * @param labels            labels to put on the container (always including {@link RuntimeLabels})
 */
public record ContainerSpec(String name, String image, List<String> entrypoint, List<String> cmd, List<String> env,
                            String workingDir, List<Mount> mounts, long memoryLimitBytes, long cpuQuota,
                            long cpuPeriod, long cpuShares, boolean tty, boolean stdin, Map<String, String> labels) {
    public ContainerSpec {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
    }

    /** A bind mount of a host path. */
    public record Mount(String hostPath, String containerPath, boolean readOnly) {
    }
}
