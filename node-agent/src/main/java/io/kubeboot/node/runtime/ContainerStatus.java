package io.kubeboot.node.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the runtime reports it.
 *
 * @param id          its ID
 * @param sandboxId   the sandbox it joined, or null when unknown
 * @param podUid      the pod it belongs to (label)
 * @param name        the Kubernetes container name (label)
 * @param state       created, running or exited
 * @param exitCode    exit code once exited
 * @param reason      for exited containers: {@code OOMKilled}, {@code Completed} (exit 0) or {@code Error}; else null
 * @param message     the runtime's error text, or null
 * @param createdAt   creation time
 * @param startedAt   start time, or null before it started
 * @param finishedAt  exit time, or null while it has not exited
 * @param image       the image reference it was created from
 * @param imageId     the image ID ({@code sha256:...})
 * @param labels      all its labels ({@link RuntimeLabels#RESTART_COUNT} gives its attempt)
 */
public record ContainerStatus(String id, String sandboxId, String podUid, String name, State state, int exitCode,
                              String reason, String message, Instant createdAt, Instant startedAt,
                              Instant finishedAt, String image, String imageId, Map<String, String> labels) {
    public ContainerStatus {
        labels = Map.copyOf(labels);
    }

    public enum State { CREATED, RUNNING, EXITED, UNKNOWN }

    /** The attempt number from its labels, 0 when absent. */
    public int restartCount() {
        String value = labels.get(RuntimeLabels.RESTART_COUNT);
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
