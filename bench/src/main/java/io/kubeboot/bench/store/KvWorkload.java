package io.kubeboot.bench.store;

import io.kubeboot.bench.core.ClosedLoop;
import io.kubeboot.bench.core.NameSample;
import io.kubeboot.bench.core.Outcome;
import io.kubeboot.bench.core.PhaseResult;
import io.kubeboot.bench.workload.PodFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The same workload for every store: {@code clients} writers creating pod-sized values under unique
 * keys for {@code duration}, then {@code clients} readers getting random keys among those created.
 */
public final class KvWorkload {
    /** The create and get results of one store. */
    public record Result(PhaseResult creates, PhaseResult gets) {
    }

    private final PodFactory pods;
    private final String namespace;
    private final int clients;
    private final Duration duration;

    public KvWorkload(PodFactory pods, String namespace, int clients, Duration duration) {
        this.pods = pods;
        this.namespace = namespace;
        this.clients = clients;
        this.duration = duration;
    }

    public Result run(KvTarget target) throws InterruptedException {
        NameSample created = new NameSample(1_000_000);
        System.err.printf("bench: %s creates: %d clients for %ds%n", target.name(), clients, duration.toSeconds());
        PhaseResult creates = ClosedLoop.timed(target.name() + " create", clients, duration).run((client, seq) -> {
            String key = namespace + "/p-" + seq;
            CompletableFuture<Outcome> f = target.create(key, pods.storedPod(namespace, "p-" + seq, KvTarget.RV_MARKER));
            return f.thenApply(o -> {
                if (o.ok()) {
                    created.add(key);
                }
                return o;
            });
        }).result(target.name() + " create", clients);
        if (created.size() == 0) {
            throw new IllegalStateException(target.name() + ": nothing was created; failures: " + creates.failureSummary());
        }
        System.err.printf("bench: %s gets: %d clients for %ds%n", target.name(), clients, duration.toSeconds());
        PhaseResult gets = ClosedLoop.timed(target.name() + " get", clients, duration)
                .run((client, seq) -> target.get(created.random()))
                .result(target.name() + " get", clients);
        return new Result(creates, gets);
    }
}
