package io.kubeboot.bench.api;

import io.kubeboot.bench.core.NameSample;
import io.kubeboot.bench.core.ClosedLoop;
import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.core.Outcome;

import java.util.concurrent.CompletableFuture;

/**
 * POSTs pods with unique names ({@code <prefix>-<seq>}) into one namespace. Used by the create phase,
 * to fill the list namespace, and to top up to the memory phase's pod count.
 */
public final class CreatePods {
    private final ApiContext ctx;
    private final String namespace;
    private final String prefix;
    private final NameSample created;

    public CreatePods(ApiContext ctx, String namespace, String prefix, NameSample created) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.prefix = prefix;
        this.created = created;
    }

    public LatencyRecorder run(ClosedLoop loop) throws InterruptedException {
        String path = ApiContext.podsPath(namespace);
        return loop.run((client, seq) -> {
            String name = prefix + "-" + seq;
            CompletableFuture<HttpResult> f = ctx.api().post(path, ctx.pods().pod(namespace, name, System.nanoTime()));
            return f.thenApply(r -> {
                Outcome o = r.expect(201);
                if (o.ok()) {
                    ctx.podCreated();
                    created.add(name);
                }
                return o;
            });
        });
    }
}
