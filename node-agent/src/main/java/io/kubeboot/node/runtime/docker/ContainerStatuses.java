package io.kubeboot.node.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.RuntimeLabels;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Docker's view of a container ({@code docker inspect}) as a {@link ContainerStatus}, interpreted as the dockershim
 * did: running; or exited (it has a finish time: reason {@code OOMKilled}, {@code Completed} for exit 0, else
 * {@code Error}); or failed to start (no finish time but a non-zero exit code: exited with reason
 * {@code ContainerCannotRun}, start and finish set to its creation); or created.
 */
public final class ContainerStatuses {
    static final String NETWORK_MODE_CONTAINER = "container:";

    private ContainerStatuses() {
    }

    public static ContainerStatus of(InspectContainerResponse inspect) {
        InspectContainerResponse.ContainerState state = inspect.getState();
        Map<String, String> labels = inspect.getConfig() == null || inspect.getConfig().getLabels() == null ? Map.of()
                : inspect.getConfig().getLabels();
        Instant createdAt = parseTime(inspect.getCreated());
        Instant startedAt = state == null ? null : parseTime(state.getStartedAt());
        Instant finishedAt = state == null ? null : parseTime(state.getFinishedAt());
        int exitCode = state == null || state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue();
        ContainerStatus.State phase;
        String reason = null;
        String message = null;
        if (state == null) {
            phase = ContainerStatus.State.UNKNOWN;
        } else if (Boolean.TRUE.equals(state.getRunning())) {
            phase = ContainerStatus.State.RUNNING;
            finishedAt = null;
        } else {
            if (finishedAt != null) {
                phase = ContainerStatus.State.EXITED;
                if (Boolean.TRUE.equals(state.getOOMKilled())) {
                    reason = "OOMKilled";
                } else if (exitCode == 0) {
                    reason = "Completed";
                } else {
                    reason = "Error";
                }
            } else if (exitCode != 0) {
                phase = ContainerStatus.State.EXITED;
                startedAt = createdAt;
                finishedAt = createdAt;
                reason = "ContainerCannotRun";
            } else {
                phase = ContainerStatus.State.CREATED;
            }
            message = state.getError() == null || state.getError().isEmpty() ? null : state.getError();
        }
        String image = inspect.getConfig() == null ? null : inspect.getConfig().getImage();
        String networkMode = inspect.getHostConfig() == null ? null : inspect.getHostConfig().getNetworkMode();
        return new ContainerStatus(inspect.getId(), sandboxIdOf(networkMode), labels.get(RuntimeLabels.POD_UID),
                labels.get(RuntimeLabels.CONTAINER_NAME), phase, exitCode, reason, message, createdAt, startedAt,
                finishedAt, image, inspect.getImageId(), labels);
    }

    /** The sandbox a container joined: the ID in its network mode {@code container:<id>}, else null. */
    static String sandboxIdOf(String networkMode) {
        if (networkMode == null || !networkMode.startsWith(NETWORK_MODE_CONTAINER)) {
            return null;
        }
        String id = networkMode.substring(NETWORK_MODE_CONTAINER.length());
        return id.isEmpty() ? null : id;
    }

    /** Docker's RFC 3339 time; null for its zero time ({@code 0001-01-01T00:00:00Z}), empty or unparsable text. */
    static Instant parseTime(String text) {
        if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
