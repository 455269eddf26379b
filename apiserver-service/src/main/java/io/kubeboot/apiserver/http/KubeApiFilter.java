package io.kubeboot.apiserver.http;

import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.apiserver.discovery.Discovery;
import io.kubeboot.apiserver.openapi.OpenApiV3Documents;
import io.kubeboot.apiserver.storage.WatchCaches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes API front: claims the Kubernetes paths ({@code /api}, {@code /apis}, {@code /version},
 * {@code /openapi}, {@code /healthz|livez|readyz}, {@code /}) and leaves everything else (the actuator)
 * to Spring. Every failure becomes a Status; an unexpected exception is logged and answered 500
 * without taking the server down.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class KubeApiFilter implements WebFilter {
    private static final Logger log = LoggerFactory.getLogger(KubeApiFilter.class);

    private final ResourceHandler resources;
    private final Discovery discovery;
    private final OpenApiV3Documents openapi;
    private final WatchCaches caches;
    private final RequestMetrics metrics;
    private final io.kubeboot.store.Store store;

    public KubeApiFilter(ResourceHandler resources, Discovery discovery, OpenApiV3Documents openapi, WatchCaches caches,
                         RequestMetrics metrics, io.kubeboot.store.Store store) {
        this.store = store;
        this.resources = resources;
        this.discovery = discovery;
        this.openapi = openapi;
        this.caches = caches;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest req = exchange.getRequest();
        String path = req.getPath().pathWithinApplication().value();
        if (!isKubePath(path)) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        RequestInfo ri = RequestInfo.parse(req.getMethod().name(), path, new Query(req.getQueryParams()).bool("watch"));
        ServerHttpResponse resp = exchange.getResponse();
        // The request is read to its end before any answer: a response written (from a store callback
        // thread) while the request's last chunk is still unread leaves Reactor Netty's keep-alive
        // connection unable to serve the next request. Writes read their body anyway.
        Mono<Void> drained = req.getBody().doOnNext(DataBufferUtils::release).then();
        Mono<Void> result = (req.getMethod() == HttpMethod.GET || req.getMethod() == HttpMethod.HEAD ? drained : Mono.<Void>empty())
                .then(Mono.defer(() -> ri.resourceRequest() ? resources.handle(exchange, ri) : nonResource(exchange, ri, path)));
        return result
                .onErrorResume(e -> {
                    StatusException s = toStatus(e, ri);
                    if (resp.isCommitted()) {
                        return Mono.empty();
                    }
                    return Responses.status(resp, s);
                })
                .doFinally(sig -> {
                    HttpStatusCode code = resp.getStatusCode();
                    metrics.record(ri, code == null ? 200 : code.value(), System.nanoTime() - start);
                });
    }

    private static boolean isKubePath(String path) {
        return path.equals("/") || path.equals("/api") || path.startsWith("/api/") || path.equals("/apis")
                || path.startsWith("/apis/") || path.equals("/version") || path.startsWith("/openapi/")
                || path.equals("/openapi") || path.startsWith("/healthz") || path.startsWith("/livez")
                || path.startsWith("/readyz");
    }

    private static StatusException toStatus(Throwable e, RequestInfo ri) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof StatusException s) {
            return s;
        }
        if (t instanceof reactor.netty.channel.AbortedException) {
            // the client went away mid-request; there is nobody to answer and nothing to fix
            log.debug("client closed the connection during {} {}", ri.verb(), ri.resource());
            return ApiErrors.internal("client closed the connection");
        }
        log.error("internal error serving {} {}/{}/{}", ri.verb(), ri.group(), ri.resource(), ri.name(), t);
        return ApiErrors.internal(t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    private Mono<Void> nonResource(ServerWebExchange exchange, RequestInfo ri, String path) {
        ServerHttpResponse resp = exchange.getResponse();
        String method = exchange.getRequest().getMethod().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new StatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null);
        }
        String accept = exchange.getRequest().getHeaders().getFirst("Accept");
        List<String> parts = ri.parts();
        if (path.equals("/")) {
            return Responses.json(resp, 200, discovery.rootPaths());
        }
        if (path.equals("/version")) {
            return Responses.json(resp, 200, discovery.version());
        }
        if (path.startsWith("/healthz") || path.startsWith("/livez")) {
            return text(resp, 200, "ok");
        }
        if (path.startsWith("/readyz")) {
            // ready = watch caches synced and the store answering now (a dead store must not look ready)
            return Mono.fromFuture(store.revision()).timeout(java.time.Duration.ofSeconds(2))
                    .map(rev -> caches.ready())
                    .onErrorReturn(false)
                    .flatMap(ok -> text(resp, ok ? 200 : 500,
                            ok ? "ok" : "[-]etcd failed: reason withheld\n[-]watch-cache-sync: reason withheld\nreadyz check failed"));
        }
        if (path.startsWith("/openapi")) {
            return openapi(resp, path);
        }
        if (parts.size() == 1 && parts.get(0).equals("api")) {
            return Discovery.wantsAggregated(accept)
                    ? aggregated(resp, discovery.aggregated(true))
                    : Responses.json(resp, 200, discovery.apiVersions());
        }
        if (parts.size() == 1 && parts.get(0).equals("apis")) {
            return Discovery.wantsAggregated(accept)
                    ? aggregated(resp, discovery.aggregated(false))
                    : Responses.json(resp, 200, discovery.groupList());
        }
        if (parts.size() == 2 && parts.get(0).equals("api")) {
            return found(resp, discovery.resourceList(parts.get(1)));
        }
        if (parts.size() == 2) {
            return found(resp, discovery.group(parts.get(1)));
        }
        if (parts.size() == 3) {
            return found(resp, discovery.resourceList(parts.get(1) + "/" + parts.get(2)));
        }
        throw notFound();
    }

    private Mono<Void> openapi(ServerHttpResponse resp, String path) {
        if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
            return Responses.json(resp, 200, openapi.index());
        }
        String prefix = "/openapi/v3/";
        if (path.startsWith(prefix)) {
            String gv = path.substring(prefix.length());
            Optional<byte[]> doc = openapi.document(gv);
            if (doc.isPresent()) {
                resp.getHeaders().set("Etag", "\"" + openapi.hash(gv) + "\"");
                resp.getHeaders().set("Cache-Control", "public, immutable");
                return Responses.json(resp, 200, doc.get());
            }
        }
        throw notFound();
    }

    private static Mono<Void> found(ServerHttpResponse resp, Optional<byte[]> body) {
        return Responses.json(resp, 200, body.orElseThrow(KubeApiFilter::notFound));
    }

    private static StatusException notFound() {
        return new StatusException(404, "NotFound", "the server could not find the requested resource", null);
    }

    private static Mono<Void> aggregated(ServerHttpResponse resp, byte[] body) {
        resp.setStatusCode(HttpStatusCode.valueOf(200));
        resp.getHeaders().set("Content-Type", Discovery.AGGREGATED_MEDIA_TYPE);
        resp.getHeaders().set("Vary", "Accept");
        resp.getHeaders().setContentLength(body.length);
        return resp.writeWith(Mono.just(resp.bufferFactory().wrap(body)));
    }

    private static Mono<Void> text(ServerHttpResponse resp, int code, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        resp.setStatusCode(HttpStatusCode.valueOf(code));
        resp.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        resp.getHeaders().setContentLength(b.length);
        return resp.writeWith(Mono.just(resp.bufferFactory().wrap(b)));
    }
}
