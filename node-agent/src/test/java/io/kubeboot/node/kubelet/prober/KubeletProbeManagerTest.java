package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The manager on a real scheduler (upstream prober_manager_test: AddPod, UpdatePodStatus readiness/startup, RemovePod). */
class KubeletProbeManagerTest {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<String> changed = new CopyOnWriteArrayList<>();
    /** Probe results by command name ("live", "ready", "startup"), switchable while the test runs. */
    private final Map<String, Boolean> healthy = new ConcurrentHashMap<>();
    private final AtomicBoolean probedForeign = new AtomicBoolean();

    private final Prober prober = new Prober(null) {
        @Override
        ProbeOutcome run(Probe probe, Pod pod, Container container, String containerId, List<String> podIps) {
            if (!podIps.equals(List.of("10.244.1.5"))) {
                probedForeign.set(true);
            }
            String which = probe.getExec().getCommand().get(0);
            return healthy.getOrDefault(which, false) ? ProbeOutcome.success("") : ProbeOutcome.failure(which + " failed");
        }
    };
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final KubeletProbeManager manager = new KubeletProbeManager(prober,
            (pod, name, reason, message) -> events.add(name + " " + reason + ": " + message), scheduler, Clock.systemUTC(), bound -> 0);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static Probe probe(String command) {
        return new ProbeBuilder().withNewExec().withCommand(command).endExec().withPeriodSeconds(1).withFailureThreshold(1).build();
    }

    private static Pod pod(Container... containers) {
        return new PodBuilder().withNewMetadata().withName("pod").withNamespace("ns").withUid("uid").endMetadata()
                .withNewSpec().withContainers(containers).endSpec().build();
    }

    private static PodStatus running(String... names) {
        PodStatusBuilder b = new PodStatusBuilder().withPhase("Running").withPodIP("10.244.1.5");
        for (String name : names) {
            b.addToContainerStatuses(new ContainerStatusBuilder().withName(name).withContainerID("docker://" + name + "-1")
                    .withNewState().withNewRunning().withStartedAt(Instant.now().minusSeconds(60).toString()).endRunning().endState().build());
        }
        return b.build();
    }

    @Test
    void containersWithoutProbesAreStartedAndReady() {
        Pod pod = pod(new ContainerBuilder().withName("plain").build());
        manager.syncPod(pod, running("plain"));
        assertThat(manager.started("uid", "plain", "docker://plain-1")).isTrue();
        assertThat(manager.ready("uid", "plain", "docker://plain-1")).isTrue();
        assertThat(manager.livenessFailed("uid", "plain", "docker://plain-1")).isFalse();
    }

    @Test
    void readinessFollowsTheProbeAndNotifies() {
        manager.setResultListener(changed::add);
        Pod pod = pod(new ContainerBuilder().withName("web").withReadinessProbe(probe("ready")).build());
        manager.syncPod(pod, running("web"));
        assertThat(manager.ready("uid", "web", "docker://web-1")).isFalse();

        healthy.put("ready", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.ready("uid", "web", "web-1"));
        assertThat(changed).contains("uid");

        healthy.put("ready", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.ready("uid", "web", "docker://web-1"));
        assertThat(events).contains("web Unhealthy: Readiness probe failed: ready failed");
        assertThat(probedForeign).isFalse();
    }

    @Test
    void startupGatesLivenessThenLivenessFailureIsReported() {
        Pod pod = pod(new ContainerBuilder().withName("app").withStartupProbe(probe("startup"))
                .withLivenessProbe(probe("live")).build());
        healthy.put("startup", false);
        healthy.put("live", false);
        healthy.put("startup", false);
        manager.syncPod(pod, running("app"));
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.livenessFailed("uid", "app", "docker://app-1"));
        // the failure came from the startup probe: the liveness probe never ran before the container started
        assertThat(events).contains("app Unhealthy: Startup probe failed: startup failed")
                .noneMatch(e -> e.contains("Liveness probe failed"));
        assertThat(manager.started("uid", "app", "docker://app-1")).isFalse();

        // a restarted container starts fresh, passes startup, then fails liveness
        healthy.put("startup", true);
        PodStatus restarted = new PodStatusBuilder(running("app")).build();
        restarted.getContainerStatuses().get(0).setContainerID("docker://app-2");
        manager.syncPod(pod, restarted);
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.started("uid", "app", "docker://app-2"));
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.livenessFailed("uid", "app", "docker://app-2"));
        assertThat(events).contains("app Unhealthy: Liveness probe failed: live failed");
    }

    @Test
    void removePodForgetsResults() {
        healthy.put("ready", true);
        Pod pod = pod(new ContainerBuilder().withName("web").withReadinessProbe(probe("ready")).build());
        manager.syncPod(pod, running("web"));
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.ready("uid", "web", "docker://web-1"));
        manager.removePod("uid");
        manager.removePod("uid");
        // no worker and no result: the container reads as a container without probes
        assertThat(manager.started("uid", "web", "docker://web-1")).isTrue();
        assertThat(manager.livenessFailed("uid", "web", "docker://web-1")).isFalse();
    }
}
