package io.kubeboot.node.kubelet.it;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.node.kubelet.Kubelet;
import io.kubeboot.node.kubelet.KubeletSettings;
import io.kubeboot.node.kubelet.doubles.ProbeManagerDouble;
import io.kubeboot.node.kubelet.doubles.SeamDoubles;
import io.kubeboot.node.kubelet.pod.PodSource;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.SandboxSpec;
import io.kubeboot.node.runtime.simulated.SimulatedRuntime;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import io.kubeboot.runtime.events.EventRecorder;
import io.kubeboot.testkit.ApiServerProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kubelet's pod lifecycle against the real apiserver, on the simulated runtime: pods bound to the node go
 * Running and Ready with upstream's status, deleted pods go once their containers stopped, pods that end are
 * Succeeded or Failed, crashing containers back off, and a kubelet started over the same runtime adopts the
 * running containers without re-creating them.
 */
@Timeout(180)
class KubeletIT {
    private static KubernetesClient client;
    private static String namespace;

    private String nodeName;
    private SimulatedRuntime runtime;
    private SeamDoubles.PodNetworkDouble network;
    private Running running;

    /** One kubelet with its pod source and event recorder. */
    private record Running(Kubelet kubelet, PodSource source, EventRecorder events) implements AutoCloseable {
        @Override
        public void close() {
            source.close();
            kubelet.close();
            events.close();
        }
    }

    @BeforeAll
    static void startApiserver() {
        client = KubeClients.create(ClientSettings.defaults().withMasterUrl(ApiServerProcess.get().url()).withRateLimit(100, 200));
        namespace = "kl-it-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }

    @AfterAll
    static void stop() {
        client.namespaces().withName(namespace).delete();
        client.close();
    }

    @BeforeEach
    void startKubelet() {
        nodeName = "kl-it-node-" + UUID.randomUUID().toString().substring(0, 8);
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(nodeName).endMetadata()
                .withNewSpec().withPodCIDR("10.244.7.0/24").endSpec().build()).create();
        runtime = new SimulatedRuntime(nodeName);
        network = new SeamDoubles.PodNetworkDouble();
        running = start();
    }

    @AfterEach
    void stopKubelet() {
        running.close();
        client.nodes().withName(nodeName).delete();
    }

    private Running start() {
        EventRecorder events = EventRecorder.builder(client).component("kubelet").host(nodeName).build();
        Kubelet kubelet = new Kubelet(nodeName, "127.0.0.1", client, runtime, network, new SeamDoubles.EnvironmentDouble(),
                new SeamDoubles.VolumeManagerDouble(), new SeamDoubles.DnsDouble(), new ProbeManagerDouble(),
                new SeamDoubles.HooksDouble(), events, new SimpleMeterRegistry(),
                KubeletSettings.defaults().withRelistPeriod(Duration.ofMillis(200)).withResyncInterval(Duration.ofSeconds(2)));
        kubelet.start();
        PodSource source = PodSource.forNode(client, nodeName, kubelet);
        source.start();
        return new Running(kubelet, source, events);
    }

    private Pod create(String name, String restartPolicy, Map<String, String> env) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNodeName(nodeName).withRestartPolicy(restartPolicy).withTerminationGracePeriodSeconds(5L)
                .addNewContainer().withName("app").withImage("busybox:1.28").withCommand("sleep", "3600").endContainer()
                .endSpec();
        Pod pod = b.build();
        env.forEach((k, v) -> pod.getSpec().getContainers().get(0).getEnv().add(new io.fabric8.kubernetes.api.model.EnvVar(k, v, null)));
        return client.pods().inNamespace(namespace).resource(pod).create();
    }

    private Pod get(String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    private static String condition(Pod p, String type) {
        return p.getStatus() == null || p.getStatus().getConditions() == null ? null : p.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals(type)).map(PodCondition::getStatus).findFirst().orElse(null);
    }

    private List<String> containerIds(String uid) {
        return runtime.listContainers().stream().filter(c -> uid.equals(c.podUid())).map(io.kubeboot.node.runtime.ContainerStatus::id).sorted().toList();
    }

    @Test
    void aBoundPodGoesRunningAndReadyWithUpstreamsStatus() {
        Pod created = create("web", "Always", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> "True".equals(condition(get("web"), "Ready")));
        Pod pod = get("web");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getStatus().getHostIP()).isEqualTo("127.0.0.1");
        assertThat(pod.getStatus().getPodIP()).startsWith("10.244.0.");
        assertThat(pod.getStatus().getStartTime()).isNotNull();
        assertThat(pod.getStatus().getQosClass()).isEqualTo("BestEffort");
        assertThat(pod.getStatus().getConditions()).extracting(PodCondition::getType)
                .contains("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled");
        assertThat(pod.getStatus().getConditions()).allSatisfy(c -> assertThat(c.getLastTransitionTime()).isNotNull());
        ContainerStatus c = pod.getStatus().getContainerStatuses().get(0);
        assertThat(c.getName()).isEqualTo("app");
        assertThat(c.getReady()).isTrue();
        assertThat(c.getStarted()).isTrue();
        assertThat(c.getRestartCount()).isZero();
        assertThat(c.getImage()).isEqualTo("busybox:1.28");
        assertThat(c.getImageID()).startsWith("simulated://sha256:");
        assertThat(c.getContainerID()).startsWith("simulated://");
        assertThat(c.getState().getRunning().getStartedAt()).isNotNull();
        assertThat(runtime.listContainers()).singleElement().satisfies(rc -> {
            assertThat(rc.labels()).containsEntry(RuntimeLabels.POD_UID, created.getMetadata().getUid());
            assertThat(c.getContainerID()).isEqualTo("simulated://" + rc.id());
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.v1().events().inNamespace(namespace).list().getItems())
                .filteredOn(e -> "web".equals(e.getInvolvedObject().getName()))
                .extracting(Event::getReason).contains("Pulled", "Created", "Started"));
    }

    @Test
    void aDeletedPodDisappearsAfterItsContainersStopped() {
        Pod created = create("gone", "Always", Map.of());
        String uid = created.getMetadata().getUid();
        await().atMost(Duration.ofSeconds(30)).until(() -> "Running".equals(get("gone").getStatus().getPhase()));
        client.pods().inNamespace(namespace).withName("gone").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("gone") == null);
        await().atMost(Duration.ofSeconds(10)).until(() -> containerIds(uid).isEmpty()
                && runtime.listSandboxes().stream().noneMatch(s -> uid.equals(s.podUid())));
        assertThat(network.released).contains(uid);
    }

    @Test
    void aForceDeletedPodIsKilled() {
        Pod created = create("forced", "Always", Map.of());
        String uid = created.getMetadata().getUid();
        await().atMost(Duration.ofSeconds(30)).until(() -> containerIds(uid).size() == 1);
        client.pods().inNamespace(namespace).withName("forced").withGracePeriod(0).delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> containerIds(uid).isEmpty());
    }

    @Test
    void restartPolicyNeverEndsSucceededOrFailed() {
        Pod ok = create("ok", "Never", Map.of("SIMULATED_EXIT_CODE", "0"));
        create("bad", "Never", Map.of("SIMULATED_EXIT_CODE", "2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "Succeeded".equals(get("ok").getStatus().getPhase())
                && "Failed".equals(get("bad").getStatus().getPhase()));
        ContainerStatus bad = get("bad").getStatus().getContainerStatuses().get(0);
        assertThat(bad.getState().getTerminated().getExitCode()).isEqualTo(2);
        assertThat(bad.getState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(condition(get("ok"), "Ready")).isEqualTo("False");
        // a finished pod keeps its container (for its logs) but not its running sandbox
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.listSandboxes().stream()
                .filter(s -> ok.getMetadata().getUid().equals(s.podUid())).noneMatch(s -> s.running()));
        assertThat(containerIds(ok.getMetadata().getUid())).hasSize(1);
    }

    @Test
    void aCrashingContainerIsRestartedWithCrashLoopBackOff() {
        create("crash", "Always", Map.of("SIMULATED_EXIT_CODE", "1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Pod p = get("crash");
            if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
                return false;
            }
            ContainerStatus c = p.getStatus().getContainerStatuses().get(0);
            return c.getState().getWaiting() != null && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason())
                    && c.getRestartCount() >= 1;
        });
        ContainerStatus c = get("crash").getStatus().getContainerStatuses().get(0);
        assertThat(c.getState().getWaiting().getMessage()).matches("back-off \\d+s restarting failed container=app pod=crash_" + namespace + "\\(.*\\)");
        assertThat(c.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(get("crash").getStatus().getPhase()).isEqualTo("Running");
        int first = c.getRestartCount();
        await().atMost(Duration.ofSeconds(40)).until(() -> get("crash").getStatus().getContainerStatuses().get(0).getRestartCount() > first);
    }

    @Test
    void oneUnfilteredSourceFeedsTheKubeletsOfSeveralNodes() {
        List<String> nodes = List.of(nodeName + "-a", nodeName + "-b");
        List<Kubelet> kubelets = new java.util.ArrayList<>();
        List<SimulatedRuntime> runtimes = new java.util.ArrayList<>();
        EventRecorder events = EventRecorder.builder(client).component("kubelet").build();
        Map<String, Kubelet> byNode = new java.util.HashMap<>();
        for (String n : nodes) {
            SimulatedRuntime r = new SimulatedRuntime(n);
            Kubelet k = new Kubelet(n, "127.0.0.1", client, r, new SeamDoubles.PodNetworkDouble(), new SeamDoubles.EnvironmentDouble(),
                    new SeamDoubles.VolumeManagerDouble(), new SeamDoubles.DnsDouble(), new ProbeManagerDouble(),
                    new SeamDoubles.HooksDouble(), events, new SimpleMeterRegistry(),
                    KubeletSettings.defaults().withRelistPeriod(Duration.ofMillis(200)));
            k.start();
            kubelets.add(k);
            runtimes.add(r);
            byNode.put(n, k);
        }
        try (PodSource source = PodSource.forNodes(client, byNode)) {
            source.start();
            for (String n : nodes) {
                client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName("on-" + n).endMetadata()
                        .withNewSpec().withNodeName(n).addNewContainer().withName("app").withImage("busybox:1.28").endContainer()
                        .endSpec().build()).create();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> nodes.stream().allMatch(n -> "Running".equals(get("on-" + n).getStatus().getPhase())));
            assertThat(runtimes).allSatisfy(r -> assertThat(r.listContainers()).hasSize(1));
        } finally {
            kubelets.forEach(Kubelet::close);
            events.close();
            for (String n : nodes) {
                client.pods().inNamespace(namespace).withName("on-" + n).withGracePeriod(0).delete();
            }
        }
    }

    @Test
    void aNewKubeletOverTheSameRuntimeAdoptsWithoutRecreating() {
        Pod created = create("kept", "Always", Map.of());
        String uid = created.getMetadata().getUid();
        await().atMost(Duration.ofSeconds(30)).until(() -> "True".equals(condition(get("kept"), "Ready")));
        List<String> ids = containerIds(uid);
        List<String> sandboxes = runtime.listSandboxes().stream().map(s -> s.id()).toList();
        String orphan = runtime.runSandbox(new SandboxSpec(namespace, "ghost", "ghost-uid", "ghost", null, "kubeboot", "10.244.0.99",
                null, Map.of(), Map.of(RuntimeLabels.POD_UID, "ghost-uid"), "registry.k8s.io/pause:3.10"));

        running.close(); // as kill -9 of the kubelet: containers stay
        network = new SeamDoubles.PodNetworkDouble();
        running = start();

        assertThat(network.restored).containsKey(uid);
        assertThat(runtime.listSandboxes()).extracting(s -> s.id()).doesNotContain(orphan).containsAll(sandboxes);
        // several relists and resyncs later nothing was re-created
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(containerIds(uid)).isEqualTo(ids);
        Pod pod = get("kept");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(condition(pod, "Ready")).isEqualTo("True");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getContainerID()).isEqualTo("simulated://" + ids.get(0));
        assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
    }
}
