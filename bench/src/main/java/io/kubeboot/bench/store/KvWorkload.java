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
 * A short unreported round of the same comes first, so that each store is measured with this JVM's
 * client code already compiled, whichever store runs first.
 */
public final class KvWorkload {
    /** The create and get results of one store. */
    public record Result(PhaseResult creates, PhaseResult gets) {
    }

    private final PodFactory pods;
    private final String namespace;
    private final int clients;
    private final Duration duration;
    private final Duration warmup;

    public KvWorkload(PodFactory pods, String namespace, int clients, Duration duration, Duration warmup) {
        this.pods = pods;
        this.namespace = namespace;
        this.clients = clients;
        this.duration = duration;
        this.warmup = warmup;
    }

    /** The unreported round; call before {@link #measure}. */
    public void warmUp(KvTarget target) throws InterruptedException {
        if (!warmup.isZero()) {
            System.err.printf("bench: %s warm-up for %ds (not reported)%n", target.name(), warmup.toSeconds());
            round(target, "w", warmup.dividedBy(2));
        }
    }

    public Result measure(KvTarget target) throws InterruptedException {
        return round(target, "p", duration);
    }

    private Result round(KvTarget target, String prefix, Duration d) throws InterruptedException {
        NameSample created = new NameSample(1_000_000);
        System.err.printf("bench: %s creates: %d clients for %ds%n", target.name(), clients, d.toSeconds());
        PhaseResult creates = ClosedLoop.timed(target.name() + " create", clients, d).run((client, seq) -> {
            String name = prefix + "-" + seq;
            String key = namespace + "/" + name;
            CompletableFuture<Outcome> f = target.create(key, pods.storedPod(namespace, name, KvTarget.RV_MARKER));
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
        System.err.printf("bench: %s gets: %d clients for %ds%n", target.name(), clients, d.toSeconds());
        PhaseResult gets = ClosedLoop.timed(target.name() + " get", clients, d)
                .run((client, seq) -> target.get(created.random()))
                .result(target.name() + " get", clients);
        return new Result(creates, gets);
    }
}
