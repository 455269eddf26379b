package io.kubeboot.e2e;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubeboot.testkit.SharedExamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's pod examples from the Kubernetes documentation ({@code shared/examples/k8s-website/pods}, applied
 * unchanged with kubectl) on the e2e cluster, behaving as on Kubernetes. Every pod is created up front, each in a
 * namespace of its own (several examples share the name "nginx"), so their timelines (a 15 s initial delay, a
 * liveness failure about 45 s in) run side by side and the test methods only wait for what is due.
 *
 * <p>Network safety: the init-containers example fetches http://info.cern.ch with dnsPolicy Default. The node agents'
 * resolv.conf names the docker0 address; this class answers DNS there ({@link DnsResponder}: every name is docker0's
 * address) and serves the page from an HTTP server on docker0:80, so the init container's wget stays on this machine.
 */
@ExtendWith(ClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PodExamplesIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final String PAGE = "<html><body><h1>KubeBoot e2e: info.cern.ch stand-in</h1></body></html>\n";

    private static final String LIVENESS = "e2e-ex-liveness";
    private static final String GOPROXY = "e2e-ex-goproxy";
    private static final String COMMANDS = "e2e-ex-commands";
    private static final String ENVARS = "e2e-ex-envars";
    private static final String MEMORY = "mem-example";
    private static final String INIT = "e2e-ex-init";
    private static final String NGINX_SELECTOR = "e2e-ex-nginx-selector";
    private static final String NGINX_AFFINITY = "e2e-ex-nginx-affinity";
    private static final String NGINX_TOLERATION = "e2e-ex-nginx-toleration";
    private static final String DELETE = "e2e-ex-delete";
    private static final String PULL = "e2e-ex-pull";
    private static final List<String> NAMESPACES = List.of(LIVENESS, GOPROXY, COMMANDS, ENVARS, MEMORY, INIT,
            NGINX_SELECTOR, NGINX_AFFINITY, NGINX_TOLERATION, DELETE, PULL);

    private final Cluster cluster;
    private final Kube kube;
    private final KubernetesClient client;
    private final List<String> pullReasons = new CopyOnWriteArrayList<>();
    private DnsResponder dns;
    private HostWebServer web;
    private Watch pullWatch;

    PodExamplesIT(Cluster cluster) {
        this.cluster = cluster;
        this.kube = cluster.kube();
        this.client = cluster.client();
    }

    @BeforeAll
    void createEveryPod() {
        dns = DnsResponder.start(cluster.hostAddress(), 53, cluster.hostAddress());
        web = HostWebServer.start(cluster.hostAddress(), 80, PAGE);
        NAMESPACES.forEach(kube::createNamespace);
        // as the "Assign Pods to Nodes" task does before applying pod-nginx.yaml
        kube.labelNode("e2e-node-1", "disktype", "ssd");
        pullWatch = client.pods().inNamespace(PULL).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                recordPullReason(pod);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });

        kube.apply(SharedExamples.manifest("pods/probe/exec-liveness.yaml"), LIVENESS);
        kube.apply(SharedExamples.manifest("pods/probe/tcp-liveness-readiness.yaml"), GOPROXY);
        kube.apply(SharedExamples.manifest("pods/commands.yaml"), COMMANDS);
        kube.apply(SharedExamples.manifest("pods/inject/envars.yaml"), ENVARS);
        kube.apply(SharedExamples.manifest("pods/resource/memory-request-limit.yaml"), null);
        kube.apply(SharedExamples.manifest("pods/init-containers.yaml"), INIT);
        kube.apply(SharedExamples.manifest("pods/pod-nginx.yaml"), NGINX_SELECTOR);
        kube.apply(SharedExamples.manifest("pods/pod-nginx-required-affinity.yaml"), NGINX_AFFINITY);
        kube.apply(SharedExamples.manifest("pods/pod-with-toleration.yaml"), NGINX_TOLERATION);
        kube.applyText("""
                apiVersion: v1
                kind: Pod
                metadata: {name: nope}
                spec:
                  containers:
                  - {name: nope, image: "127.0.0.1:1/nope:1"}
                """, PULL);
        kube.applyText("""
                apiVersion: v1
                kind: Pod
                metadata: {name: quick-stop}
                spec:
                  containers:
                  - {name: web, image: "nginx:1.14.2"}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: ignores-term}
                spec:
                  terminationGracePeriodSeconds: 3
                  containers:
                  - name: shell
                    image: busybox:1.28
                    command: ["sh", "-c", "trap '' TERM; while true; do sleep 1; done"]
                """, DELETE);
    }

    private void recordPullReason(Pod pod) {
        String reason = Pods.waitingReason(Pods.container(pod));
        if (reason != null && (pullReasons.isEmpty() || !pullReasons.get(pullReasons.size() - 1).equals(reason))) {
            pullReasons.add(reason);
        }
    }

    @AfterAll
    void cleanUp() {
        if (pullWatch != null) {
            pullWatch.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (web != null) {
            web.close();
        }
        // the pods go with their namespaces (the node agents stop their containers); later classes get a quiet node
        for (String ns : NAMESPACES) {
            client.namespaces().withName(ns).delete();
        }
    }

    private Pod awaitPod(String namespace, String name, String what, java.util.function.Predicate<Pod> condition) {
        return await(namespace + "/" + name + " " + what).atMost(WAIT).pollInterval(POLL)
                .until(() -> Pods.get(client, namespace, name), p -> p != null && condition.test(p));
    }

    @ParameterizedTest(name = "{0}/{1} runs and is Ready")
    @CsvSource({
            ENVARS + ", envar-demo",
            MEMORY + ", memory-demo",
            INIT + ", init-demo",
            GOPROXY + ", goproxy",
            NGINX_SELECTOR + ", nginx",
            NGINX_AFFINITY + ", nginx",
            NGINX_TOLERATION + ", nginx",
            LIVENESS + ", liveness-exec"})
    void examplePodRunsAndIsReady(String namespace, String name) {
        Pod pod = awaitPod(namespace, name, "Running and Ready", Pods::runningAndReady);
        assertThat(pod.getSpec().getNodeName()).isIn(Cluster.NODE_NAMES);
        assertThat(pod.getStatus().getPodIP()).startsWith("10.245.");
        assertThat(pod.getStatus().getHostIP()).isEqualTo(cluster.node(pod.getSpec().getNodeName()).address());
        assertThat(Pods.containers(pod)).allSatisfy(c -> {
            assertThat(c.getReady()).isTrue();
            assertThat(c.getState().getRunning()).isNotNull();
            assertThat(Docker.inspect(Docker.idOf(c.getContainerID()), "{{.State.Status}}")).isEqualTo("running");
        });
    }

    @Test
    void podsWithANodeSelectorOrRequiredAffinityLandOnTheLabelledNode() {
        for (String ns : List.of(NGINX_SELECTOR, NGINX_AFFINITY)) {
            Pod pod = awaitPod(ns, "nginx", "scheduled", p -> p.getSpec().getNodeName() != null);
            assertThat(pod.getSpec().getNodeName()).as(ns).isEqualTo("e2e-node-1");
        }
    }

    @Test
    void execLivenessFailureRestartsTheContainer() {
        Pod running = awaitPod(LIVENESS, "liveness-exec", "running", p -> Pods.dockerId(p) != null
                && Pods.container(p).getState().getRunning() != null);
        String firstId = Pods.dockerId(running);
        // the probe fails once /tmp/healthy is gone (30 s in) three times in a row (period 5 s): a restart ~45 s in
        Pod restarted = await("liveness-exec restarted").atMost(WAIT).pollInterval(POLL)
                .until(() -> Pods.get(client, LIVENESS, "liveness-exec"), p -> Pods.restartCount(p) >= 1);
        ContainerStatus c = Pods.container(restarted);
        assertThat(c.getLastState().getTerminated()).as("lastState.terminated").isNotNull();
        Instant started = Pods.time(c.getLastState().getTerminated().getStartedAt());
        Instant killed = Pods.time(c.getLastState().getTerminated().getFinishedAt());
        System.out.println("PodExamplesIT: liveness-exec's first container lived " + Duration.between(started, killed));
        assertThat(Duration.between(started, killed)).as("lifetime of the first container")
                .isBetween(Duration.ofSeconds(34), Duration.ofSeconds(90));
        assertThat(c.getLastState().getTerminated().getExitCode()).as("killed (SIGKILL after TERM)").isNotZero();
        await("the new container runs").atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
            Pod p = Pods.get(client, LIVENESS, "liveness-exec");
            assertThat(Pods.dockerId(p)).isNotNull().isNotEqualTo(firstId);
            assertThat(Docker.inspect(Pods.dockerId(p), "{{.State.Status}}")).isEqualTo("running");
        });
        List<Event> events = client.v1().events().inNamespace(LIVENESS).list().getItems();
        assertThat(events).filteredOn(e -> "Unhealthy".equals(e.getReason())).extracting(Event::getMessage)
                .anyMatch(m -> m.startsWith("Liveness probe failed:"));
        // the kill decision: the third failure in a row after /tmp/healthy went 30 s in (probes every 5 s); the
        // container then still lives its 30 s grace period (its sh ignores SIGTERM), as on Kubernetes
        Event killing = events.stream().filter(e -> "Killing".equals(e.getReason())).findFirst().orElseThrow();
        Duration killedAfter = Duration.between(started, eventTime(killing));
        System.out.println("PodExamplesIT: liveness-exec's Killing event " + killedAfter + " after its start: "
                + killing.getMessage());
        assertThat(killedAfter).as("Killing event after the container's start").isBetween(Duration.ofSeconds(34),
                Duration.ofSeconds(60));
        assertThat(killing.getMessage()).contains("failed liveness probe, will be restarted");
    }

    private static Instant eventTime(Event e) {
        if (e.getFirstTimestamp() != null) {
            return Instant.parse(e.getFirstTimestamp());
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return Instant.parse(e.getEventTime().getTime());
        }
        return Instant.parse(e.getMetadata().getCreationTimestamp());
    }

    @Test
    void tcpProbesMakeGoproxyReadyAfterItsInitialDelayAndKeepItLive() {
        Pod ready = awaitPod(GOPROXY, "goproxy", "Ready", Pods::ready);
        PodCondition readyCondition = Pods.condition(ready, "Ready").orElseThrow();
        Instant readyAt = Pods.time(readyCondition.getLastTransitionTime());
        Instant started = Pods.time(Pods.container(ready).getState().getRunning().getStartedAt());
        System.out.println("PodExamplesIT: goproxy Ready " + Duration.between(started, readyAt) + " after its start");
        // timestamps have whole seconds: 15 s of initial delay can show as 14
        assertThat(Duration.between(started, readyAt)).as("Ready after the 15 s initial delay")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(14));
        String id = Pods.dockerId(ready);

        // "stays live" is a property over time: let 30 s pass after Ready (3 liveness periods), then the pod must be
        // unchanged: same container, no restart, Ready since the same transition
        Instant until = readyAt.plusSeconds(31);
        await("30 s after Ready").atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                .until(() -> Instant.now().isAfter(until));
        Pod later = Pods.get(client, GOPROXY, "goproxy");
        assertThat(Pods.restartCount(later)).isZero();
        assertThat(Pods.dockerId(later)).isEqualTo(id);
        assertThat(Pods.condition(later, "Ready").orElseThrow())
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"))
                .satisfies(c -> assertThat(c.getLastTransitionTime()).isEqualTo(readyCondition.getLastTransitionTime()));
    }

    @Test
    void commandsPrintsItsHostnameAndTheKubernetesServiceThenCompletes() {
        Pod done = awaitPod(COMMANDS, "command-demo", "Succeeded", p -> "Succeeded".equals(p.getStatus().getPhase()));
        ContainerStatus c = Pods.container(done);
        assertThat(c.getState().getTerminated()).isNotNull();
        assertThat(c.getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(c.getState().getTerminated().getExitCode()).isZero();
        String clusterIp = client.services().inNamespace("default").withName("kubernetes").get().getSpec().getClusterIP();
        assertThat(clusterIp).startsWith(Cluster.SERVICE_PREFIX);
        assertThat(kube.logs(COMMANDS, "command-demo", null)).isEqualTo("command-demo\ntcp://" + clusterIp + ":443\n");
        String table = kube.getPodTable(COMMANDS, "command-demo");
        if (table != null) {
            assertThat(table).contains("Completed");
        }
    }

    @Test
    void envarsAreInTheContainersEnvironment() {
        Pod pod = awaitPod(ENVARS, "envar-demo", "Running", p -> Pods.dockerId(p) != null
                && Pods.container(p).getState().getRunning() != null);
        String env = Docker.inspect(Pods.dockerId(pod), "{{json .Config.Env}}");
        assertThat(env).contains("\"DEMO_GREETING=Hello from the environment\"", "\"DEMO_FAREWELL=Such a sweet sorrow\"");
    }

    @Test
    void memoryLimitIsTheContainersDockerMemoryLimitAndStressStaysUnderIt() {
        Pod pod = awaitPod(MEMORY, "memory-demo", "Running", p -> Pods.dockerId(p) != null
                && Pods.container(p).getState().getRunning() != null);
        String id = Pods.dockerId(pod);
        assertThat(Docker.inspect(id, "{{.HostConfig.Memory}}")).isEqualTo("209715200");
        // stress holds 150M of its 200Mi at once; an OOM kill would come within a second or two. Give it 10 s of
        // running, then it must still be the same container, never restarted, not OOM-killed
        Instant started = Pods.time(Pods.container(pod).getState().getRunning().getStartedAt());
        await("10 s of stress").atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                .until(() -> Instant.now().isAfter(started.plusSeconds(10)));
        Pod later = Pods.get(client, MEMORY, "memory-demo");
        assertThat(later.getStatus().getPhase()).isEqualTo("Running");
        assertThat(Pods.restartCount(later)).isZero();
        assertThat(Pods.dockerId(later)).isEqualTo(id);
        assertThat(Docker.inspect(id, "{{.State.Status}} {{.State.OOMKilled}}")).isEqualTo("running false");
    }

    @Test
    void initContainerFetchesThePageFirstAndNginxServesItAfter() throws Exception {
        Pod pod = awaitPod(INIT, "init-demo", "Running and Ready", Pods::runningAndReady);
        ContainerStatus init = Pods.initContainers(pod).get(0);
        assertThat(init.getName()).isEqualTo("install");
        assertThat(init.getState().getTerminated()).isNotNull();
        assertThat(init.getState().getTerminated().getExitCode()).isZero();
        assertThat(init.getState().getTerminated().getReason()).isEqualTo("Completed");
        // in order: the init container had finished before the nginx container started (engine's own clock, ns)
        Instant initFinished = Instant.parse(Docker.inspect(Docker.idOf(init.getContainerID()), "{{.State.FinishedAt}}"));
        Instant nginxStarted = Instant.parse(Docker.inspect(Pods.dockerId(pod), "{{.State.StartedAt}}"));
        assertThat(initFinished).isBefore(nginxStarted);

        assertThat(dns.asked()).contains("info.cern.ch");
        assertThat(web.hosts()).contains("info.cern.ch");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + pod.getStatus().getPodIP() + ":80/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(PAGE);
    }

    @Test
    void deletingAPodStopsItsContainersWithinItsGracePeriod() {
        record Deleted(String name, String uid, long graceSeconds) {
        }
        List<Deleted> pods = new ArrayList<>();
        for (String name : List.of("quick-stop", "ignores-term")) {
            Pod p = awaitPod(DELETE, name, "Running", Pods::runningAndReady);
            pods.add(new Deleted(name, p.getMetadata().getUid(), p.getSpec().getTerminationGracePeriodSeconds()));
            assertThat(Docker.containers("io.kubernetes.pod.uid=" + p.getMetadata().getUid(), false))
                    .as("sandbox and container of " + name).hasSize(2);
        }
        Instant deleted = Instant.now();
        pods.forEach(p -> kube.deletePod(DELETE, p.name()));
        for (Deleted p : pods) {
            await(p.name() + "'s containers stopped").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> Docker.containers("io.kubernetes.pod.uid=" + p.uid(), false).isEmpty());
            Duration took = Duration.between(deleted, Instant.now());
            System.out.println("PodExamplesIT: " + p.name() + "'s containers stopped " + took + " after the delete");
            // 3 s of slack over the grace period for the kubelet to see the deletion and the engine to report
            assertThat(took).as(p.name() + ": stopped within its grace period of " + p.graceSeconds() + " s")
                    .isLessThanOrEqualTo(Duration.ofSeconds(p.graceSeconds() + 3));
            if (p.name().equals("ignores-term")) {
                // it ignores SIGTERM: only the SIGKILL at the end of its 3 s grace period stops it
                assertThat(took).as("ignores-term outlived SIGTERM").isGreaterThanOrEqualTo(Duration.ofMillis(2500));
            }
        }
        await("pods gone from the API").atMost(WAIT).pollInterval(POLL)
                .until(() -> client.pods().inNamespace(DELETE).list().getItems().isEmpty());
    }

    @Test
    void unpullableImageShowsErrImagePullThenImagePullBackOff() {
        await("ErrImagePull, then ImagePullBackOff").atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
            recordPullReason(Pods.get(client, PULL, "nope"));
            int err = pullReasons.indexOf("ErrImagePull");
            assertThat(err).as("ErrImagePull seen, in " + pullReasons).isNotNegative();
            assertThat(pullReasons.subList(err, pullReasons.size())).as("after ErrImagePull").contains("ImagePullBackOff");
        });
        Pod pod = Pods.get(client, PULL, "nope");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(Pods.container(pod).getState().getWaiting().getMessage()).contains("127.0.0.1:1/nope:1");
    }
}
