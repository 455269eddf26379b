package io.kubeboot.node.server;

import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerStatus;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.WebsocketServerSpec;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The kubelet's {@code GET|POST /exec/{namespace}/{pod}/{container}} (upstream's {@code getExec} and the CRI
 * streaming server's {@code ServeExec}), what the apiserver's {@code pods/exec} proxies to. Checked before any
 * upgrade, with upstream's plain-text errors: the streams ({@link ExecQuery}: 400), the pod (404 {@code pod does
 * not exist}), a running container of that name (500 {@code container not found ("c")}). Then the WebSocket
 * upgrade with the remote-command subprotocols ({@link RemoteCommandProtocol}) and the exec itself
 * ({@link ExecWebSocketSession}). SPDY is not served: a request that is not a WebSocket upgrade is 400.
 */
@RestController
public class KubeletExecServer {
    /** Large enough for any stdin chunk a client sends in one message (kubectl: 32 KiB). */
    static final int MAX_FRAME = 1 << 20;

    private final Supplier<List<ContainerRuntime>> runtimes;
    private final Supplier<List<NodePods>> podSources;
    private final WebSocketService webSockets = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
            () -> WebsocketServerSpec.builder().maxFramePayloadLength(MAX_FRAME)));
    private final ExecutorService threads;
    private final Scheduler execThreads;

    @Autowired
    public KubeletExecServer(ObjectProvider<ContainerRuntime> runtimes, ObjectProvider<NodePods> podSources) {
        this(() -> runtimes.orderedStream().toList(), () -> podSources.orderedStream().toList());
    }

    public KubeletExecServer(Supplier<List<ContainerRuntime>> runtimes, Supplier<List<NodePods>> podSources) {
        this.runtimes = runtimes;
        this.podSources = podSources;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kubelet-exec-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.execThreads = Schedulers.fromExecutorService(threads);
    }

    @PreDestroy
    public void close() {
        threads.shutdownNow();
    }

    @RequestMapping(value = "/exec/{namespace}/{pod}/{container}", method = {RequestMethod.GET, RequestMethod.POST})
    public Mono<Void> exec(@PathVariable String namespace, @PathVariable String pod, @PathVariable String container,
                           ServerWebExchange exchange) {
        ServerHttpResponse resp = exchange.getResponse();
        return Mono.fromCallable(() -> {
                    ExecQuery query = ExecQuery.parse(exchange.getRequest().getQueryParams());
                    Target target = locate(namespace, pod, container);
                    if (!"websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
                        throw new KubeletHttpException(400, "unable to upgrade: this kubelet streams exec over "
                                + "WebSocket only (" + String.join(", ", RemoteCommandProtocol.SUBPROTOCOLS)
                                + "); SPDY is not supported");
                    }
                    return new ExecWebSocketSession(target.runtime(), target.containerId(), query, execThreads);
                })
                .subscribeOn(Schedulers.boundedElastic())
                // the upgrade is answered on the connection's own event loop (see PodExecProxy)
                .publishOn(eventLoopOf(resp))
                .flatMap(session -> webSockets.handleRequest(exchange, session))
                .onErrorResume(KubeletHttpException.class, e -> NodeContainers.text(resp, e.status(), e.getMessage()));
    }

    /** The event loop of the Netty connection under a WebFlux response, or the calling thread elsewhere. */
    private static reactor.core.scheduler.Scheduler eventLoopOf(ServerHttpResponse resp) {
        if (resp instanceof org.springframework.http.server.reactive.AbstractServerHttpResponse r
                && r.getNativeResponse() instanceof reactor.netty.Connection c) {
            return Schedulers.fromExecutor(c.channel().eventLoop());
        }
        return Schedulers.immediate();
    }

    private record Target(ContainerRuntime runtime, String containerId) {
    }

    /** Upstream's GetPodByName then findContainer: the running container of that name in the pod. */
    private Target locate(String namespace, String podName, String container) {
        NodeContainers found = NodeContainers.lookup(runtimes.get(), podSources.get(), namespace, podName);
        if (found.podsKnown() && found.pod().isEmpty()) {
            throw new KubeletHttpException(404, "pod does not exist");
        }
        String uid = found.pod().map(p -> p.getMetadata().getUid()).orElse(null);
        for (ContainerStatus c : ContainerLogLocator.attempts(namespace, podName, uid, container, found.containers())) {
            if (c.state() == ContainerStatus.State.RUNNING) {
                return new Target(found.owners().get(c.id()), c.id());
            }
        }
        throw new KubeletHttpException(500, "container not found (\"" + container + "\")");
    }
}
