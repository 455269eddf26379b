package io.kubeboot.apiserver;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.kubeboot.testkit.ChannelWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pods/{name}/exec} end to end against a fake kubelet (a Reactor Netty WebSocket server on 127.0.0.1 that
 * speaks the remote-command channels: it echoes stdin on stdout until the v5 close signal or the connection's end,
 * then sends the exit status named by the command): the apiserver negotiates the client's subprotocol with the
 * kubelet and relays every message both ways; the kubelet's refusals and the apiserver's own errors reach the
 * client as upstream's do.
 */
class PodExecIT extends ApiServerITBase {
    private static DisposableServer kubelet;
    /** Request URIs and subprotocols the fake kubelet saw. */
    private static final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();

    KubernetesClient client;
    String ns;
    String node;

    @BeforeAll
    static void startKubelet() {
        kubelet = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/exec/{ns}/{pod}/missing", (req, resp) -> resp.status(500)
                                .header("Content-Type", "text/plain; charset=utf-8")
                                .sendString(Mono.just("container not found (\"missing\")")))
                        .ws("/exec/{ns}/{pod}/{container}", (in, out) -> {
                            String uri = ((reactor.netty.http.server.HttpServerRequest) in).uri();
                            requests.add(in.selectedSubprotocol() + " " + uri.substring(uri.indexOf("/exec/")));
                            Sinks.Many<WebSocketFrame> frames = Sinks.many().unicast().onBackpressureBuffer();
                            frames.tryEmitNext(frame(1, ""));
                            // the inbound is read to its end: cancelling it would make Reactor Netty close at once
                            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
                            Runnable finish = () -> {
                                if (done.compareAndSet(false, true)) {
                                    frames.tryEmitNext(frame(2, "bye\n"));
                                    frames.tryEmitNext(frame(3, "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"x\","
                                            + "\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"4\"}]}}"));
                                    frames.tryEmitComplete();
                                }
                            };
                            Mono<Void> echo = in.aggregateFrames().receiveFrames()
                                    .filter(f -> f instanceof BinaryWebSocketFrame)
                                    .map(f -> ByteBufUtil.getBytes(f.content()))
                                    .doOnNext(b -> {
                                        if (b.length == 2 && (b[0] & 0xff) == 255 && b[1] == 0) {
                                            finish.run();
                                        } else if (b.length > 0 && b[0] == 0 && !done.get()) {
                                            frames.tryEmitNext(frame(1, new String(b, 1, b.length - 1, StandardCharsets.UTF_8)));
                                        }
                                    })
                                    .then()
                                    .doFinally(sig -> finish.run());
                            if (!uri.contains("input=1")) {
                                finish.run();
                            }
                            echo.subscribe();
                            return out.sendObject(frames.asFlux()).then().then(Mono.defer(() -> out.sendClose(1000, "")));
                        }, WebsocketServerSpec.builder().protocols("v5.channel.k8s.io,v4.channel.k8s.io").build()))
                .bindNow();
    }

    private static WebSocketFrame frame(int channel, String data) {
        byte[] d = data.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[d.length + 1];
        b[0] = (byte) channel;
        System.arraycopy(d, 0, b, 1, d.length);
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(b));
    }

    @AfterAll
    static void stopKubelet() {
        kubelet.disposeNow();
    }

    @BeforeEach
    void setUp() {
        client = fabric8Client();
        ns = createNamespace("exec");
        node = uniqueName("exec-node");
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(kubelet.port()).endKubeletEndpoint()
                .endDaemonEndpoints().endStatus().build()).create();
        createPod("one", node, "app");
        createPod("two", node, "app", "side");
        createPod("unbound", null, "app");
        requests.clear();
    }

    @AfterEach
    void tearDown() {
        client.nodes().withName(node).delete();
        client.close();
    }

    private void createPod(String name, String nodeName, String... containers) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withNodeName(nodeName).endSpec();
        for (String c : containers) {
            b.editSpec().addNewContainer().withName(c).withImage("busybox").endContainer().endSpec();
        }
        client.pods().inNamespace(ns).resource(b.build()).create();
    }

    private String execPath(String pod, String query) {
        return "/api/v1/namespaces/" + ns + "/pods/" + pod + "/exec?" + query;
    }

    private ChannelWebSocket.Session webSocket(String path, String protocol, List<byte[]> send) throws Exception {
        return ChannelWebSocket.exchange(URI.create("ws://127.0.0.1:" + port + path), protocol, send, Duration.ofSeconds(20));
    }

    @Test
    void relaysV5MessagesBothWaysWithTheNegotiatedSubprotocol() throws Exception {
        ChannelWebSocket.Session r = webSocket(execPath("one", "command=cat&stdin=true&stdout=true&stderr=true"), "v5.channel.k8s.io",
                List.of(new byte[] {0, 'h', 'i', '\n'}, new byte[] {(byte) 255, 0}));
        assertThat(r.subprotocol()).isEqualTo("v5.channel.k8s.io");
        assertThat(r.channel(1)).isEqualTo("hi\n");
        assertThat(r.channel(2)).isEqualTo("bye\n");
        assertThat(r.channel(3)).contains("\"reason\":\"NonZeroExitCode\"");
        assertThat(r.closeCode()).isEqualTo(1000);
        assertThat(requests).containsExactly("v5.channel.k8s.io /exec/" + ns + "/one/app?command=cat&error=1&input=1&output=1");
    }

    @Test
    void fabric8ExecGetsOutputAndExitCode() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(ns).withName("one").writingError(err).exec("sh", "-c", "exit 4")) {
            assertThat(watch.exitCode().get(20, TimeUnit.SECONDS)).isEqualTo(4);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("bye\n");
        assertThat(requests).containsExactly("v4.channel.k8s.io /exec/" + ns + "/one/app?command=sh&command=-c&command=exit+4&error=1");
    }

    @Test
    void apiserverErrorsAreStatuses() {
        HttpResponse<String> noCommand = get(execPath("one", "stdout=true"));
        assertThat(noCommand.statusCode()).isEqualTo(400);
        assertThat(noCommand.body()).contains("\"message\":\"you must specify at least 1 command\"");
        HttpResponse<String> choose = get(execPath("two", "command=ls&stdout=true"));
        assertThat(choose.statusCode()).isEqualTo(400);
        assertThat(choose.body()).contains("a container name must be specified for pod two, choose one of: [app side]");
        HttpResponse<String> invalid = get(execPath("one", "command=ls&stdout=true&container=nope"));
        assertThat(invalid.body()).contains("container nope is not valid for pod one");
        HttpResponse<String> unbound = get(execPath("unbound", "command=ls&stdout=true"));
        assertThat(unbound.statusCode()).isEqualTo(400);
        assertThat(unbound.body()).contains("pod unbound does not have a host assigned");
        HttpResponse<String> plain = get(execPath("one", "command=ls&stdout=true"));
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("Upgrade request required");
        HttpResponse<String> missingPod = get(execPath("absent", "command=ls&stdout=true"));
        assertThat(missingPod.statusCode()).isEqualTo(404);
    }

    @Test
    void aKubeletRefusalPassesThroughUnchanged() throws Exception {
        createPod("three", node, "missing");
        CompletableFuture<WebSocket> ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("v5.channel.k8s.io")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + execPath("three", "command=ls&stdout=true")),
                        new WebSocket.Listener() {
                        });
        assertThat(ws).failsWithin(java.time.Duration.ofSeconds(10)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(java.net.http.WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(500));

        // what kubectl's SPDY fallback then sends: the kubelet's own answer, status and text, unchanged
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("POST " + execPath("three", "command=ls&stdout=true") + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            java.io.InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buf = new byte[1024];
            int n;
            while (!answer.toString().endsWith("\")") && (n = in.read(buf)) > 0) {
                answer.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 500").endsWith("container not found (\"missing\")");
        }
    }
}
