package io.kubeboot.bench.api;

import io.kubeboot.bench.core.NameSample;
import io.kubeboot.bench.core.ClosedLoop;
import io.kubeboot.bench.core.LatencyRecorder;

/** GETs random pods out of those created earlier: the single-object read path. */
public final class GetPods {
    private final ApiContext ctx;
    private final String namespace;
    private final NameSample names;

    public GetPods(ApiContext ctx, String namespace, NameSample names) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.names = names;
    }

    public LatencyRecorder run(ClosedLoop loop) throws InterruptedException {
        if (names.size() == 0) {
            throw new IllegalStateException("no pods to get; run the create phase first");
        }
        return loop.run((client, seq) -> ctx.api().get(ApiContext.podPath(namespace, names.random()))
                .thenApply(r -> r.expect(200)));
    }
}
