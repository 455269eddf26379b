package io.kubeboot.node.runtime.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.kubeboot.node.runtime.ContainerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerStatusesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String ZERO = "0001-01-01T00:00:00Z";

    private static InspectContainerResponse inspect(boolean running, boolean oomKilled, int exitCode, String error,
                                                    String startedAt, String finishedAt) throws Exception {
        String json = """
                {"Id":"c1","Created":"2025-01-02T03:04:05.123456789Z","Image":"sha256:abc",
                 "State":{"Status":"%s","Running":%s,"OOMKilled":%s,"ExitCode":%d,"Error":"%s","StartedAt":"%s","FinishedAt":"%s"},
                 "Config":{"Image":"busybox:1.28","Labels":{"io.kubernetes.pod.uid":"u1","io.kubernetes.container.name":"app",
                   "io.kubernetes.container.restartCount":"3"}},
                 "HostConfig":{"NetworkMode":"container:sb1"}}
                """.formatted(running ? "running" : "exited", running, oomKilled, exitCode, error, startedAt, finishedAt);
        return MAPPER.readValue(json, InspectContainerResponse.class);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            // running, oomKilled, exit, error, startedAt, finishedAt, state, reason, message, started, finished
            "true,  false, 0,   '',      2025-01-02T03:04:06Z, 0001-01-01T00:00:00Z, RUNNING, null, null, 2025-01-02T03:04:06Z, null",
            "false, false, 0,   '',      2025-01-02T03:04:06Z, 2025-01-02T03:04:07Z, EXITED, Completed, null, 2025-01-02T03:04:06Z, 2025-01-02T03:04:07Z",
            "false, false, 2,   '',      2025-01-02T03:04:06Z, 2025-01-02T03:04:07Z, EXITED, Error, null, 2025-01-02T03:04:06Z, 2025-01-02T03:04:07Z",
            "false, true,  137, '',      2025-01-02T03:04:06Z, 2025-01-02T03:04:07Z, EXITED, OOMKilled, null, 2025-01-02T03:04:06Z, 2025-01-02T03:04:07Z",
            "false, true,  0,   '',      2025-01-02T03:04:06Z, 2025-01-02T03:04:07Z, EXITED, OOMKilled, null, 2025-01-02T03:04:06Z, 2025-01-02T03:04:07Z",
            "false, false, 127, 'exec: \\\"nope\\\": executable file not found in $PATH', 0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z, EXITED, ContainerCannotRun, 'exec: \"nope\": executable file not found in $PATH', 2025-01-02T03:04:05.123456789Z, 2025-01-02T03:04:05.123456789Z",
            "false, false, 0,   '',      0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z, CREATED, null, null, null, null",
    })
    void interpretsTheState(boolean running, boolean oomKilled, int exitCode, String error, String startedAt,
                            String finishedAt, ContainerStatus.State state, String reason, String message,
                            String started, String finished) throws Exception {
        ContainerStatus status = ContainerStatuses.of(inspect(running, oomKilled, exitCode, error, startedAt, finishedAt));
        assertThat(status.state()).isEqualTo(state);
        assertThat(status.reason()).isEqualTo(reason);
        assertThat(status.message()).isEqualTo(message);
        assertThat(status.exitCode()).isEqualTo(exitCode);
        assertThat(status.startedAt()).isEqualTo(started == null ? null : Instant.parse(started));
        assertThat(status.finishedAt()).isEqualTo(finished == null ? null : Instant.parse(finished));
    }

    @Test
    void identityImageAndLabels() throws Exception {
        ContainerStatus status = ContainerStatuses.of(inspect(true, false, 0, "", ZERO, ZERO));
        assertThat(status.id()).isEqualTo("c1");
        assertThat(status.sandboxId()).isEqualTo("sb1");
        assertThat(status.podUid()).isEqualTo("u1");
        assertThat(status.name()).isEqualTo("app");
        assertThat(status.image()).isEqualTo("busybox:1.28");
        assertThat(status.imageId()).isEqualTo("sha256:abc");
        assertThat(status.restartCount()).isEqualTo(3);
        assertThat(status.createdAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05.123456789Z"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"container:abc, abc", "container:, null", "host, null", "kubeboot, null", "null, null"})
    void sandboxFromNetworkMode(String mode, String expected) {
        assertThat(ContainerStatuses.sandboxIdOf(mode)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "0001-01-01T00:00:00Z, null",
            "'', null",
            "garbage, null",
            "2025-01-02T03:04:05.000000001Z, 2025-01-02T03:04:05.000000001Z",
            "2025-01-02T05:04:05+02:00, 2025-01-02T03:04:05Z"})
    void parsesDockerTimes(String text, String expected) {
        assertThat(ContainerStatuses.parseTime(text)).isEqualTo(expected == null ? null : Instant.parse(expected));
    }
}
