package io.kubeboot.apiserver.podexec;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.apiserver.config.ApiServerProperties;
import io.kubeboot.apiserver.podlogs.LogLocation;
import io.kubeboot.apiserver.podlogs.NodeAddressGuard;
import io.kubeboot.apiserver.registry.ObjectCodec;
import io.kubeboot.apiserver.registry.Registries;
import io.kubeboot.apiserver.registry.Registry;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.server.WebsocketServerSpec;

import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code GET|POST /api/v1/namespaces/{ns}/pods/{name}/exec}, as upstream's ExecREST with its upgrade-aware proxy:
 * the options are decoded and checked ({@link PodExecOptions}), the container found as {@code pods/log} finds it
 * (400 for an unknown one, or none named in a pod of several), a pod on no node is 400 {@code pod P does not have a
 * host assigned}; only node addresses of this machine are contacted ({@link NodeAddressGuard}).
 *
 * <p>A WebSocket request is carried to the kubelet's {@code /exec/<ns>/<pod>/<container>} as a WebSocket asking for
 * the client's subprotocols; once the kubelet accepts, the client's upgrade is answered with the subprotocol the
 * kubelet chose and every message is relayed unchanged both ways (the channel protocol is the kubelet's:
 * v5/v4/v1 {@code channel.k8s.io}); a close on either side closes the other. When the kubelet refuses the upgrade,
 * its answer (status and plain-text body) reaches the client unchanged, as upstream's proxy passes a non-101 answer
 * through. Other upgrade requests (SPDY) get the kubelet's answer to the same request, which streams only over
 * WebSocket; a request that asks for no upgrade is 400 {@code Upgrade request required}. Thread safe.
 */
@Component
public class PodExecProxy {
    /** Largest message relayed (kubectl sends stdin in 32 KiB pieces). */
    static final int MAX_FRAME = 1 << 20;

    private final Registry<?> pods;
    private final Registry<?> nodes;
    private final List<String> preferredAddressTypes;
    private final NodeAddressGuard guard;
    private final HttpClient http;
    private final ReactorNettyWebSocketClient kubeletClient;
    private final WebSocketService webSockets = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
            () -> WebsocketServerSpec.builder().maxFramePayloadLength(MAX_FRAME)));

    @Autowired
    public PodExecProxy(Registries registries, ApiServerProperties props) {
        this(registries.get(resource("pods")), registries.get(resource("nodes")), props.getKubeletPreferredAddressTypes(),
                new NodeAddressGuard(), HttpClient.create()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) props.getKubeletConnectTimeout().toMillis()));
    }

    PodExecProxy(Registry<?> pods, Registry<?> nodes, List<String> preferredAddressTypes, NodeAddressGuard guard,
                 HttpClient http) {
        this.pods = pods;
        this.nodes = nodes;
        this.preferredAddressTypes = List.copyOf(preferredAddressTypes);
        this.guard = guard;
        this.http = http;
        this.kubeletClient = new ReactorNettyWebSocketClient(http,
                () -> WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME));
    }

    private static ResourceInfo resource(String name) {
        return BuiltinResources.get().byResource("", "v1", name).orElseThrow();
    }

    public Mono<Void> serve(ServerWebExchange exchange, String namespace, String name) {
        PodExecOptions opts = PodExecOptions.parse(exchange.getRequest().getQueryParams());
        opts.validate();
        return mono(pods.get(namespace, name)).flatMap(podKv -> {
            JsonNode pod = ObjectCodec.parseObject(podKv.value());
            String container = LogLocation.container(pod, opts.container());
            String nodeName = pod.path("spec").path("nodeName").asText("");
            if (nodeName.isEmpty()) {
                throw ApiErrors.badRequest("pod " + name + " does not have a host assigned");
            }
            return mono(nodes.get("", nodeName)).flatMap(nodeKv -> {
                LogLocation.Endpoint endpoint = LogLocation.endpoint(ObjectCodec.parseObject(nodeKv.value()), preferredAddressTypes);
                guard.check(nodeName, endpoint.host());
                String location = LogLocation.hostPort(endpoint) + "/exec/" + segment(namespace) + "/" + segment(name)
                        + "/" + segment(container) + "?" + opts.kubeletQuery();
                ServerHttpRequest req = exchange.getRequest();
                String upgrade = req.getHeaders().getUpgrade();
                if (upgrade == null || upgrade.isEmpty()) {
                    throw ApiErrors.badRequest("Upgrade request required");
                }
                if (upgrade.equalsIgnoreCase("websocket") && req.getMethod() == HttpMethod.GET) {
                    return webSocket(exchange, location);
                }
                return passThrough(exchange.getResponse(), location);
            });
        });
    }

    /**
     * Connects to the kubelet first (asking for the client's subprotocols), then answers the client's upgrade with
     * the one the kubelet chose. The kubelet connection runs on its own subscription: Spring's upgrade Mono ends
     * at the handshake, not with the session. Messages cross through two buffers, so whatever the kubelet sent
     * before closing (the exit status last of all) reaches the client before its connection is closed.
     */
    private Mono<Void> webSocket(ServerWebExchange exchange, String location) {
        List<String> requested = requestedProtocols(exchange.getRequest());
        Sinks.One<String> negotiated = Sinks.one();
        Sinks.Many<Message> fromKubelet = Sinks.many().unicast().onBackpressureBuffer();
        Sinks.Many<Message> toKubelet = Sinks.many().unicast().onBackpressureBuffer();
        kubeletClient.execute(URI.create("ws://" + location), new WebSocketHandler() {
                    @Override
                    public List<String> getSubProtocols() {
                        return requested;
                    }

                    @Override
                    public Mono<Void> handle(WebSocketSession kubelet) {
                        String chosen = kubelet.getHandshakeInfo().getSubProtocol();
                        Mono<Void> down = kubelet.receive()
                                .filter(m -> m.getType() == WebSocketMessage.Type.BINARY || m.getType() == WebSocketMessage.Type.TEXT)
                                .doOnNext(m -> fromKubelet.tryEmitNext(Message.of(m)))
                                .doFinally(sig -> fromKubelet.tryEmitComplete())
                                .then();
                        Mono<Void> up = kubelet.send(toKubelet.asFlux().map(m -> m.toMessage(kubelet)))
                                .then(Mono.defer(kubelet::close));
                        negotiated.tryEmitValue(chosen == null ? "" : chosen);
                        return Mono.when(down, up);
                    }
                })
                .doFinally(sig -> fromKubelet.tryEmitComplete())
                .subscribe(v -> { }, e -> {
                    if (!negotiated.tryEmitError(e).isSuccess()) {
                        fromKubelet.tryEmitComplete();
                    }
                });
        // the client's upgrade is answered on its own connection's event loop, not on the kubelet connection's thread
        // that completes the negotiation: answered from another thread, the first frames of a client that writes
        // right after the 101 (kubectl with stdin already at its end) were sometimes lost
        io.netty.channel.Channel clientChannel = io.kubeboot.apiserver.watch.WatchStream.nettyChannel(exchange.getResponse());
        reactor.core.scheduler.Scheduler answerOn = clientChannel == null ? reactor.core.scheduler.Schedulers.immediate()
                : reactor.core.scheduler.Schedulers.fromExecutor(clientChannel.eventLoop());
        return negotiated.asMono()
                .publishOn(answerOn)
                .flatMap(chosen -> webSockets.handleRequest(exchange, new Relay(chosen, fromKubelet, toKubelet)))
                // the Mono ends once the client's upgrade is answered, not with the session: only a failed
                // upgrade ends the kubelet connection here (the Relay ends it when the client's session ends)
                .doOnError(e -> toKubelet.tryEmitComplete())
                .onErrorResume(WebSocketClientHandshakeException.class, e -> passThrough(exchange.getResponse(), location))
                .onErrorMap(e -> !(e instanceof StatusException), e -> dialFailure(location, e));
    }

    /** The kubelet's answer to a request it does not upgrade (an error, or SPDY refused), status and body as given. */
    private Mono<Void> passThrough(ServerHttpResponse resp, String location) {
        return http.get().uri("http://" + location)
                .responseSingle((r, body) -> body.asByteArray().defaultIfEmpty(new byte[0]).map(b -> {
                    resp.setRawStatusCode(r.status().code());
                    String type = r.responseHeaders().get("Content-Type");
                    if (type != null) {
                        resp.getHeaders().set("Content-Type", type);
                    }
                    return b;
                }))
                .flatMap(b -> resp.writeWith(Mono.just(resp.bufferFactory().wrap(b))))
                .onErrorMap(e -> !(e instanceof StatusException), e -> dialFailure(location, e));
    }

    /** Upstream answers a backend it cannot dial with a 500 of unknown reason naming the dial error. */
    static StatusException dialFailure(String location, Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String hostPort = location.substring(0, location.indexOf('/'));
        String why;
        if (t instanceof ConnectTimeoutException) {
            why = "dial tcp " + hostPort + ": i/o timeout";
        } else if (t instanceof ConnectException || String.valueOf(t.getMessage()).contains("Connection refused")) {
            why = "dial tcp " + hostPort + ": connect: connection refused";
        } else {
            why = String.valueOf(t.getMessage());
        }
        return new StatusException(500, "", "error dialing backend: " + why, null);
    }

    /** The client's {@code Sec-WebSocket-Protocol} values in its order (the header may repeat or hold a list). */
    static List<String> requestedProtocols(ServerHttpRequest req) {
        List<String> out = new ArrayList<>();
        for (String header : req.getHeaders().getOrEmpty("Sec-WebSocket-Protocol")) {
            for (String p : header.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.trim());
                }
            }
        }
        return out;
    }

    /** Names are DNS labels/subdomains, so only what a path segment cannot hold needs escaping. */
    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static <T> Mono<T> mono(CompletableFuture<T> f) {
        return Mono.fromFuture(f).onErrorMap(CompletionException.class, e -> e.getCause() != null ? e.getCause() : e);
    }

    /** One relayed message: its payload and whether it is a text message (the base64 protocols). */
    record Message(boolean text, byte[] payload) {
        static Message of(WebSocketMessage m) {
            DataBuffer payload = m.getPayload();
            byte[] b = new byte[payload.readableByteCount()];
            payload.read(b);
            return new Message(m.getType() == WebSocketMessage.Type.TEXT, b);
        }

        WebSocketMessage toMessage(WebSocketSession session) {
            return text ? session.textMessage(new String(payload, StandardCharsets.UTF_8))
                    : session.binaryMessage(f -> f.wrap(payload));
        }
    }

    /** The client's side, upgraded with the subprotocol the kubelet chose, relaying messages both ways. */
    private static final class Relay implements WebSocketHandler {
        private final String subprotocol;
        private final Sinks.Many<Message> fromKubelet;
        private final Sinks.Many<Message> toKubelet;

        Relay(String subprotocol, Sinks.Many<Message> fromKubelet, Sinks.Many<Message> toKubelet) {
            this.subprotocol = subprotocol;
            this.fromKubelet = fromKubelet;
            this.toKubelet = toKubelet;
        }

        @Override
        public List<String> getSubProtocols() {
            return subprotocol.isEmpty() ? List.of() : List.of(subprotocol);
        }

        @Override
        public Mono<Void> handle(WebSocketSession session) {
            Mono<Void> toClient = session.send(fromKubelet.asFlux().map(m -> m.toMessage(session)))
                    .onErrorResume(e -> Mono.empty())
                    .then(Mono.defer(session::close));
            Mono<Void> fromClient = session.receive()
                    .filter(m -> m.getType() == WebSocketMessage.Type.BINARY || m.getType() == WebSocketMessage.Type.TEXT)
                    .doOnNext(m -> toKubelet.tryEmitNext(Message.of(m)))
                    .onErrorResume(e -> Mono.empty())
                    .doFinally(sig -> toKubelet.tryEmitComplete())
                    .then();
            return Mono.when(toClient, fromClient);
        }
    }
}
