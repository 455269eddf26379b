package io.kubeboot.node.runtime.simulated;

import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.LogOptions;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.RuntimeOperationException;
import io.kubeboot.node.runtime.SandboxSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedRuntimeTest {
    private final SimulatedRuntime runtime = new SimulatedRuntime("sim-0");

    private String sandbox() {
        return runtime.runSandbox(new SandboxSpec("ns", "p", "uid-1", "p", null, "kubeboot", "10.244.0.9", null, Map.of(),
                Map.of(RuntimeLabels.POD_UID, "uid-1"), "registry.k8s.io/pause:3.10"));
    }

    private static ContainerSpec spec(String name, List<String> env) {
        return new ContainerSpec("k8s_" + name, "busybox:1.28", null, null, env, null, List.of(), 0, 0, 0, 2, false, false,
                Map.of(RuntimeLabels.POD_UID, "uid-1", RuntimeLabels.CONTAINER_NAME, name, RuntimeLabels.RESTART_COUNT, "4"));
    }

    @Test
    void containersRunUntilStopped() {
        String sb = sandbox();
        String id = runtime.createContainer(sb, spec("app", List.of("A=1")));
        assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerStatus.State.CREATED);
        runtime.startContainer(id);
        ContainerStatus running = runtime.containerStatus(id).orElseThrow();
        assertThat(running.state()).isEqualTo(ContainerStatus.State.RUNNING);
        assertThat(running.name()).isEqualTo("app");
        assertThat(running.restartCount()).isEqualTo(4);
        assertThat(running.labels()).containsEntry(RuntimeLabels.NODE, "sim-0");
        runtime.stopContainer(id, Duration.ofSeconds(30));
        assertThat(runtime.containerStatus(id).orElseThrow().exitCode()).isEqualTo(143);
        runtime.stopContainer(id, Duration.ofSeconds(30));
        runtime.removeContainer(id);
        runtime.removeContainer(id);
        assertThat(runtime.listContainers()).isEmpty();
        assertThat(runtime.listSandboxes()).singleElement().satisfies(s -> assertThat(s.ipAddress()).isEqualTo("10.244.0.9"));
    }

    @Test
    void theExitCodeVariableMakesAContainerExitAtOnce() {
        String sb = sandbox();
        String failing = runtime.createContainer(sb, spec("fail", List.of("SIMULATED_EXIT_CODE=2")));
        String done = runtime.createContainer(sb, spec("done", List.of("SIMULATED_EXIT_CODE=0")));
        runtime.startContainer(failing);
        runtime.startContainer(done);
        assertThat(runtime.containerStatus(failing).orElseThrow()).extracting(ContainerStatus::state, ContainerStatus::exitCode, ContainerStatus::reason)
                .containsExactly(ContainerStatus.State.EXITED, 2, "Error");
        assertThat(runtime.containerStatus(done).orElseThrow()).extracting(ContainerStatus::exitCode, ContainerStatus::reason)
                .containsExactly(0, "Completed");
        assertThat(runtime.listContainers()).extracting(ContainerStatus::createdAt).doesNotHaveDuplicates();
    }

    @Test
    void imagesAreAlwaysPresentExecSucceedsAndLogsNameTheContainer() {
        assertThat(runtime.inspectImage("anything:1")).isPresent();
        assertThat(runtime.exec("x", List.of("true"), Duration.ofSeconds(1)).exitCode()).isZero();
        String id = runtime.createContainer(sandbox(), spec("web", List.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runtime.logs(id, LogOptions.all(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("simulated container web\n");
    }

    @Test
    void containersNeedAnExistingSandbox() {
        assertThatThrownBy(() -> runtime.createContainer("nope", spec("app", List.of()))).isInstanceOf(RuntimeOperationException.class);
        String sb = sandbox();
        runtime.stopSandbox(sb);
        assertThat(runtime.listSandboxes().get(0).running()).isFalse();
        runtime.removeSandbox(sb);
        assertThat(runtime.listSandboxes()).isEmpty();
    }
}
