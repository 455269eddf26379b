package io.kubeboot.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.testkit.SharedExamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Services end to end ("Connecting Applications with Services"): the two nginx stand-ins of
 * {@code service/networking/run-my-nginx.yaml} behind {@code service/networking/nginx-svc.yaml} (both unchanged),
 * reached through the ClusterIP from a third pod, through a NodePort on each node's address from the host, and a
 * deleted pod leaving the rotation within a second. Which pod served a request is read from its access log (the
 * stand-ins log one line per request, as nginx does). All traffic stays on this machine: the host, the e2e pods and
 * the ClusterIP / node addresses the node agents made local.
 */
@ExtendWith(ClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServiceRoutingIT {
    private static final String NS = "e2e-svc";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String NODE_PORT_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: my-nginx-nodeport}
            spec:
              type: NodePort
              selector: {run: my-nginx}
              ports:
              - {port: 80, protocol: TCP}
            """;
    /**
     * A third pod: 20 requests to the Service (its address from the injected MY_NGINX_SERVICE_* variables). No
     * {@code wget -T}: the busybox stand-in crashes on it.
     */
    private static final String CLIENT = """
            apiVersion: v1
            kind: Pod
            metadata: {name: client}
            spec:
              restartPolicy: Never
              containers:
              - name: wget
                image: busybox:1.28
                command: ["sh", "-c", "for i in $(seq 1 20); do if wget -q -O /dev/null http://$MY_NGINX_SERVICE_HOST:$MY_NGINX_SERVICE_PORT/; then echo ok $i; else echo fail $i; fi; done"]
            """;

    private final Cluster cluster;
    private final Kube kube;
    private final KubernetesClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServiceRoutingIT(Cluster cluster) {
        this.cluster = cluster;
        this.kube = cluster.kube();
        this.client = cluster.client();
    }

    @BeforeAll
    void deployNginxBehindServices() {
        kube.createNamespace(NS);
        kube.apply(SharedExamples.manifest("service/networking/run-my-nginx.yaml"), NS);
        kube.apply(SharedExamples.manifest("service/networking/nginx-svc.yaml"), NS);
        kube.applyText(NODE_PORT_SERVICE, NS);
        await("two my-nginx pods Running and Ready").atMost(WAIT).pollInterval(POLL)
                .until(() -> nginxPods().stream().filter(Pods::runningAndReady).count() == 2);
        // as upstream's e2e does before it sends traffic to a Service: a pod's readiness reaches the proxies through
        // the EndpointSlice controller, so wait until the slices list both pods' addresses as ready
        await("my-nginx's EndpointSlices list both pods as ready").atMost(WAIT).pollInterval(POLL)
                .until(() -> readySliceAddresses().containsAll(nginxPodIps()));
    }

    private Set<String> nginxPodIps() {
        Set<String> ips = nginxPods().stream().filter(Pods::runningAndReady).map(p -> p.getStatus().getPodIP())
                .collect(Collectors.toSet());
        return ips.size() == 2 ? ips : Set.of("(fewer than two ready pods)");
    }

    private List<String> podPlacement() {
        return nginxPods().stream().map(p -> p.getMetadata().getName() + "@" + p.getSpec().getNodeName() + "/"
                + p.getStatus().getPodIP()).toList();
    }

    private Set<String> readySliceAddresses() {
        return client.discovery().v1().endpointSlices().inNamespace(NS)
                .withLabel("kubernetes.io/service-name", "my-nginx").list().getItems().stream()
                .flatMap(s -> s.getEndpoints().stream())
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .flatMap(e -> e.getAddresses().stream()).collect(Collectors.toSet());
    }

    @AfterAll
    void cleanUp() {
        client.namespaces().withName(NS).delete();
    }

    private List<Pod> nginxPods() {
        return client.pods().inNamespace(NS).withLabel("run", "my-nginx").list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /** Access-log lines of each running my-nginx pod, by pod name, as {@code kubectl logs} shows them. */
    private Map<String, Long> requestsByPod() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Pod p : nginxPods()) {
            if (Pods.runningAndReady(p)) {
                String name = p.getMetadata().getName();
                counts.put(name, kube.logs(NS, name, null).lines().filter(l -> l.contains(": url:")).count());
            }
        }
        return counts;
    }

    /** Failed endpoint dials counted by every node agent's proxy (the ClusterIP's listeners share the port). */
    private double dialFailures() throws IOException, InterruptedException {
        double sum = 0;
        for (Cluster.NodeAgent node : cluster.nodes()) {
            sum += node.metric("kubeproxy_userspace_endpoint_dial_failures_total");
        }
        return sum;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void aThirdPodReachesBothPodsThroughTheClusterIp() {
        Service svc = client.services().inNamespace(NS).withName("my-nginx").get();
        assertThat(svc.getSpec().getClusterIP()).startsWith(Cluster.SERVICE_PREFIX);
        Map<String, Long> before = requestsByPod();
        kube.applyText(CLIENT, NS);
        Pod done = await("client pod Succeeded").atMost(WAIT).pollInterval(POLL)
                .until(() -> Pods.get(client, NS, "client"), p -> p != null && "Succeeded".equals(p.getStatus().getPhase()));
        String out = kube.logs(NS, "client", null);
        assertThat(out.lines().filter(l -> l.startsWith("ok "))).as(out).hasSize(20);
        Map<String, Long> after = requestsByPod();
        assertThat(after.keySet()).hasSize(2);
        long served = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long got = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            assertThat(got).as("requests that reached %s (client on %s; ready slice addresses %s; pods %s)", e.getKey(),
                    done.getSpec().getNodeName(), readySliceAddresses(), podPlacement()).isPositive();
            served += got;
        }
        assertThat(served).isEqualTo(20);
        assertThat(done.getSpec().getNodeName()).isIn(Cluster.NODE_NAMES);
    }

    @Test
    @Order(2)
    void theNodePortReachesBothPodsFromTheHostOnEachNodesAddress() throws Exception {
        int nodePort = client.services().inNamespace(NS).withName("my-nginx-nodeport").get().getSpec().getPorts().get(0)
                .getNodePort();
        for (Cluster.NodeAgent node : cluster.nodes()) {
            String url = "http://" + node.address() + ":" + nodePort + "/";
            // the node agent opens the listener when it has synced the Service and its endpoints
            await(url).atMost(Duration.ofSeconds(30)).pollInterval(POLL).ignoreExceptions()
                    .until(() -> get(url).statusCode() == 200);
            Map<String, Long> before = requestsByPod();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = get(url);
                assertThat(r.statusCode()).as(url).isEqualTo(200);
                assertThat(r.body()).contains("Welcome to nginx!");
            }
            Map<String, Long> after = requestsByPod();
            assertThat(after).hasSize(2);
            after.forEach((pod, n) -> assertThat(n - before.getOrDefault(pod, 0L))
                    .as("requests through " + url + " that reached " + pod).isPositive());
        }
    }

    @Test
    @Order(3)
    void aDeletedPodLeavesTheRotationWithinASecond() throws Exception {
        int nodePort = client.services().inNamespace(NS).withName("my-nginx-nodeport").get().getSpec().getPorts().get(0)
                .getNodePort();
        String clusterIp = client.services().inNamespace(NS).withName("my-nginx").get().getSpec().getClusterIP();
        List<String> urls = new ArrayList<>();
        for (Cluster.NodeAgent node : cluster.nodes()) {
            urls.add("http://" + node.address() + ":" + nodePort + "/");
        }
        urls.add("http://" + clusterIp + ":80/");
        Pod victim = nginxPods().get(0);
        String victimContainer = Pods.dockerId(victim);
        // the victim's access log with the engine's timestamps, followed until its container ends
        Path accessLog = Files.createTempFile("e2e-victim", ".log");
        Process follow = new ProcessBuilder("docker", "logs", "-f", "--timestamps", victimContainer)
                .redirectErrorStream(true).redirectOutput(accessLog.toFile()).start();
        try {
            Instant deleted = Instant.now();
            kube.deletePod(NS, victim.getMetadata().getName());
            // time-based by definition: the requests that count are those made one second after the delete
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), deleted.plusSeconds(1)).toMillis()));
            Instant from = Instant.now();
            double dialFailuresBefore = dialFailures();
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String url = urls.get(i % urls.size());
                long t = System.nanoTime();
                HttpResponse<String> r = get(url);
                millis.add((System.nanoTime() - t) / 1_000_000);
                assertThat(r.statusCode()).as("request " + i + " to " + url).isEqualTo(200);
            }
            System.out.println("ServiceRoutingIT: 30 requests from 1 s after the delete, latencies (ms): " + millis);
            // a request sent first to the deleted pod would still succeed, because the proxy tries another endpoint
            // after a failed dial (upstream's userspace proxy does too); the proxies count those dials
            assertThat(dialFailures() - dialFailuresBefore)
                    .as("dials to an endpoint that did not answer, from 1 s after the delete (latencies (ms): %s)", millis)
                    .isZero();
            await("victim's container gone").atMost(WAIT).pollInterval(POLL)
                    .until(() -> !follow.isAlive() || Docker.containers("io.kubernetes.pod.uid="
                            + victim.getMetadata().getUid(), false).isEmpty());
            follow.waitFor(5, TimeUnit.SECONDS);
            List<String> late = Files.readAllLines(accessLog).stream()
                    .filter(l -> l.contains(": url:"))
                    .filter(l -> !Instant.parse(l.substring(0, l.indexOf(' '))).isBefore(from))
                    .toList();
            assertThat(late).as("requests that reached the deleted pod after " + from).isEmpty();
        } finally {
            follow.destroy();
            Files.deleteIfExists(accessLog);
        }
    }
}
