package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeboot.node.kubelet.Fixtures;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.SandboxStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.kubeboot.node.kubelet.Fixtures.UID;
import static org.assertj.core.api.Assertions.assertThat;

/** SyncPod / SyncTerminatingPod / SyncTerminatedPod over the simulated runtime. */
class PodSyncerTest {
    private final SyncerHarness h = new SyncerHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static Pod withEnv(Pod p, String container, String name, String value) {
        return new PodBuilder(p).editSpec().editMatchingContainer(c -> c.getName().equals(container))
                .addNewEnv().withName(name).withValue(value).endEnv().endContainer().endSpec().build();
    }

    private static Pod withInitEnv(Pod p, String container, String name, String value) {
        return new PodBuilder(p).editSpec().editMatchingInitContainer(c -> c.getName().equals(container))
                .addNewEnv().withName(name).withValue(value).endEnv().endInitContainer().endSpec().build();
    }

    private PodStatus status() {
        return h.statusManager.cached(UID).orElseThrow();
    }

    private ContainerStatus container(String name) {
        PodStatus s = status();
        return java.util.stream.Stream.concat(s.getContainerStatuses().stream(), s.getInitContainerStatuses().stream())
                .filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private boolean sync(Pod p) {
        return h.syncer.syncPod(p, Fixtures.T0);
    }

    @Test
    void aNewPodGetsASandboxAndRunningContainersAndStaysAsItIs() {
        Pod p = Fixtures.pod("Always", "foo1", "foo2");
        assertThat(sync(p)).isFalse();
        RuntimePod rp = h.syncer.runtimePod(UID);
        assertThat(rp.sandboxes()).singleElement().extracting(SandboxStatus::ipAddress).isEqualTo("10.244.0.2");
        assertThat(rp.containers()).hasSize(2).allSatisfy(c -> assertThat(c.state().name()).isEqualTo("RUNNING"));
        assertThat(rp.containers()).extracting(c -> c.labels().get(RuntimeLabels.CONTAINER_NAME)).containsExactlyInAnyOrder("foo1", "foo2");
        assertThat(status().getPhase()).isEqualTo("Running");
        assertThat(status().getPodIP()).isEqualTo("10.244.0.2");
        assertThat(container("foo1").getContainerID()).startsWith("simulated://");
        assertThat(h.events.events).contains("Normal Created spec.containers{foo1}: Created container: foo1",
                "Normal Started spec.containers{foo1}: Started container foo1");
        assertThat(h.volumes.setUp).contains(UID);

        List<String> ids = rp.containers().stream().map(io.kubeboot.node.runtime.ContainerStatus::id).toList();
        int patches = h.writer.patches.size();
        assertThat(sync(p)).isFalse();
        assertThat(h.syncer.runtimePod(UID).containers()).extracting(io.kubeboot.node.runtime.ContainerStatus::id).containsExactlyElementsOf(ids);
        assertThat(h.writer.patches).as("an unchanged status is not written again").hasSize(patches);
    }

    @Test
    void initContainersRunOneAtATimeBeforeTheAppContainers() {
        Pod p = withInitEnv(withInitEnv(Fixtures.pod("Always", List.of("init1", "init2"), "foo1"),
                "init1", "SIMULATED_EXIT_CODE", "0"), "init2", "SIMULATED_EXIT_CODE", "0");
        sync(p);
        assertThat(h.syncer.runtimePod(UID).containers()).extracting(io.kubeboot.node.runtime.ContainerStatus::name).containsExactly("init1");
        assertThat(status().getPhase()).isEqualTo("Pending");
        sync(p);
        assertThat(h.syncer.runtimePod(UID).containers()).extracting(io.kubeboot.node.runtime.ContainerStatus::name).containsExactly("init2", "init1");
        sync(p);
        assertThat(h.syncer.runtimePod(UID).containers()).extracting(io.kubeboot.node.runtime.ContainerStatus::name).containsExactly("foo1", "init2", "init1");
        assertThat(status().getPhase()).isEqualTo("Running");
        assertThat(container("init1").getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(container("init2").getReady()).isTrue();
    }

    @Test
    void aFailingInitContainerWithRestartPolicyNeverFailsThePod() {
        Pod p = withInitEnv(Fixtures.pod("Never", List.of("init1"), "foo1"), "init1", "SIMULATED_EXIT_CODE", "3");
        sync(p);
        assertThat(sync(p)).isTrue();
        assertThat(status().getPhase()).isEqualTo("Failed");
        assertThat(h.syncer.runtimePod(UID).containers()).extracting(io.kubeboot.node.runtime.ContainerStatus::name).containsExactly("init1");
    }

    @Test
    void aCrashingContainerBacksOffWithDoublingDelays() {
        Pod p = withEnv(Fixtures.pod("Always", "foo1"), "foo1", "SIMULATED_EXIT_CODE", "1");
        sync(p); // started, exited at once
        h.clock.step(Duration.ofSeconds(1));
        sync(p); // first restart is immediate
        assertThat(h.syncer.runtimePod(UID).latest("foo1").orElseThrow().restartCount()).isEqualTo(1);
        h.clock.step(Duration.ofSeconds(1));
        sync(p);
        ContainerStatus c = container("foo1");
        assertThat(c.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(c.getState().getWaiting().getMessage()).isEqualTo("back-off 10s restarting failed container=foo1 pod=foo_new(12345678)");
        assertThat(c.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(c.getRestartCount()).isEqualTo(1);
        assertThat(h.events.events).contains("Warning BackOff spec.containers{foo1}: Back-off restarting failed container foo1 in pod foo_new(12345678)");

        h.clock.step(Duration.ofSeconds(10));
        sync(p);
        assertThat(h.syncer.runtimePod(UID).latest("foo1").orElseThrow().restartCount()).isEqualTo(2);
        h.clock.step(Duration.ofSeconds(1));
        sync(p);
        assertThat(container("foo1").getState().getWaiting().getMessage()).startsWith("back-off 20s restarting failed container=foo1");
        assertThat(h.syncer.runtimePod(UID).all("foo1")).as("only the most recent dead container is kept").hasSize(1);
    }

    @Test
    void restartPolicyNeverEndsThePodSucceededOrFailed() {
        Pod ok = withEnv(Fixtures.pod("Never", "foo1"), "foo1", "SIMULATED_EXIT_CODE", "0");
        sync(ok);
        assertThat(sync(ok)).isTrue();
        assertThat(status().getPhase()).isEqualTo("Succeeded");
        assertThat(container("foo1").getState().getTerminated().getReason()).isEqualTo("Completed");
    }

    @Test
    void aDeadSandboxIsReplacedAndEveryContainerRecreatedWithTheNextRestartCount() {
        Pod p = Fixtures.pod("Always", "foo1");
        sync(p);
        String sandbox = h.syncer.runtimePod(UID).sandboxes().get(0).id();
        h.runtime.stopSandbox(sandbox);
        h.clock.step(Duration.ofSeconds(1));
        sync(p);
        RuntimePod rp = h.syncer.runtimePod(UID);
        assertThat(rp.sandboxes().get(0).id()).isNotEqualTo(sandbox);
        assertThat(rp.sandboxes().get(0).running()).isTrue();
        assertThat(RuntimePod.attempt(rp.sandboxes().get(0))).isEqualTo(1);
        assertThat(rp.latest("foo1").orElseThrow().restartCount()).isEqualTo(1);
        assertThat(rp.latest("foo1").orElseThrow().state().name()).isEqualTo("RUNNING");
        assertThat(h.events.events).contains("Normal SandboxChanged : Pod sandbox changed, it will be killed and re-created.");
    }

    @Test
    void aChangedImageReplacesTheContainer() {
        Pod p = Fixtures.pod("Always", "foo1");
        sync(p);
        String before = h.syncer.runtimePod(UID).latest("foo1").orElseThrow().id();
        Pod changed = new PodBuilder(p).editSpec().editFirstContainer().withImage("busybox:1.36").endContainer().endSpec().build();
        h.clock.step(Duration.ofSeconds(1));
        sync(changed);
        var latest = h.syncer.runtimePod(UID).latest("foo1").orElseThrow();
        assertThat(latest.id()).isNotEqualTo(before);
        assertThat(latest.image()).isEqualTo("busybox:1.36");
        assertThat(h.events.events).contains("Normal Killing spec.containers{foo1}: Container foo1 definition changed, will be restarted");
    }

    @Test
    void aLivenessFailureKillsAndRestarts() {
        Pod p = Fixtures.pod("Always", "foo1");
        sync(p);
        String before = h.syncer.runtimePod(UID).latest("foo1").orElseThrow().id();
        h.probes.livenessFailed.add(before);
        h.clock.step(Duration.ofSeconds(1));
        sync(p);
        var latest = h.syncer.runtimePod(UID).latest("foo1").orElseThrow();
        assertThat(latest.id()).isNotEqualTo(before);
        assertThat(latest.restartCount()).isEqualTo(1);
        assertThat(h.events.events).contains("Normal Killing spec.containers{foo1}: Container foo1 failed liveness probe, will be restarted");
    }

    @Test
    void aFailedPostStartHookKillsTheContainer() {
        Pod p = new PodBuilder(Fixtures.pod("Always", "foo1")).editSpec().editFirstContainer().withNewLifecycle().withNewPostStart()
                .withNewExec().withCommand("fail").endExec().endPostStart().endLifecycle().endContainer().endSpec().build();
        sync(p);
        assertThat(h.events.events).contains("Warning FailedPostStartHook spec.containers{foo1}: PostStartHook failed",
                "Normal Killing spec.containers{foo1}: FailedPostStartHook");
        assertThat(h.syncer.runtimePod(UID).latest("foo1").orElseThrow().state().name()).isEqualTo("EXITED");
    }

    @Test
    void anUnresolvableEnvironmentIsCreateContainerConfigError() {
        Pod p = withEnv(Fixtures.pod("Always", "foo1"), "foo1", "FAIL", "x");
        sync(p);
        ContainerStatus c = container("foo1");
        assertThat(c.getState().getWaiting().getReason()).isEqualTo("CreateContainerConfigError");
        assertThat(c.getState().getWaiting().getMessage()).isEqualTo("configmap \"special-config\" not found");
        assertThat(h.events.events).contains("Warning Failed spec.containers{foo1}: Error: configmap \"special-config\" not found");
    }

    @Test
    void terminationStopsEverythingReportsAFinalStatusAndDeletesThePod() {
        Pod p = new PodBuilder(Fixtures.pod("Always", "foo1")).editSpec().editFirstContainer().withNewLifecycle().withNewPreStop()
                .withNewExec().withCommand("sh", "-c", "sleep 1").endExec().endPreStop().endLifecycle().endContainer().endSpec().build();
        sync(p);
        Pod deleted = new PodBuilder(p).editMetadata().withDeletionTimestamp(Instant.now().toString()).withDeletionGracePeriodSeconds(30L).endMetadata().build();
        h.syncer.syncTerminatingPod(deleted, false);
        RuntimePod rp = h.syncer.runtimePod(UID);
        assertThat(rp.containers()).allSatisfy(c -> assertThat(c.state().name()).isEqualTo("EXITED"));
        assertThat(rp.sandboxes()).allSatisfy(s -> assertThat(s.running()).isFalse());
        assertThat(h.hooks.runs).containsExactly("foo1");
        assertThat(h.events.events).contains("Normal Killing spec.containers{foo1}: Stopping container foo1");
        assertThat(status().getPhase()).isEqualTo("Failed");
        assertThat(h.probes.removed).contains(UID);

        h.syncer.syncTerminatedPod(deleted, false);
        assertThat(h.volumes.tornDown).contains(UID);
        assertThat(h.network.released).contains(UID);
        assertThat(h.writer.deleted).containsExactly(UID);

        h.syncer.removePod(deleted);
        assertThat(h.runtime.listContainers()).isEmpty();
        assertThat(h.runtime.listSandboxes()).isEmpty();
        assertThat(h.statusManager.cached(UID)).isEmpty();
    }
}
