package io.kubeboot.runtime.client;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.http.WebSocket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The client's request timeout, handed to the HTTP client's own per-request timer instead of fabric8's. Vert.x runs
 * it on the connection's event loop: a request whose response head has not come within the timeout fails, the span
 * fabric8's timer covered too. fabric8 arms a task on its shared scheduler thread for every request and, when the
 * response comes first, cancels it through a {@code CompletableFuture} that creates a {@code CancellationException}
 * with a stack trace (2-3% of the controller manager's CPU under load). {@link KubeClients} therefore gives fabric8
 * a request timeout of 0 (none) and this interceptor puts the real one on every request that is not a stream:
 * watches and followed logs stay open for as long as the server keeps them, as with fabric8's own timeout.
 * Stateless, thread safe.
 */
final class RequestTimeout implements Interceptor {
    static final String NAME = "kubeboot-request-timeout";

    private final long millis;

    RequestTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.millis = timeout.toMillis();
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (builder instanceof WebSocket.Builder ws) {
            // a WebSocket (watch, exec, port-forward) times out only while it connects, as fabric8's own callers set it
            ws.connectTimeout(millis, TimeUnit.MILLISECONDS);
        } else if (builder instanceof HttpRequest.Builder http && !(request instanceof StandardHttpRequest r && r.isForStreaming())) {
            http.timeout(millis, TimeUnit.MILLISECONDS);
        }
    }
}
