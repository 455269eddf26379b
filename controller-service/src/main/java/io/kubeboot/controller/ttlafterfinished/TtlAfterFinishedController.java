package io.kubeboot.controller.ttlafterfinished;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.controller.job.JobConditions;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.Fabric8MetadataClient;
import io.kubeboot.controller.util.MetadataClient;
import io.kubeboot.controller.util.Times;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.InformerHandlers;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.controller.Result;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Upstream {@code pkg/controller/ttlafterfinished}: deletes a finished Job (a Complete or Failed condition that is
 * True) {@code spec.ttlSecondsAfterFinished} seconds after that condition's lastTransitionTime, with Foreground
 * propagation so its pods go first. Jobs being deleted or without a TTL are left alone. A Job whose TTL has not
 * expired comes back when it will have; before deleting, the Job is read afresh from the apiserver (the cache may
 * be stale, e.g. the TTL was just raised) and checked again.
 *
 * <p>Reconcile is idempotent; thread safe.
 */
public final class TtlAfterFinishedController implements ManagedController {
    public static final String NAME = "ttl-after-finished";
    private static final Logger log = LoggerFactory.getLogger(TtlAfterFinishedController.class);

    private static final ResourceInfo JOBS = BuiltinResources.get().byResource("batch", "v1", "jobs").orElseThrow();

    private final KubernetesClient client;
    private final MetadataClient metadata;
    private final SharedIndexInformer<Job> jobInformer;
    private final Clock clock;
    private final DistributionSummary deletionDelay;
    private final Controller<ObjectKey> controller;

    /** @param workers upstream --concurrent-ttl-after-finished-syncs (5) */
    public TtlAfterFinishedController(KubernetesClient client, MetadataClient metadata, SharedIndexInformer<Job> jobInformer,
                                      int workers, Duration cacheSyncTimeout, MeterRegistry registry, Clock clock) {
        this.client = client;
        this.metadata = metadata;
        this.jobInformer = jobInformer;
        this.clock = clock;
        this.deletionDelay = DistributionSummary.builder("ttl_after_finished_controller_job_deletion_duration_seconds")
                .description("The time it took to delete the job since it became eligible for deletion")
                .baseUnit("seconds").publishPercentileHistogram().register(registry);
        this.controller = Controller.<ObjectKey>builder()
                .name("ttl_jobs_to_delete")
                .workers(workers)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::sync)
                .watchWith(jobInformer, q -> InformerHandlers.enqueueing(q, TtlAfterFinishedController::dueKey))
                .build();
    }

    /** The manager's entry: "ttl-after-finished", on by default, upstream's five workers. */
    public static ControllerDescriptor descriptor() {
        return descriptor(Clock.systemUTC());
    }

    /** As {@link #descriptor()} with another clock (tests). */
    public static ControllerDescriptor descriptor(Clock clock) {
        return new ControllerDescriptor(NAME, false, ctx -> create(ctx, clock));
    }

    static TtlAfterFinishedController create(ControllerContext ctx, Clock clock) {
        return new TtlAfterFinishedController(ctx.client(), new Fabric8MetadataClient(ctx.client()),
                ctx.informers().informerFor(Job.class), 5,
                ctx.properties().getCacheSyncTimeout(), ctx.registry(), clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        controller.start();
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        return controller.stop(timeout);
    }

    /** The key of a finished Job with a TTL that is not being deleted; null (nothing to queue) otherwise. */
    private static ObjectKey dueKey(Job job) {
        return job.getMetadata().getDeletionTimestamp() == null && needsCleanup(job) ? ObjectKey.of(job) : null;
    }

    Result sync(ObjectKey key) {
        Job cached = jobInformer.getIndexer().getByKey(key.toString());
        if (cached == null) {
            return Result.done();
        }
        Ttl ttl = ttl(cached, clock.instant());
        if (!ttl.expired()) {
            return ttl.recheck();
        }
        Job fresh = client.batch().v1().jobs().inNamespace(key.namespace()).withName(key.name()).get();
        if (fresh == null) {
            return Result.done();
        }
        ttl = ttl(fresh, clock.instant());
        if (!ttl.expired()) {
            return ttl.recheck();
        }
        try {
            // the uid precondition: a Job recreated under the same name since the fresh read is not deleted
            metadata.delete(JOBS, key.namespace(), key.name(), fresh.getMetadata().getUid(), "Foreground");
        } catch (RuntimeException e) {
            if (ClientErrors.isNotFound(e)) {
                return Result.done();
            }
            throw e;
        }
        Instant expiredAt = ttl.expiredAt().orElseThrow();
        log.info("Deleted finished Job {}: its ttlSecondsAfterFinished ({}) expired at {}", key,
                fresh.getSpec().getTtlSecondsAfterFinished(), expiredAt);
        deletionDelay.record(Math.max(0, Duration.between(expiredAt, clock.instant()).toMillis()) / 1000.0);
        return Result.done();
    }

    /**
     * What the TTL says now: nothing to do (not finished, no TTL, being deleted), look again after
     * {@code remaining}, or expired at {@code expiredAt}.
     */
    record Ttl(boolean expired, Optional<Instant> expiredAt, Optional<Duration> remaining) {
        static final Ttl NOTHING = new Ttl(false, Optional.empty(), Optional.empty());

        Result recheck() {
            return remaining.map(Result::requeueAfter).orElse(Result.done());
        }
    }

    /**
     * Upstream {@code processTTL}: a finished Job's expiry is its finish time plus the TTL. A finished Job whose
     * finish time cannot be found is an error (upstream returns it and retries with backoff).
     */
    static Ttl ttl(Job job, Instant now) {
        if (job.getMetadata().getDeletionTimestamp() != null || !needsCleanup(job)) {
            return Ttl.NOTHING;
        }
        Instant finishedAt = finishTime(job);
        if (finishedAt.isAfter(now)) {
            log.info("Found Job {}/{} finished in the future. This is likely due to time skew in the cluster. Job cleanup "
                    + "will be deferred.", job.getMetadata().getNamespace(), job.getMetadata().getName());
        }
        Instant expireAt = finishedAt.plusSeconds(job.getSpec().getTtlSecondsAfterFinished());
        Duration remaining = Duration.between(now, expireAt);
        if (remaining.isNegative() || remaining.isZero()) {
            return new Ttl(true, Optional.of(expireAt), Optional.empty());
        }
        return new Ttl(false, Optional.empty(), Optional.of(remaining));
    }

    /** Upstream {@code needsCleanup}: a TTL is set and the Job has finished. */
    static boolean needsCleanup(Job job) {
        return job.getSpec() != null && job.getSpec().getTtlSecondsAfterFinished() != null && JobConditions.isFinished(job);
    }

    /** Upstream {@code jobFinishTime}: the lastTransitionTime of the True Complete or Failed condition. */
    static Instant finishTime(Job job) {
        for (JobCondition c : job.getStatus().getConditions()) {
            if (("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus())) {
                return Times.parse(c.getLastTransitionTime()).orElseThrow(() -> new IllegalStateException(
                        "unable to find the time when the Job " + job.getMetadata().getNamespace() + "/"
                                + job.getMetadata().getName() + " finished"));
            }
        }
        throw new IllegalStateException("unable to find the status of the finished Job " + job.getMetadata().getNamespace()
                + "/" + job.getMetadata().getName());
    }
}
