package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeboot.node.kubelet.Fixtures;
import io.kubeboot.node.runtime.simulated.SimulatedRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.kubeboot.node.kubelet.Fixtures.UID;
import static org.assertj.core.api.Assertions.assertThat;

/** Sidecar (restartable init) containers through SyncPod / SyncTerminatingPod over the simulated runtime. */
class SidecarPodSyncerTest {
    private final SyncerHarness h = new SyncerHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** Sidecars (init containers with restartPolicy Always) and regular containers foo1.., the first one exiting with {@code mainExit}. */
    private static Pod pod(String policy, Integer mainExit, List<String> sidecars, String... containers) {
        Pod p = Fixtures.pod(policy, containers);
        List<Container> inits = sidecars.stream()
                .map(n -> new ContainerBuilder(Fixtures.container(n)).withRestartPolicy("Always").build()).toList();
        PodBuilder b = new PodBuilder(p).editSpec().withInitContainers(inits).endSpec();
        if (mainExit != null) {
            b.editSpec().editFirstContainer().addNewEnv().withName(SimulatedRuntime.EXIT_CODE_ENV).withValue(mainExit.toString())
                    .endEnv().endContainer().endSpec();
        }
        return b.build();
    }

    private boolean sync(Pod p) {
        return h.syncer.syncPod(p, Fixtures.T0);
    }

    private PodStatus status() {
        return h.statusManager.cached(UID).orElseThrow();
    }

    private ContainerStatus init(String name) {
        return status().getInitContainerStatuses().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private PodCondition condition(String type) {
        return status().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private io.kubeboot.node.runtime.ContainerStatus latest(String name) {
        return h.syncer.runtimePod(UID).latest(name).orElseThrow();
    }

    @Test
    void aJobPodSucceedsByItsMainContainerAndItsSidecarIsStopped() {
        Pod p = pod("Never", 0, List.of("sc"), "foo1");
        assertThat(sync(p)).isFalse();
        assertThat(h.syncer.runtimePod(UID).containers()).extracting(io.kubeboot.node.runtime.ContainerStatus::name).containsExactly("sc");
        assertThat(status().getPhase()).isEqualTo("Pending");

        assertThat(sync(p)).as("the sidecar started: the main container runs (and exits 0 at once)").isFalse();
        assertThat(latest("foo1").state().name()).isEqualTo("EXITED");
        assertThat(status().getPhase()).as("a running sidecar keeps the pod Running until it is stopped").isEqualTo("Running");

        assertThat(sync(p)).as("all regular containers are done: the pod is killed and terminal").isTrue();
        assertThat(latest("sc").state().name()).isEqualTo("EXITED");
        assertThat(h.syncer.runtimePod(UID).sandboxes()).allSatisfy(s -> assertThat(s.running()).isFalse());
        assertThat(status().getPhase()).isEqualTo("Succeeded");
        assertThat(init("sc").getState().getTerminated()).isNotNull();
        assertThat(h.events.events).contains("Normal Killing spec.initContainers{sc}: Stopping container sc");
    }

    @Test
    void aJobPodWhoseMainContainerFailedIsFailedWhateverTheSidecar() {
        Pod p = pod("Never", 3, List.of("sc"), "foo1");
        sync(p);
        sync(p);
        assertThat(sync(p)).isTrue();
        assertThat(status().getPhase()).isEqualTo("Failed");
        assertThat(latest("sc").state().name()).isEqualTo("EXITED");
    }

    @Test
    void anExitedSidecarIsRestartedWhileTheMainContainerRunsEvenWithRestartPolicyNever() {
        Pod p = pod("Never", null, List.of("sc"), "foo1");
        sync(p);
        sync(p);
        String main = latest("foo1").id();
        String sidecar = latest("sc").id();
        assertThat(latest("foo1").state().name()).isEqualTo("RUNNING");

        h.runtime.stopContainer(sidecar, Duration.ZERO);
        h.clock.step(Duration.ofSeconds(1));
        assertThat(sync(p)).isFalse();
        assertThat(latest("sc").id()).isNotEqualTo(sidecar);
        assertThat(latest("sc").state().name()).isEqualTo("RUNNING");
        assertThat(latest("sc").restartCount()).isEqualTo(1);
        assertThat(latest("foo1").id()).as("the main container is left alone").isEqualTo(main);

        ContainerStatus sc = init("sc");
        assertThat(sc.getState().getRunning()).isNotNull();
        assertThat(sc.getRestartCount()).isEqualTo(1);
        assertThat(sc.getStarted()).isTrue();
        assertThat(sc.getReady()).isTrue();
        assertThat(sc.getLastState().getTerminated().getExitCode()).isEqualTo(143);
        assertThat(status().getPhase()).isEqualTo("Running");
        assertThat(condition("Ready").getStatus()).isEqualTo("True");
    }

    @Test
    void aCrashingSidecarBacksOffLikeAnyContainer() {
        Pod p = pod("Always", null, List.of("sc"), "foo1");
        sync(p);
        sync(p);
        for (int restart = 1; restart <= 2; restart++) {
            h.runtime.stopContainer(latest("sc").id(), Duration.ZERO);
            h.clock.step(Duration.ofSeconds(1));
            sync(p);
        }
        assertThat(latest("sc").restartCount()).as("the second restart waits for the 10s back-off").isEqualTo(1);
        assertThat(h.events.events).contains("Warning BackOff spec.initContainers{sc}: Back-off restarting failed container sc in pod foo_new(12345678)");
        h.clock.step(Duration.ofSeconds(10));
        sync(p);
        assertThat(latest("sc").restartCount()).isEqualTo(2);
        assertThat(latest("sc").state().name()).isEqualTo("RUNNING");
    }

    @Test
    void aSidecarNotStartedHoldsBackTheMainContainersAndANotReadyOneThePodsReadiness() {
        Pod p = new PodBuilder(pod("Always", null, List.of("sc"), "foo1")).editSpec().editFirstInitContainer()
                .withNewStartupProbe().withNewExec().withCommand("true").endExec().endStartupProbe().endInitContainer().endSpec().build();
        h.probes.notStarted.add("sc");
        sync(p);
        sync(p);
        assertThat(h.syncer.runtimePod(UID).latest("foo1")).isEmpty();
        assertThat(status().getPhase()).isEqualTo("Pending");
        assertThat(condition("Initialized").getStatus()).isEqualTo("False");
        assertThat(condition("Initialized").getMessage()).isEqualTo("containers with incomplete status: [sc]");

        h.probes.notStarted.clear();
        h.probes.notReady.add("sc");
        sync(p);
        assertThat(latest("foo1").state().name()).isEqualTo("RUNNING");
        assertThat(condition("Initialized").getStatus()).isEqualTo("True");
        assertThat(status().getPhase()).isEqualTo("Running");
        assertThat(condition("ContainersReady").getStatus()).isEqualTo("False");
        assertThat(condition("Ready").getMessage()).isEqualTo("containers with unready status: [sc]");
        assertThat(init("sc").getStarted()).isTrue();
        assertThat(init("sc").getReady()).isFalse();
    }

    @Test
    void terminationStopsTheRegularContainersFirstThenTheSidecarsInReverseOrder() {
        Pod p = pod("Always", null, List.of("sc1", "sc2"), "foo1", "foo2");
        for (int i = 0; i < 3; i++) {
            sync(p);
        }
        assertThat(h.syncer.runtimePod(UID).containers()).hasSize(4)
                .allSatisfy(c -> assertThat(c.state().name()).isEqualTo("RUNNING"));
        Pod deleted = new PodBuilder(p).editMetadata().withDeletionTimestamp(Instant.now().toString())
                .withDeletionGracePeriodSeconds(30L).endMetadata().build();
        long start = System.nanoTime();
        h.syncer.syncTerminatingPod(deleted, false);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no waiting for the grace period").isLessThan(Duration.ofSeconds(10));
        assertThat(h.stopped).hasSize(4);
        assertThat(h.stopped.subList(0, 2)).containsExactlyInAnyOrder("foo1", "foo2");
        assertThat(h.stopped.subList(2, 4)).containsExactly("sc2", "sc1");
        assertThat(h.syncer.runtimePod(UID).containers()).allSatisfy(c -> assertThat(c.state().name()).isEqualTo("EXITED"));
        assertThat(status().getPhase()).isEqualTo("Failed");
    }
}
