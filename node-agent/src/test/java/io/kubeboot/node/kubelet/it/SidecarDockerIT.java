package io.kubeboot.node.kubelet.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeboot.node.config.NodeAgentProperties;
import io.kubeboot.node.kubelet.Backoff;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.doubles.ProbeManagerDouble;
import io.kubeboot.node.kubelet.doubles.SeamDoubles;
import io.kubeboot.node.kubelet.doubles.StatusWriterDouble;
import io.kubeboot.node.kubelet.doubles.TestEvents;
import io.kubeboot.node.kubelet.images.ImageManager;
import io.kubeboot.node.kubelet.metrics.KubeletMetrics;
import io.kubeboot.node.kubelet.pod.ContainerConfigFactory;
import io.kubeboot.node.kubelet.pod.ContainerKiller;
import io.kubeboot.node.kubelet.pod.ContainerStarter;
import io.kubeboot.node.kubelet.pod.PodActionsCalculator;
import io.kubeboot.node.kubelet.pod.PodSyncer;
import io.kubeboot.node.kubelet.pod.SandboxConfigFactory;
import io.kubeboot.node.kubelet.status.PodStatusGenerator;
import io.kubeboot.node.kubelet.status.ReasonCache;
import io.kubeboot.node.kubelet.status.StatusManager;
import io.kubeboot.node.network.DockerPodNetwork;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.docker.DockerRuntime;
import io.kubeboot.testkit.DockerEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sidecar (restartable init) containers through the kubelet's pod syncer on the machine's real Docker Engine: a
 * Job-like pod ends Succeeded by its main container with its sidecar stopped, and a sidecar that exits is restarted
 * while the main container keeps running, then stops after it. Everything carries this run's node label and prefix
 * and is removed at the end; the pods are on a test network on 10.249.0.0/16 and make no traffic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SidecarDockerIT {
    private static final String DOCKER_HOST = "unix:///var/run/docker.sock";
    private static final String PAUSE = "registry.k8s.io/pause:3.10";
    private static final String BUSYBOX = "busybox:1.28";

    private final String run = "sidecarit-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger pods = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final TestEvents events = new TestEvents();
    private final Clock clock = Clock.systemUTC();
    private DockerRuntime runtime;
    private DockerClient docker;
    private StatusManager statusManager;
    private PodSyncer syncer;

    @BeforeAll
    void connect() {
        DockerEngine.require();
        runtime = new DockerRuntime(DOCKER_HOST, run);
        docker = runtime.dockerClient();
        NodeAgentProperties.Network settings = new NodeAgentProperties.Network();
        settings.setName(run);
        settings.setClusterCidr("10.249.0.0/16");
        settings.setEgressGuard(false);
        DockerPodNetwork network = new DockerPodNetwork(runtime, settings, () -> Optional.of("10.249.1.0/24"));
        ProbeManagerDouble probes = new ProbeManagerDouble();
        SeamDoubles.HooksDouble hooks = new SeamDoubles.HooksDouble();
        SeamDoubles.VolumeManagerDouble volumes = new SeamDoubles.VolumeManagerDouble();
        ReasonCache reasons = new ReasonCache();
        statusManager = new StatusManager(new StatusWriterDouble(), clock);
        ContainerKiller killer = new ContainerKiller(runtime, hooks, events, executor, clock);
        ContainerStarter starter = new ContainerStarter(runtime, new ImageManager(runtime, events, Backoff.kubeletDefault(clock), clock),
                new ContainerConfigFactory(run, new SeamDoubles.EnvironmentDouble(), volumes), hooks, killer, events, "127.0.0.1");
        syncer = new PodSyncer(new PodSyncer.Deps("127.0.0.1", runtime, network, volumes, probes, events, statusManager,
                new PodStatusGenerator("127.0.0.1", runtime.type(), probes, reasons), reasons, new PodActionsCalculator(probes),
                starter, killer, new SandboxConfigFactory(run, new SeamDoubles.DnsDouble(), network, PAUSE),
                Backoff.kubeletDefault(clock), new KubeletMetrics(new SimpleMeterRegistry(), run), executor, clock));
    }

    @AfterAll
    void cleanUp() throws IOException {
        executor.shutdownNow();
        if (docker == null) {
            return;
        }
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(RuntimeLabels.NODE, run)).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        try {
            docker.removeNetworkCmd(run).exec();
        } catch (RuntimeException e) {
            // never created
        }
        runtime.close();
    }

    /** A pod with sidecar "sc" running {@code sidecarScript} and container "main" running {@code mainScript}. */
    private Pod pod(String restartPolicy, String sidecarScript, String mainScript) {
        String name = run + "-pod" + pods.incrementAndGet();
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid(name + "-uid").endMetadata()
                .withNewSpec().withNodeName(run).withRestartPolicy(restartPolicy).withTerminationGracePeriodSeconds(2L)
                .addNewInitContainer().withName("sc").withImage(BUSYBOX).withImagePullPolicy("IfNotPresent").withRestartPolicy("Always")
                .withCommand("sh", "-c", sidecarScript).endInitContainer()
                .addNewContainer().withName("main").withImage(BUSYBOX).withImagePullPolicy("IfNotPresent")
                .withCommand("sh", "-c", mainScript).endContainer()
                .endSpec().build();
    }

    private PodStatus status(Pod p) {
        return statusManager.cached(p.getMetadata().getUid()).orElseThrow();
    }

    private ContainerStatus initStatus(Pod p) {
        return status(p).getInitContainerStatuses().get(0);
    }

    private Optional<io.kubeboot.node.runtime.ContainerStatus> latest(Pod p, String name) {
        return syncer.runtimePod(p.getMetadata().getUid()).latest(name);
    }

    /** Syncs as the pod worker would, every 300 ms, until the pod is terminal or {@code until} holds. */
    private boolean syncUntil(Pod p, java.util.function.BooleanSupplier until) {
        boolean[] terminal = {false};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            terminal[0] = syncer.syncPod(p, Instant.now());
            return terminal[0] || until.getAsBoolean();
        });
        return terminal[0];
    }

    private void terminateAndRemove(Pod p) {
        Pod deleted = new PodBuilder(p).editMetadata().withDeletionTimestamp(Instant.now().toString())
                .withDeletionGracePeriodSeconds(2L).endMetadata().build();
        syncer.syncTerminatingPod(deleted, false);
        syncer.syncTerminatedPod(deleted, false);
        syncer.removePod(deleted);
    }

    @Test
    void aJobPodEndsSucceededByItsMainContainerWithItsSidecarStopped() {
        Pod p = pod("Never", "sleep 3600", "sleep 2; exit 0");
        syncUntil(p, () -> latest(p, "main").isPresent());
        assertThat(latest(p, "sc").orElseThrow().state().name()).as("the sidecar started first and keeps running").isEqualTo("RUNNING");
        assertThat(status(p).getPhase()).isEqualTo("Running");
        assertThat(initStatus(p).getStarted()).isTrue();

        assertThat(syncUntil(p, () -> false)).as("the main container exited 0: the pod ends").isTrue();
        RuntimePod rp = syncer.runtimePod(p.getMetadata().getUid());
        assertThat(rp.latest("main").orElseThrow().exitCode()).isZero();
        assertThat(rp.latest("sc").orElseThrow().state().name()).as("the sidecar was stopped").isEqualTo("EXITED");
        assertThat(rp.sandboxes()).allSatisfy(s -> assertThat(s.running()).isFalse());
        assertThat(status(p).getPhase()).isEqualTo("Succeeded");
        assertThat(status(p).getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(initStatus(p).getState().getTerminated()).isNotNull();
        assertThat(events.events).contains("Normal Killing spec.initContainers{sc}: Stopping container sc");
        terminateAndRemove(p);
    }

    @Test
    void anExitingSidecarIsRestartedWhileTheMainContainerRunsAndStopsAfterIt() {
        Pod p = pod("Never", "sleep 2", "sleep 3600");
        syncUntil(p, () -> latest(p, "main").map(c -> c.state().name().equals("RUNNING")).orElse(false));
        String main = latest(p, "main").orElseThrow().id();

        assertThat(syncUntil(p, () -> latest(p, "sc").map(c -> c.restartCount() >= 1 && c.state().name().equals("RUNNING")).orElse(false)))
                .isFalse();
        assertThat(latest(p, "main").orElseThrow().id()).as("the main container is left running").isEqualTo(main);
        assertThat(latest(p, "main").orElseThrow().state().name()).isEqualTo("RUNNING");
        ContainerStatus sc = initStatus(p);
        assertThat(sc.getRestartCount()).isGreaterThanOrEqualTo(1);
        assertThat(sc.getState().getRunning()).isNotNull();
        assertThat(sc.getReady()).isTrue();
        assertThat(sc.getLastState().getTerminated().getExitCode()).isZero();
        assertThat(status(p).getPhase()).isEqualTo("Running");
        terminateAndRemove(p);
    }

    @Test
    void deletingThePodStopsTheMainContainerFirstThenTheSidecar() {
        // both ignore SIGTERM (PID 1 without a handler): each stop takes the whole 2 s grace period
        Pod p = pod("Always", "sleep 3600", "sleep 3600");
        syncUntil(p, () -> latest(p, "main").map(c -> c.state().name().equals("RUNNING")).orElse(false));
        Pod deleted = new PodBuilder(p).editMetadata().withDeletionTimestamp(Instant.now().toString())
                .withDeletionGracePeriodSeconds(2L).endMetadata().build();
        syncer.syncTerminatingPod(deleted, false);
        RuntimePod rp = syncer.runtimePod(p.getMetadata().getUid());
        List<io.kubeboot.node.runtime.ContainerStatus> all = rp.containers();
        assertThat(all).allSatisfy(c -> assertThat(c.state().name()).isEqualTo("EXITED"));
        Instant mainEnd = rp.latest("main").orElseThrow().finishedAt();
        Instant sidecarEnd = rp.latest("sc").orElseThrow().finishedAt();
        assertThat(sidecarEnd).as("the sidecar is stopped only once the main container stopped")
                .isAfter(mainEnd.plusMillis(1000));
        syncer.syncTerminatedPod(deleted, false);
        syncer.removePod(deleted);
        assertThat(syncer.runtimePod(p.getMetadata().getUid()).containers()).isEmpty();
    }
}
