package io.kubeboot.bench.api;

import io.kubeboot.bench.core.NameSample;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.bench.core.ClosedLoop;
import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.core.Outcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Optimistic-concurrency updates, as controllers do them: PUT the last object seen (so it carries its
 * resourceVersion) with one annotation changed; on 409 Conflict GET the current object and try again.
 * Clients pick pods at random from a shared pool, so conflicts happen as they would between
 * controllers. The recorded latency is that of the whole logical update, retries included.
 */
public final class UpdatePods {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 5;

    private final ApiContext ctx;
    private final String namespace;
    private final NameSample names;
    /** The newest object seen per pod (the body of the last 200): what the next PUT starts from. */
    private final Map<String, byte[]> latest = new ConcurrentHashMap<>();
    private final LongAdder conflicts = new LongAdder();

    public UpdatePods(ApiContext ctx, String namespace, NameSample names) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.names = names;
    }

    /** Fetches every pod of the pool once, untimed, so the timed phase starts with known resourceVersions. */
    public void prepare(int clients) throws InterruptedException {
        ClosedLoop.counted("update-prepare", clients, names.size(), java.time.Duration.ofMinutes(5))
                .run((client, seq) -> refresh(names.get((int) seq)).thenApply(r -> r.expect(200)));
    }

    public LatencyRecorder run(ClosedLoop loop) throws InterruptedException {
        return loop.run((client, seq) -> update(names.random(), seq, 1));
    }

    /** 409 Conflicts met (and retried) during the timed phase. */
    public long conflicts() {
        return conflicts.sum();
    }

    private CompletableFuture<Outcome> update(String name, long seq, int attempt) {
        byte[] current = latest.get(name);
        if (current == null) {
            return refresh(name).thenCompose(r -> r.status() == 200 ? update(name, seq, attempt)
                    : CompletableFuture.completedFuture(r.expect(200)));
        }
        String path = ApiContext.podPath(namespace, name);
        return ctx.api().put(path, annotated(current, seq)).thenCompose(r -> {
            if (r.status() == 200) {
                latest.put(name, r.body());
                return CompletableFuture.completedFuture(Outcome.OK);
            }
            if (r.status() == 409 && attempt < MAX_ATTEMPTS) {
                conflicts.increment();
                return refresh(name).thenCompose(g -> update(name, seq, attempt + 1));
            }
            return CompletableFuture.completedFuture(r.expect(200));
        });
    }

    private CompletableFuture<HttpResult> refresh(String name) {
        return ctx.api().get(ApiContext.podPath(namespace, name)).thenApply(r -> {
            if (r.status() == 200) {
                latest.put(name, r.body());
            }
            return r;
        });
    }

    /** The object with annotation {@code bench.kubeboot.io/updated=<seq>}; everything else, resourceVersion included, unchanged. */
    static byte[] annotated(byte[] object, long seq) {
        try {
            ObjectNode pod = (ObjectNode) JSON.readTree(object);
            ObjectNode meta = (ObjectNode) pod.get("metadata");
            ObjectNode annotations = meta.has("annotations") ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
            annotations.put("bench.kubeboot.io/updated", Long.toString(seq));
            return JSON.writeValueAsBytes(pod);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
