package io.kubeboot.apiserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.kubeboot.testkit.Kubectl;
import io.kubeboot.testkit.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code pods/{name}/log} end to end: the apiserver finds the pod's node, connects to the kubelet port the Node
 * publishes (a tiny HTTP server on 127.0.0.1 plays the kubelet's {@code /containerLogs}) and streams its answer
 * to fabric8 and kubectl, flushing while following. Also every error the apiserver itself answers.
 */
class PodLogIT extends ApiServerITBase {
    private static HttpServer kubelet;
    /** Request URIs the fake kubelet saw (path and query). */
    private static final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    /** Opened by the test to let the following stream send its second line. */
    private static volatile CountDownLatch secondLine = new CountDownLatch(1);

    KubernetesClient client;
    String ns;
    String node;

    @BeforeAll
    static void startKubelet() throws IOException {
        kubelet = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        kubelet.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        kubelet.createContext("/containerLogs/", PodLogIT::serveLogs);
        kubelet.start();
    }

    @AfterAll
    static void stopKubelet() {
        kubelet.stop(0);
    }

    /** The kubelet's /containerLogs/{ns}/{pod}/{container}, scripted by container name. */
    private static void serveLogs(HttpExchange ex) throws IOException {
        String uri = ex.getRequestURI().toString();
        requests.add(uri);
        String[] parts = ex.getRequestURI().getPath().split("/");
        String pod = parts[3];
        String container = parts[4];
        Map<String, String> q = queryOf(ex.getRequestURI().getRawQuery());
        try (ex) {
            if (q.containsKey("previous")) {
                text(ex, 400, "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found");
                return;
            }
            if (container.equals("gone")) {
                text(ex, 404, "container \"gone\" not found in pod \"" + pod + "\"");
                return;
            }
            if (q.containsKey("follow")) {
                ex.getResponseHeaders().set("Content-Type", "text/plain");
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                out.write("first\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    secondLine.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write("second\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
            List<String> lines = List.of(container + " line 1", container + " line 2", container + " line 3");
            if (q.containsKey("tailLines")) {
                int n = Integer.parseInt(q.get("tailLines"));
                lines = lines.subList(Math.max(0, lines.size() - n), lines.size());
            }
            StringBuilder body = new StringBuilder();
            lines.forEach(l -> body.append(l).append('\n'));
            text(ex, 200, body.toString());
        }
    }

    private static Map<String, String> queryOf(String raw) {
        Map<String, String> q = new java.util.HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                String[] p = kv.split("=", 2);
                q.put(p[0], p.length > 1 ? java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static void text(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
    }

    @BeforeEach
    void setUp() {
        client = fabric8Client();
        ns = createNamespace("logs");
        node = uniqueName("logs-node");
        createNode(node, "InternalIP", "127.0.0.1", kubelet.getAddress().getPort());
        secondLine = new CountDownLatch(1);
        requests.clear();
    }

    @AfterEach
    void tearDown() {
        secondLine.countDown();
        client.nodes().withName(node).delete();
        client.close();
    }

    private void createNode(String name, String addressType, String address, int port) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus()
                .addNewAddress().withType("Hostname").withAddress("some-host").endAddress()
                .addNewAddress().withType(addressType).withAddress(address).endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(port).endKubeletEndpoint().endDaemonEndpoints()
                .endStatus().build()).create();
    }

    private void createPod(String name, String nodeName, Map<String, String> annotations, String... containers) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(nodeName).endSpec();
        for (String c : containers) {
            b.editSpec().addNewContainer().withName(c).withImage("busybox").endContainer().endSpec();
        }
        client.pods().inNamespace(ns).resource(b.build()).create();
    }

    private String logPath(String pod, String query) {
        return "/api/v1/namespaces/" + ns + "/pods/" + pod + "/log" + (query.isEmpty() ? "" : "?" + query);
    }

    @Test
    void fabric8ReadsTheKubeletsLogAndTail() {
        createPod("web", node, Map.of(), "app");
        assertThat(client.pods().inNamespace(ns).withName("web").getLog()).isEqualTo("app line 1\napp line 2\napp line 3\n");
        assertThat(client.pods().inNamespace(ns).withName("web").tailingLines(2).getLog()).isEqualTo("app line 2\napp line 3\n");
        assertThat(requests).contains("/containerLogs/" + ns + "/web/app", "/containerLogs/" + ns + "/web/app?tailLines=2");
        assertThat(client.pods().inNamespace(ns).withName("web").inContainer("app").usingTimestamps().limitBytes(10).getLog())
                .isNotEmpty();
        assertThat(requests).contains("/containerLogs/" + ns + "/web/app?limitBytes=10&timestamps=true");
    }

    @Test
    void plainHttpAnswerIsTextPlainWithTheKubeletsBytes() {
        createPod("web", node, Map.of(), "app");
        HttpResponse<String> r = get(logPath("web", "sinceSeconds=5&insecureSkipTLSVerifyBackend=true"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body()).isEqualTo("app line 1\napp line 2\napp line 3\n");
        assertThat(requests).contains("/containerLogs/" + ns + "/web/app?sinceSeconds=5");
    }

    @Test
    void followIsFlushedAsTheKubeletWrites() throws Exception {
        createPod("tail", node, Map.of(), "app");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LogWatch watch = client.pods().inNamespace(ns).withName("tail").watchLog(out)) {
            // the first line arrives while the kubelet still holds the second back: nothing is buffered on the way
            await().atMost(Duration.ofSeconds(15)).until(() -> out.toString(StandardCharsets.UTF_8).contains("first\n"));
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("second");
            secondLine.countDown();
            await().atMost(Duration.ofSeconds(15)).until(() -> out.toString(StandardCharsets.UTF_8).contains("second\n"));
        }
        assertThat(requests).contains("/containerLogs/" + ns + "/tail/app?follow=true");
    }

    @Test
    void kubectlLogs() throws Exception {
        assumeTrue(Kubectl.available(), "kubectl not found at " + Kubectl.binary() + ": kubectl logs skipped");
        Kubectl kubectl = new Kubectl(baseUrl());
        createPod("web", node, Map.of(), "app");
        assertThat(kubectl.run("logs", "-n", ns, "web").assertOk().out()).isEqualTo("app line 1\napp line 2\napp line 3\n");
        assertThat(kubectl.run("logs", "-n", ns, "web", "--tail=1").assertOk().out()).isEqualTo("app line 3\n");
        // kubectl picks the container named by kubectl.kubernetes.io/default-container (client side, as upstream)
        createPod("multi", node, Map.of("kubectl.kubernetes.io/default-container", "b"), "a", "b");
        Kubectl.Result multi = kubectl.run("logs", "-n", ns, "multi").assertOk();
        assertThat(multi.out()).isEqualTo("b line 1\nb line 2\nb line 3\n");
        assertThat(kubectl.run("logs", "-n", ns, "multi", "-c", "a").assertOk().out()).startsWith("a line 1");

        Kubectl.Result previous = kubectl.run("logs", "-n", ns, "web", "--previous");
        assertThat(previous.exitCode()).isNotZero();
        assertThat(previous.err()).contains("previous terminated container \"app\" in pod \"web\" not found");

        java.nio.file.Path followOut = java.nio.file.Files.createTempFile("kubectl-follow", ".out");
        Process follow = kubectl.start(followOut, "logs", "-f", "-n", ns, "web");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> java.nio.file.Files.readString(followOut).contains("first"));
            assertThat(java.nio.file.Files.readString(followOut)).doesNotContain("second");
            secondLine.countDown();
            assertThat(follow.waitFor(20, TimeUnit.SECONDS)).as("kubectl logs -f ends with the stream").isTrue();
            assertThat(java.nio.file.Files.readString(followOut)).isEqualTo("first\nsecond\n");
        } finally {
            follow.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "two containers, none named | a,b | '' | 400 | BadRequest | a container name must be specified for pod p, choose one of: [a b]",
            "unknown container | a | container=zzz | 400 | BadRequest | container zzz is not valid for pod p",
            "kubelet: no previous container | a | previous=true | 400 | BadRequest | previous terminated container \"a\" in pod \"p\" not found",
            "kubelet: 404 | gone | '' | 404 | NotFound | the server could not find the requested resource ( pods/log p)",
            "sinceSeconds and sinceTime | a | sinceSeconds=1&sinceTime=2024-01-01T00:00:00Z | 422 | Invalid | PodLogOptions \"p\" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified",
            "negative tailLines | a | tailLines=-1 | 422 | Invalid | PodLogOptions \"p\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0",
            "tailLines not a number | a | tailLines=x | 400 | BadRequest | strconv.ParseInt: parsing \"x\": invalid syntax",
    })
    void errors(String name, String containers, String query, int code, String reason, String message) throws Exception {
        createPod("p", node, Map.of(), containers.split(","));
        assertStatus(get(logPath("p", query)), code, reason, message);
    }

    @Test
    void fabric8SeesTheErrorsToo() {
        createPod("two", node, Map.of(), "a", "b");
        assertThatThrownBy(() -> client.pods().inNamespace(ns).withName("two").getLog())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("a container name must be specified for pod two, choose one of: [a b]");
                });
    }

    @Test
    void missingPodIs404() throws Exception {
        assertStatus(get(logPath("nope", "")), 404, "NotFound", "pods \"nope\" not found");
    }

    @Test
    void podNotBoundToANodeIsNoContent() {
        createPod("pending", null, Map.of(), "a");
        HttpResponse<String> r = get(logPath("pending", ""));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(client.pods().inNamespace(ns).withName("pending").getLog()).isEmpty();
    }

    @Test
    void podOnAMissingNodeIs404ForTheNode() throws Exception {
        createPod("orphan", "no-such-node", Map.of(), "a");
        assertStatus(get(logPath("orphan", "")), 404, "NotFound", "nodes \"no-such-node\" not found");
    }

    @Test
    void nodeAddressesOfOtherMachinesAreRefused() throws Exception {
        String far = uniqueName("far-node");
        createNode(far, "InternalIP", "10.255.255.1", 10250);
        try {
            createPod("far", far, Map.of(), "a");
            HttpResponse<String> r = get(logPath("far", ""));
            assertStatus(r, 503, "ServiceUnavailable", null);
            assertThat(r.body()).contains("refusing to connect to node \\\"" + far + "\\\" at \\\"10.255.255.1\\\"");
        } finally {
            client.nodes().withName(far).delete();
        }
    }

    @Test
    void unreachableKubeletIsGosDialError() throws Exception {
        String dead = uniqueName("dead-node");
        int port = Ports.free();
        createNode(dead, "InternalIP", "127.0.0.1", port);
        try {
            createPod("dead", dead, Map.of(), "a");
            assertStatus(get(logPath("dead", "follow=true")), 500, "",
                    "Get \"http://127.0.0.1:" + port + "/containerLogs/" + ns + "/dead/a?follow=true\": dial tcp 127.0.0.1:"
                            + port + ": connect: connection refused");
        } finally {
            client.nodes().withName(dead).delete();
        }
    }

    @Test
    void discoveryListsPodsLog() {
        HttpResponse<String> r = get("/api/v1");
        assertThat(r.body()).contains("\"name\":\"pods/log\"");
    }

    private static void assertStatus(HttpResponse<String> r, int code, String reason, String message) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(code);
        var status = io.kubeboot.api.json.Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("code").asInt()).isEqualTo(code);
        assertThat(status.path("reason").asText("")).isEqualTo(reason);
        if (message != null) {
            assertThat(status.path("message").asText()).isEqualTo(message);
        }
    }
}
