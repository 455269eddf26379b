package io.kubeboot.node.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.kubeboot.api.json.Json;
import io.kubeboot.node.runtime.ContainerRuntime;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The kubelet's HTTP API on the agent's port (upstream pkg/kubelet/server): {@code GET /containerLogs/{namespace}/
 * {pod}/{container}} streams a container's log from the runtime (what the apiserver's {@code pods/log} proxies
 * to), {@code GET /pods} lists the pods of this node, {@code GET /healthz} answers {@code ok}.
 *
 * <p>Runtimes and pod sources are optional beans (several in a process playing many nodes): without a
 * {@link NodePods} the container is found by the runtime's labels alone. Log streams run on their own threads
 * (the runtime's log call blocks), written through as they come, so {@code follow} reaches the client at once.
 */
@RestController
public class KubeletServer {
    private static final Logger log = LoggerFactory.getLogger(KubeletServer.class);
    static final int CHUNK = 8192;

    private final Supplier<List<ContainerRuntime>> runtimes;
    private final Supplier<List<NodePods>> podSources;
    private final Clock clock;
    private final ExecutorService streams;

    @Autowired
    public KubeletServer(ObjectProvider<ContainerRuntime> runtimes, ObjectProvider<NodePods> podSources) {
        this(() -> runtimes.orderedStream().toList(), () -> podSources.orderedStream().toList(), Clock.systemUTC());
    }

    public KubeletServer(Supplier<List<ContainerRuntime>> runtimes, Supplier<List<NodePods>> podSources, Clock clock) {
        this.runtimes = runtimes;
        this.podSources = podSources;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.streams = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kubelet-logs-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    public void close() {
        streams.shutdownNow();
    }

    @GetMapping(value = "/healthz", produces = MediaType.TEXT_PLAIN_VALUE)
    public String healthz() {
        return "ok";
    }

    @GetMapping(value = "/pods", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<byte[]> pods() {
        return Mono.fromCallable(() -> {
            List<Pod> all = new ArrayList<>();
            for (NodePods source : podSources.get()) {
                all.addAll(source.pods());
            }
            PodList list = new PodListBuilder().withNewMetadata().endMetadata().withItems(all).build();
            return Json.bytes(list);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/containerLogs/{namespace}/{pod}/{container}")
    public Mono<Void> containerLogs(@PathVariable String namespace, @PathVariable String pod,
                                    @PathVariable String container, ServerWebExchange exchange) {
        ServerHttpResponse resp = exchange.getResponse();
        return Mono.fromCallable(() -> locate(namespace, pod, container, exchange))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(target -> {
                    resp.setStatusCode(HttpStatusCode.valueOf(200));
                    resp.getHeaders().setContentType(MediaType.TEXT_PLAIN);
                    Flux<DataBuffer> body = Flux.from(DataBufferUtils.outputStreamPublisher(
                            out -> stream(target, new FlushingOutputStream(out)), resp.bufferFactory(), streams, CHUNK));
                    return resp.writeAndFlushWith(body.map(Flux::just));
                })
                .onErrorResume(KubeletHttpException.class, e -> NodeContainers.text(resp, e.status(), e.getMessage()));
    }

    private record Target(ContainerRuntime runtime, String containerId, ContainerLogQuery query) {
    }

    private Target locate(String namespace, String pod, String container, ServerWebExchange exchange) {
        ContainerLogQuery query = ContainerLogQuery.parse(exchange.getRequest().getQueryParams(), clock.instant());
        NodeContainers found = NodeContainers.lookup(runtimes.get(), podSources.get(), namespace, pod);
        String id = ContainerLogLocator.locate(namespace, pod, container, query.previous(), found.pod(), found.podsKnown(),
                found.containers());
        return new Target(found.owners().get(id), id, query);
    }

    private void stream(Target target, OutputStream out) {
        try {
            target.runtime().logs(target.containerId(), target.query().options(), out);
        } catch (RuntimeException e) {
            // the status line is gone already: the stream just ends, as the kubelet's does on a runtime error
            log.debug("log stream of {} ended: {}", target.containerId(), e.getMessage());
        }
    }

    /** Hands every write on at once (the publisher otherwise holds bytes until a chunk fills or flush). */
    static final class FlushingOutputStream extends FilterOutputStream {
        FlushingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            out.flush();
        }
    }
}
