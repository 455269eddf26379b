package io.kubeboot.bench.api;

import io.kubeboot.bench.core.NameSample;
import io.kubeboot.bench.core.ClosedLoop;
import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.core.Outcome;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lists all pods of a namespace holding exactly {@code size} pods (a consistent list: no
 * resourceVersion, as kubectl get does), after filling it untimed.
 */
public final class ListPods {
    private final ApiContext ctx;
    private final String namespace;
    private final int size;
    private final LongAdder bytes = new LongAdder();

    public ListPods(ApiContext ctx, String namespace, int size) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.size = size;
    }

    /** Creates the namespace and its pods; returns how many pods were created. */
    public long prepare(int clients) throws InterruptedException {
        ctx.createNamespace(namespace);
        return new CreatePods(ctx, namespace, "l", new NameSample(0))
                .run(ClosedLoop.counted("list-prepare", clients, size, Duration.ofMinutes(10)))
                .successes();
    }

    public LatencyRecorder run(ClosedLoop loop) throws InterruptedException {
        String path = ApiContext.podsPath(namespace);
        return loop.run((client, seq) -> ctx.api().get(path).thenApply(r -> {
            Outcome o = r.expect(200);
            if (o.ok()) {
                bytes.add(r.body().length);
            }
            return o;
        }));
    }

    /** Total response bytes of the successful lists, for the size of one list in the report. */
    public long bytes() {
        return bytes.sum();
    }
}
