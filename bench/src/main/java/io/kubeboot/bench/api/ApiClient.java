package io.kubeboot.bench.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The bench's HTTP client: reactor-netty on a pool of keep-alive connections, fully asynchronous, so
 * that two event-loop threads drive all clients and all 1,000 watchers with pooled buffers and no
 * thread per request: the load generator shares the cores with the server, so its CPU per request
 * is part of the result.
 *
 * <p>Requests are never retried by the client: a retried POST could turn a dropped connection into a
 * spurious 409, hiding the real failure.
 */
public final class ApiClient implements AutoCloseable {
    private static final byte[] EMPTY = new byte[0];

    private final LoopResources loops;
    private final ConnectionProvider pool;
    private final HttpClient http;
    private final HttpClient jsonHttp;
    private final HttpClient streams;

    /** {@code maxConnections} bounds request/response connections; watch streams get their own, unpooled. */
    public ApiClient(String baseUrl, int maxConnections) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.loops = LoopResources.create("bench-http", threads, true);
        this.pool = ConnectionProvider.builder("bench")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(60))
                .build();
        HttpClient base = HttpClient.create(pool).runOn(loops).baseUrl(baseUrl).disableRetry(true)
                .headers(h -> h.set(HttpHeaderNames.ACCEPT, "application/json"));
        this.http = base.responseTimeout(Duration.ofSeconds(30));
        this.jsonHttp = http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
        this.streams = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops).baseUrl(baseUrl)
                .disableRetry(true).headers(h -> h.set(HttpHeaderNames.ACCEPT, "application/json"));
    }

    public CompletableFuture<HttpResult> get(String path) {
        return http.get().uri(path)
                .responseSingle((resp, body) -> body.asByteArray().defaultIfEmpty(EMPTY)
                        .map(b -> new HttpResult(resp.status().code(), b)))
                .toFuture();
    }

    public CompletableFuture<HttpResult> post(String path, byte[] json) {
        return send(HttpMethod.POST, path, json);
    }

    public CompletableFuture<HttpResult> put(String path, byte[] json) {
        return send(HttpMethod.PUT, path, json);
    }

    private CompletableFuture<HttpResult> send(HttpMethod method, String path, byte[] json) {
        // a fresh wrapper per subscription: Netty releases the buffer once written
        Mono<ByteBuf> body = Mono.fromSupplier(() -> Unpooled.wrappedBuffer(json));
        return jsonHttp.request(method).uri(path).send(body)
                .responseSingle((resp, content) -> content.asByteArray().defaultIfEmpty(EMPTY)
                        .map(b -> new HttpResult(resp.status().code(), b)))
                .toFuture();
    }

    /**
     * Opens a long-lived GET (a watch) on its own connection. {@code onChunk} sees every body chunk on
     * the event loop and must not keep the buffer; {@code onEnd} gets null when the server ended the
     * stream, else the error.
     */
    public Disposable stream(String path, IntConsumer onStatus, Consumer<ByteBuf> onChunk, Consumer<Throwable> onEnd) {
        return streams.get().uri(path)
                .response((resp, body) -> {
                    onStatus.accept(resp.status().code());
                    return body.doOnNext(onChunk).then();
                })
                .subscribe(v -> {
                }, onEnd, () -> onEnd.accept(null));
    }

    @Override
    public void close() {
        pool.dispose();
        loops.dispose();
    }
}
