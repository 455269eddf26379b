package io.kubeboot.node.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A sandbox as the runtime reports it.
 *
 * @param id        its ID
 * @param podUid    the pod it belongs to (label)
 * @param running   whether it runs
 * @param ipAddress the pod's IP on the cluster network, or null
 * @param createdAt when it was created
 * @param labels    all its labels
 */
public record SandboxStatus(String id, String podUid, boolean running, String ipAddress, Instant createdAt,
                            Map<String, String> labels) {
    public SandboxStatus {
        labels = Map.copyOf(labels);
    }
}
