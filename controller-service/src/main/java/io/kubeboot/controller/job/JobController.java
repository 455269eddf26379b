package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.ControllerExpectations;
import io.kubeboot.controller.util.Fabric8PodControl;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.PodControl;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.controller.util.SlowStart;
import io.kubeboot.controller.util.Times;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upstream {@code pkg/controller/job} (1.32, feature gates at their defaults): runs a Job's pods to completion.
 *
 * <p>Pods are created with the {@value JobPods#TRACKING_FINALIZER} finalizer; a finished pod is first recorded in
 * status.uncountedTerminatedPods, then its finalizer is removed, then it is moved into status.succeeded / failed
 * (Indexed Jobs count by status.completedIndexes instead). Creation keeps min(parallelism, completions - succeeded)
 * pods active, Indexed Jobs creating the lowest pending indexes, after a pod-failure backoff of base * 2^(n-1)
 * (capped) since the last failure. Failure: more failed pods than backoffLimit (reason BackoffLimitExceeded) or
 * activeDeadlineSeconds passed (reason DeadlineExceeded) adds FailureTarget, deletes the active pods, then adds
 * Failed once none terminate any more; success adds SuccessCriteriaMet, then Complete with completionTime. A
 * suspended Job deletes its pods (condition Suspended). Status: active, ready, terminating, succeeded, failed,
 * startTime, completionTime, completedIndexes, conditions. podFailurePolicy ({@link PodFailurePolicies}): ignored
 * failures are not counted, a FailJob match fails the Job (reason PodFailurePolicy). successPolicy of Indexed Jobs
 * ({@link SuccessPolicies}). Left out: backoffLimitPerIndex (ttlSecondsAfterFinished is the separate ttl-after-finished controller, as upstream).
 */
public final class JobController implements ManagedController {
    public static final String NAME = "job";
    static final String API_VERSION = "batch/v1";
    static final String KIND = "Job";
    /** Upstream MaxUncountedPods / MaxPodCreateDeletePerSync. */
    static final int MAX_UNCOUNTED_PODS = 500;
    static final int MAX_POD_CREATE_DELETE_PER_SYNC = 500;
    private static final Logger log = LoggerFactory.getLogger(JobController.class);

    /**
     * @param workers               upstream --concurrent-job-syncs (5)
     * @param syncBatchPeriod       delay of syncs caused by pod and status events (upstream 1s)
     * @param podFailureBackoffBase delay before recreating after the first failure (upstream 10s)
     * @param podFailureBackoffMax  cap of the doubling delay (upstream 1.32: 10 minutes)
     */
    public record Settings(int workers, Duration syncBatchPeriod, Duration podFailureBackoffBase, Duration podFailureBackoffMax) {
        public static Settings defaults() {
            return new Settings(5, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(10));
        }
    }

    private final KubernetesClient client;
    private final SharedIndexInformer<Job> jobInformer;
    private final SharedIndexInformer<Pod> podInformer;
    private final PodControl podControl;
    private final JobPodCreator podCreator;
    private final EventRecorder recorder;
    private final Clock clock;
    private final Settings settings;
    private final ControllerExpectations expectations;
    private final FinalizerExpectations finalizerExpectations = new FinalizerExpectations();
    private final PodFailureBackoff backoffStore = new PodFailureBackoff();
    private final ExecutorService calls;
    private final Controller<ObjectKey> controller;
    private final Controller<ObjectKey> orphans;

    public JobController(KubernetesClient client, SharedIndexInformer<Job> jobInformer, SharedIndexInformer<Pod> podInformer,
                         PodControl podControl, JobPodCreator podCreator, EventRecorder recorder, Settings settings,
                         Duration cacheSyncTimeout, MeterRegistry registry, Clock clock) {
        this.client = client;
        this.jobInformer = jobInformer;
        this.podInformer = podInformer;
        this.podControl = podControl;
        this.podCreator = podCreator;
        this.recorder = recorder;
        this.settings = settings;
        this.clock = clock;
        this.expectations = new ControllerExpectations(clock);
        this.calls = Executors.newCachedThreadPool(daemonThreads());
        this.orphans = Controller.<ObjectKey>builder().name("job_orphan_pod").workers(1).cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry).reconciler(this::syncOrphanPod).build();
        JobPodEventHandler.Callbacks callbacks = new JobPodEventHandler.Callbacks(this::resolveControllerRef, this::podJobs,
                expectations, finalizerExpectations, orphans::enqueue, settings.syncBatchPeriod());
        this.controller = Controller.<ObjectKey>builder()
                .name(NAME)
                .workers(settings.workers())
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::sync)
                .watchWith(jobInformer, q -> new JobEventHandler(q, clock, settings.syncBatchPeriod(), this::cleanupPodFinalizers))
                .watchWith(podInformer, q -> new JobPodEventHandler(q, callbacks))
                .build();
    }

    /** The manager's entry: "job", on by default, upstream's settings. */
    public static ControllerDescriptor descriptor() {
        return descriptor(Settings.defaults(), Clock.systemUTC());
    }

    /** As {@link #descriptor()} with other settings and clock (tests). */
    public static ControllerDescriptor descriptor(Settings settings, Clock clock) {
        return new ControllerDescriptor(NAME, false, ctx -> create(ctx, settings, clock));
    }

    static JobController create(ControllerContext ctx, Settings settings, Clock clock) {
        EventRecorder recorder = ctx.eventRecorder("job-controller");
        return new JobController(ctx.client(), ctx.informers().informerFor(Job.class), ctx.informers().informerFor(Pod.class),
                new Fabric8PodControl(ctx.client(), recorder), JobPodCreator.fabric8(ctx.client(), recorder), recorder,
                settings, ctx.properties().getCacheSyncTimeout(), ctx.registry(), clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        orphans.start();
        controller.start();
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        boolean done = controller.stop(timeout);
        done &= orphans.stop(timeout);
        calls.shutdown();
        return done;
    }

    // ------------------------------------------------------------------ lookups

    Job resolveControllerRef(String namespace, OwnerReference ref) {
        if (!KIND.equals(ref.getKind())) {
            return null;
        }
        Job job = jobInformer.getIndexer().getByKey(Cache.namespaceKeyFunc(namespace, ref.getName()));
        return job != null && Objects.equals(job.getMetadata().getUid(), ref.getUid()) ? job : null;
    }

    /** Upstream {@code GetPodJobs}: the namespace's Jobs whose selector matches the pod. */
    List<Job> podJobs(Pod pod) {
        List<Job> out = new ArrayList<>();
        for (Job job : jobInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, pod.getMetadata().getNamespace())) {
            try {
                LabelSelector s = LabelSelector.fromModel(job.getSpec().getSelector());
                if (!s.isEmpty() && s.matches(pod.getMetadata().getLabels())) {
                    out.add(job);
                }
            } catch (RuntimeException invalid) {
                // a selector that does not parse selects nothing
            }
        }
        return out;
    }

    /** Upstream {@code cleanupPodFinalizers}: a finished or deleted Job's pods still carrying the finalizer. */
    void cleanupPodFinalizers(Job job) {
        for (Pod pod : podInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, job.getMetadata().getNamespace())) {
            OwnerReference ref = PodControllerRefManager.controllerOf(pod);
            if (ref != null && Objects.equals(ref.getUid(), job.getMetadata().getUid()) && JobPods.hasTrackingFinalizer(pod)) {
                orphans.enqueue(ObjectKey.of(pod));
            }
        }
    }

    /** Upstream {@code syncOrphanPod}: removes the finalizer of a pod no unfinished Job controls. */
    Result syncOrphanPod(ObjectKey key) throws Exception {
        Pod pod = podInformer.getIndexer().getByKey(key.toString());
        if (pod == null) {
            return Result.done();
        }
        OwnerReference ref = PodControllerRefManager.controllerOf(pod);
        if (ref != null) {
            if (!KIND.equals(ref.getKind()) || !API_VERSION.equals(ref.getApiVersion())) {
                return Result.done();
            }
            Job job = resolveControllerRef(pod.getMetadata().getNamespace(), ref);
            if (job != null && (managedByExternal(job) || !JobConditions.isFinished(job))) {
                return Result.done();
            }
        }
        if (JobPods.hasTrackingFinalizer(pod)) {
            try {
                podControl.patchPod(key.namespace(), key.name(), removeFinalizerPatch());
            } catch (Exception e) {
                if (!ClientErrors.isNotFound(e)) {
                    throw e;
                }
            }
        }
        return Result.done();
    }

    static boolean managedByExternal(Job job) {
        String by = job.getSpec().getManagedBy();
        return by != null && !by.equals("kubernetes.io/job-controller");
    }

    static String removeFinalizerPatch() {
        return "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"" + JobPods.TRACKING_FINALIZER + "\"]}}";
    }

    // ------------------------------------------------------------------ sync

    /** Per-sync state (upstream {@code syncJobCtx}). */
    private static final class Ctx {
        Job job;
        List<Pod> pods;
        List<Pod> activePods;
        JobCondition finishedCondition;
        int succeeded;
        int failed;
        OrderedIntervals prevSucceededIndexes = OrderedIntervals.empty();
        OrderedIntervals succeededIndexes = OrderedIntervals.empty();
        PodFailureBackoff.Record newBackoffRecord;
        Set<String> expectedRmFinalizers;
        Set<String> uncountedSucceeded;
        Set<String> uncountedFailed;
        int terminating;
        int ready;
    }

    Result sync(ObjectKey objectKey) throws Exception {
        String key = objectKey.toString();
        Job shared = jobInformer.getIndexer().getByKey(key);
        if (shared == null) {
            expectations.deleteExpectations(key);
            finalizerExpectations.delete(key);
            backoffStore.remove(key);
            return Result.done();
        }
        if (managedByExternal(shared)) {
            return Result.done();
        }
        Job job = new JobBuilder(shared).build();
        if (JobConditions.isFinished(job)) {
            backoffStore.remove(key);
            return Result.done();
        }
        String mode = job.getSpec().getCompletionMode();
        if (mode != null && !mode.equals("NonIndexed") && !mode.equals("Indexed")) {
            recorder.event(job, EventRecorder.WARNING, "UnknownCompletionMode", "Skipped Job sync because completion mode is unknown");
            return Result.done();
        }
        if (job.getStatus() == null) {
            job.setStatus(new JobStatusBuilder().build());
        }
        JobStatus status = job.getStatus();
        if (status.getUncountedTerminatedPods() == null) {
            status.setUncountedTerminatedPods(new UncountedTerminatedPods());
        }
        Instant now = clock.instant();
        boolean satisfiedExpectations = expectations.satisfiedExpectations(key);

        Ctx ctx = new Ctx();
        ctx.job = job;
        ctx.pods = podsForJob(job);
        ctx.activePods = ctx.pods.stream().filter(PodConditions::isPodActive).toList();
        ctx.ready = JobPods.countReady(ctx.activePods);
        ctx.uncountedSucceeded = new HashSet<>(nzl(status.getUncountedTerminatedPods().getSucceeded()));
        ctx.uncountedFailed = new HashSet<>(nzl(status.getUncountedTerminatedPods().getFailed()));
        ctx.expectedRmFinalizers = finalizerExpectations.expectedUids(key);
        ctx.terminating = JobPods.countTerminating(ctx.pods);
        int active = ctx.activePods.size();
        List<Pod> newSucceeded = validPods(ctx, ctx.uncountedSucceeded, p -> "Succeeded".equals(PodConditions.phase(p)));
        List<Pod> newFailed = validPods(ctx, ctx.uncountedFailed, p -> JobPods.isPodFailed(p, job));
        ctx.succeeded = nz(status.getSucceeded()) + newSucceeded.size() + ctx.uncountedSucceeded.size();
        ctx.failed = nz(status.getFailed()) + PodFailurePolicies.countedFailures(job, newFailed) + ctx.uncountedFailed.size();

        if (status.getStartTime() == null && !suspended(job)) {
            status.setStartTime(Times.format(now));
        }
        ctx.newBackoffRecord = backoffStore.newRecord(key, newSucceeded, newFailed);

        boolean exceedsBackoffLimit = ctx.failed > JobPods.backoffLimit(job);
        ctx.finishedCondition = successCriteriaMet(job);
        if (ctx.finishedCondition == null) {
            JobCondition target = JobConditions.find(status.getConditions(), JobConditions.FAILURE_TARGET);
            if (target != null && "True".equals(target.getStatus())) {
                ctx.finishedCondition = JobConditions.newCondition(JobConditions.FAILED, "True", target.getReason(), target.getMessage(), now);
            } else {
                // the interim FailureTarget records the policy's message before the pods' finalizers go
                ctx.finishedCondition = PodFailurePolicies.failJobMessage(job, ctx.pods)
                        .map(msg -> JobConditions.newCondition(JobConditions.FAILURE_TARGET, "True",
                                PodFailurePolicies.REASON_POD_FAILURE_POLICY, msg, now))
                        .orElse(null);
            }
        }
        if (ctx.finishedCondition == null) {
            if (exceedsBackoffLimit || JobPods.pastBackoffLimitOnFailure(job, ctx.pods)) {
                ctx.finishedCondition = JobConditions.newCondition(JobConditions.FAILURE_TARGET, "True",
                        JobConditions.REASON_BACKOFF_LIMIT_EXCEEDED, "Job has reached the specified backoff limit", now);
            } else if (pastActiveDeadline(job, now)) {
                ctx.finishedCondition = JobConditions.newCondition(JobConditions.FAILURE_TARGET, "True",
                        JobConditions.REASON_DEADLINE_EXCEEDED, "Job was active longer than specified deadline", now);
            } else if (job.getSpec().getActiveDeadlineSeconds() != null && !suspended(job)) {
                Instant start = Times.parse(status.getStartTime()).orElse(now);
                Duration left = Duration.ofSeconds(job.getSpec().getActiveDeadlineSeconds()).minus(Duration.between(start, now));
                controller.queue().addAfter(objectKey, left.isNegative() ? Duration.ZERO : left);
            }
        }
        if (JobPods.isIndexed(job)) {
            OrderedIntervals[] indexes = JobPods.succeededIndexes(job, ctx.pods);
            ctx.prevSucceededIndexes = indexes[0];
            ctx.succeededIndexes = indexes[1];
            ctx.succeeded = ctx.succeededIndexes.total();
            if (ctx.finishedCondition == null) {
                ctx.finishedCondition = SuccessPolicies.match(job.getSpec().getSuccessPolicy(), job.getSpec().getCompletions(),
                                ctx.succeededIndexes)
                        .map(msg -> JobConditions.newCondition(JobConditions.SUCCESS_CRITERIA_MET, "True",
                                SuccessPolicies.REASON_SUCCESS_POLICY, msg, now))
                        .orElse(null);
            }
        }
        boolean suspendCondChanged = false;
        Exception manageJobErr = null;
        if (ctx.finishedCondition != null) {
            Deleted deleted = deleteActivePods(job, ctx.activePods);
            if (deleted.deleted() != active || !satisfiedExpectations) {
                // pods may still have finalizers, or the cache may not have all pods yet
                ctx.finishedCondition = null;
            }
            active -= deleted.deleted();
            ctx.terminating += deleted.deleted();
            ctx.ready -= deleted.ready();
            manageJobErr = deleted.error();
        } else {
            boolean manageJobCalled = false;
            if (satisfiedExpectations && job.getMetadata().getDeletionTimestamp() == null) {
                try {
                    active = manageJob(objectKey, key, job, ctx, now);
                } catch (ManageException e) {
                    active = e.active;
                    manageJobErr = e.cause;
                }
                manageJobCalled = true;
            }
            boolean complete = job.getSpec().getCompletions() == null
                    ? ctx.succeeded > 0 && active == 0
                    : ctx.succeeded >= job.getSpec().getCompletions() && active == 0;
            if (complete) {
                ctx.finishedCondition = JobConditions.newCondition(JobConditions.SUCCESS_CRITERIA_MET, "True", "", "", now);
            } else if (manageJobCalled) {
                JobConditions.Ensured e;
                if (suspended(job)) {
                    e = JobConditions.ensure(status.getConditions(), JobConditions.SUSPENDED, "True", "JobSuspended", "Job suspended", now);
                    if (e.changed()) {
                        suspendCondChanged = true;
                        recorder.event(job, EventRecorder.NORMAL, "Suspended", "Job suspended");
                    }
                } else {
                    e = JobConditions.ensure(status.getConditions(), JobConditions.SUSPENDED, "False", "JobResumed", "Job resumed", now);
                    if (e.changed()) {
                        suspendCondChanged = true;
                        recorder.event(job, EventRecorder.NORMAL, "Resumed", "Job resumed");
                        // activeDeadlineSeconds counts the time a Job is continuously active
                        status.setStartTime(Times.format(now));
                    }
                }
                status.setConditions(e.conditions());
            }
        }
        boolean needsStatusUpdate = suspendCondChanged || active != nz(status.getActive())
                || !Objects.equals(ctx.ready, status.getReady()) || !Objects.equals(ctx.terminating, status.getTerminating());
        status.setActive(active);
        status.setReady(ctx.ready);
        status.setTerminating(ctx.terminating);
        trackJobStatusAndRemoveFinalizers(key, ctx, needsStatusUpdate, now);
        if (manageJobErr != null) {
            throw manageJobErr;
        }
        return Result.done();
    }

    /** Outcome of deleting pods: how many ready ones and how many in all were deleted, the first failure. */
    private record Deleted(int ready, int deleted, Exception error) {
    }

    /** The succeeded condition already recorded (upstream {@code hasSuccessCriteriaMetCondition}). */
    private static JobCondition successCriteriaMet(Job job) {
        JobCondition c = JobConditions.find(job.getStatus().getConditions(), JobConditions.SUCCESS_CRITERIA_MET);
        return c != null && "True".equals(c.getStatus()) ? c : null;
    }

    private static boolean suspended(Job job) {
        return Boolean.TRUE.equals(job.getSpec().getSuspend());
    }

    /** Upstream {@code pastActiveDeadline}; never while suspended. */
    static boolean pastActiveDeadline(Job job, Instant now) {
        if (job.getSpec().getActiveDeadlineSeconds() == null || job.getStatus() == null || job.getStatus().getStartTime() == null
                || suspended(job)) {
            return false;
        }
        Instant start = Times.parse(job.getStatus().getStartTime()).orElse(now);
        return Duration.between(start, now).compareTo(Duration.ofSeconds(job.getSpec().getActiveDeadlineSeconds())) >= 0;
    }

    /** Upstream {@code getValidPodsWithFilter}: uncounted pods with the finalizer (and a valid index) passing the filter. */
    private static List<Pod> validPods(Ctx ctx, Set<String> uncounted, java.util.function.Predicate<Pod> filter) {
        List<Pod> out = new ArrayList<>();
        for (Pod p : ctx.pods) {
            String uid = p.getMetadata().getUid();
            if (!JobPods.hasTrackingFinalizer(p) || uncounted.contains(uid) || ctx.expectedRmFinalizers.contains(uid)) {
                continue;
            }
            if (JobPods.isIndexed(ctx.job)) {
                int ix = JobPods.completionIndex(p);
                if (ix == JobPods.UNKNOWN_INDEX || ix >= ctx.job.getSpec().getCompletions()) {
                    continue;
                }
            }
            if (filter.test(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Upstream {@code getPodsForJob}: every pod of the namespace claimed (adopting matching orphans, releasing owned
     * pods that stopped matching). Adopted pods get the tracking finalizer.
     */
    private List<Pod> podsForJob(Job job) throws Exception {
        LabelSelector selector = LabelSelector.fromModel(job.getSpec().getSelector());
        List<Pod> all = podInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, job.getMetadata().getNamespace());
        PodControllerRefManager cm = new PodControllerRefManager(podControl, job, selector, API_VERSION, KIND, () -> {
            Job fresh = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).get();
            if (fresh == null) {
                throw new IllegalStateException("jobs.batch \"" + job.getMetadata().getName() + "\" not found");
            }
            if (!Objects.equals(fresh.getMetadata().getUid(), job.getMetadata().getUid())) {
                throw new IllegalStateException("original Job " + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName()
                        + " is gone: got uid " + fresh.getMetadata().getUid() + ", wanted " + job.getMetadata().getUid());
            }
            if (fresh.getMetadata().getDeletionTimestamp() != null) {
                throw new IllegalStateException(job.getMetadata().getNamespace() + "/" + job.getMetadata().getName()
                        + " has just been deleted at " + fresh.getMetadata().getDeletionTimestamp());
            }
        });
        List<Pod> claimed = cm.claimPods(all);
        List<Pod> out = new ArrayList<>(claimed.size());
        for (Pod p : claimed) {
            boolean adopted = p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences().stream()
                    .noneMatch(r -> Objects.equals(r.getUid(), job.getMetadata().getUid()));
            if (adopted && !JobPods.hasTrackingFinalizer(p)) {
                // upstream adds the finalizer with the adoption patch
                podControl.patchPod(p.getMetadata().getNamespace(), p.getMetadata().getName(),
                        "{\"metadata\":{\"finalizers\":[\"" + JobPods.TRACKING_FINALIZER + "\"]}}");
                Pod copy = new io.fabric8.kubernetes.api.model.PodBuilder(p).editMetadata().addToFinalizers(JobPods.TRACKING_FINALIZER).endMetadata().build();
                out.add(copy);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Upstream {@code deleteActivePods}: deletes keeping the finalizers. */
    private Deleted deleteActivePods(Job job, List<Pod> pods) {
        AtomicInteger deleted = new AtomicInteger(pods.size());
        AtomicInteger deletedReady = new AtomicInteger();
        List<Exception> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (Pod pod : pods) {
            fs.add(CompletableFuture.runAsync(() -> {
                try {
                    podControl.deletePod(job.getMetadata().getNamespace(), pod.getMetadata().getName(), job);
                } catch (Exception e) {
                    if (!ClientErrors.isNotFound(e)) {
                        deleted.decrementAndGet();
                        errors.add(e);
                    }
                }
                if (PodConditions.isPodReady(pod)) {
                    deletedReady.incrementAndGet();
                }
            }, calls));
        }
        fs.forEach(CompletableFuture::join);
        return new Deleted(deletedReady.get(), deleted.get(), errors.isEmpty() ? null : errors.get(0));
    }

    /** manageJob's failure, carrying the active count at the time. */
    private static final class ManageException extends Exception {
        final int active;
        final Exception cause;

        ManageException(int active, Exception cause) {
            super(cause);
            this.active = active;
            this.cause = cause;
        }
    }

    /**
     * Upstream {@code manageJob}: deletes all pods of a suspended Job, surplus pods (Indexed: repeated or invalid
     * indexes first), or creates missing ones (after the pod-failure backoff) in slow-start batches. Returns the
     * active count afterwards.
     */
    private int manageJob(ObjectKey objectKey, String key, Job job, Ctx ctx, Instant now) throws ManageException {
        int active = ctx.activePods.size();
        int parallelism = JobPods.parallelism(job);
        if (suspended(job)) {
            List<Pod> toDelete = JobPods.activePodsForRemoval(job, ctx.activePods, active);
            expectations.expectDeletions(key, toDelete.size());
            Deleted removed = deleteJobPods(job, key, toDelete);
            ctx.terminating += removed.deleted();
            ctx.ready -= removed.ready();
            if (removed.error() != null) {
                throw new ManageException(active - removed.deleted(), removed.error());
            }
            return active - removed.deleted();
        }
        int wantActive;
        if (job.getSpec().getCompletions() == null) {
            wantActive = ctx.succeeded > 0 ? active : parallelism;
        } else {
            wantActive = Math.max(0, Math.min(job.getSpec().getCompletions() - ctx.succeeded, parallelism));
        }
        int rmAtLeast = Math.max(0, active - wantActive);
        List<Pod> toDelete = JobPods.activePodsForRemoval(job, ctx.activePods, rmAtLeast);
        if (toDelete.size() > MAX_POD_CREATE_DELETE_PER_SYNC) {
            toDelete = toDelete.subList(0, MAX_POD_CREATE_DELETE_PER_SYNC);
        }
        if (!toDelete.isEmpty()) {
            expectations.expectDeletions(key, toDelete.size());
            log.debug("Too many pods running for job {}: deleting {}, target {}", key, toDelete.size(), wantActive);
            Deleted removed = deleteJobPods(job, key, toDelete);
            ctx.terminating += removed.deleted();
            ctx.ready -= removed.ready();
            if (removed.error() != null) {
                throw new ManageException(active - removed.deleted(), removed.error());
            }
            return active - removed.deleted();
        }
        int terminating = JobPods.onlyReplaceFailedPods(job) ? ctx.terminating : 0;
        int diff = wantActive - terminating - active;
        if (diff <= 0) {
            return active;
        }
        Duration remaining = ctx.newBackoffRecord.remainingTime(now, settings.podFailureBackoffBase(), settings.podFailureBackoffMax());
        if (remaining.compareTo(Duration.ZERO) > 0) {
            controller.queue().addAfter(objectKey, remaining.compareTo(settings.syncBatchPeriod()) < 0 ? settings.syncBatchPeriod() : remaining);
            return 0;
        }
        diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
        List<Integer> indexesToAdd = new ArrayList<>();
        if (JobPods.isIndexed(job)) {
            indexesToAdd.addAll(JobPods.firstPendingIndexes(ctx.activePods, ctx.succeededIndexes, diff, job.getSpec().getCompletions()));
            diff = indexesToAdd.size();
        }
        expectations.expectCreations(key, diff);
        log.debug("Too few pods running for job {}: need {}, creating {}", key, wantActive, diff);
        PodTemplateSpec podTemplate = new PodTemplateSpecBuilder(job.getSpec().getTemplate()).build();
        if (JobPods.isIndexed(job)) {
            JobPods.addCompletionIndexEnvVariables(podTemplate);
        }
        if (podTemplate.getMetadata() == null) {
            podTemplate.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        List<String> finalizers = podTemplate.getMetadata().getFinalizers() == null ? new ArrayList<>()
                : new ArrayList<>(podTemplate.getMetadata().getFinalizers());
        if (!finalizers.contains(JobPods.TRACKING_FINALIZER)) {
            finalizers.add(JobPods.TRACKING_FINALIZER);
        }
        podTemplate.getMetadata().setFinalizers(finalizers);
        OwnerReference ref = PodControllerRefManager.controllerRef(job, API_VERSION, KIND);
        java.util.concurrent.ConcurrentLinkedQueue<Integer> indexes = new java.util.concurrent.ConcurrentLinkedQueue<>(indexesToAdd);
        SlowStart.Outcome outcome = SlowStart.run(diff, SlowStart.INITIAL_BATCH_SIZE, calls, () -> {
            Integer ix = indexes.poll();
            PodTemplateSpec template = podTemplate;
            String generateName = "";
            if (ix != null) {
                template = new PodTemplateSpecBuilder(podTemplate).build();
                JobPods.setCompletionIndex(template, job.getMetadata().getName(), ix);
                generateName = JobPods.generateNameWithIndex(job.getMetadata().getName(), ix);
            }
            try {
                podCreator.create(job.getMetadata().getNamespace(), template, job, ref, generateName);
            } catch (Exception e) {
                if (!ClientErrors.hasStatusCause(e, ClientErrors.NAMESPACE_TERMINATING_CAUSE)) {
                    throw e;
                }
            }
        });
        int failedOrSkipped = diff - outcome.successes();
        for (int i = 0; i < failedOrSkipped; i++) {
            // the informer will never see these pods
            expectations.creationObserved(key);
        }
        int newActive = active + outcome.successes();
        if (outcome.error() != null) {
            throw new ManageException(newActive, outcome.error());
        }
        return newActive;
    }

    /** Upstream {@code deleteJobPods}: removes the finalizer, then deletes. */
    private Deleted deleteJobPods(Job job, String key, List<Pod> pods) {
        AtomicInteger deleted = new AtomicInteger(pods.size());
        AtomicInteger deletedReady = new AtomicInteger();
        List<Exception> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (Pod pod : pods) {
            fs.add(CompletableFuture.runAsync(() -> {
                try {
                    if (JobPods.hasTrackingFinalizer(pod)) {
                        podControl.patchPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), removeFinalizerPatch());
                    }
                    podControl.deletePod(job.getMetadata().getNamespace(), pod.getMetadata().getName(), job);
                } catch (Exception e) {
                    // the informer will not observe this deletion
                    expectations.deletionObserved(key);
                    if (!ClientErrors.isNotFound(e)) {
                        deleted.decrementAndGet();
                        errors.add(e);
                        return;
                    }
                }
                if (PodConditions.isPodReady(pod)) {
                    deletedReady.incrementAndGet();
                }
            }, calls));
        }
        fs.forEach(CompletableFuture::join);
        return new Deleted(deletedReady.get(), deleted.get(), errors.isEmpty() ? null : errors.get(0));
    }

    /**
     * Upstream {@code trackJobStatusAndRemoveFinalizers}: records finished pods as uncounted, flushes, removes their
     * finalizers, moves them into the counters, and finally adds the Complete / Failed condition when nothing is
     * uncounted or terminating any more.
     */
    private void trackJobStatusAndRemoveFinalizers(String key, Ctx ctx, boolean needsFlush, Instant now) throws Exception {
        Job job = ctx.job;
        boolean indexed = JobPods.isIndexed(job);
        List<Pod> pods = new ArrayList<>(ctx.pods);
        if (indexed) {
            pods.sort(Comparator.comparingInt(JobPods::completionIndex));
        }
        Set<String> uidsWithFinalizer = new HashSet<>();
        for (Pod p : pods) {
            if (JobPods.hasTrackingFinalizer(p) && !ctx.expectedRmFinalizers.contains(p.getMetadata().getUid())) {
                uidsWithFinalizer.add(p.getMetadata().getUid());
            }
        }
        UncountedTerminatedPods uncounted = job.getStatus().getUncountedTerminatedPods();
        List<String> uncountedSucceeded = new ArrayList<>(nzl(uncounted.getSucceeded()));
        List<String> uncountedFailed = new ArrayList<>(nzl(uncounted.getFailed()));
        if (cleanUncounted(job.getStatus(), uncountedSucceeded, uncountedFailed, uidsWithFinalizer)) {
            needsFlush = true;
        }
        List<Pod> toRemoveFinalizer = new ArrayList<>();
        List<Integer> newSucceededIndexes = new ArrayList<>();
        boolean reachedMaxUncounted = false;
        for (Pod pod : pods) {
            String uid = pod.getMetadata().getUid();
            if (!JobPods.hasTrackingFinalizer(pod) || ctx.expectedRmFinalizers.contains(uid)) {
                continue;
            }
            boolean considerFailed = JobPods.isPodFailed(pod, job);
            if (!(job.getMetadata().getDeletionTimestamp() != null || ctx.finishedCondition != null
                    || "Succeeded".equals(PodConditions.phase(pod)) || considerFailed)) {
                continue;
            }
            toRemoveFinalizer.add(pod);
            if ("Succeeded".equals(PodConditions.phase(pod)) && !ctx.uncountedFailed.contains(uid)) {
                if (indexed) {
                    int ix = JobPods.completionIndex(pod);
                    if (ix != JobPods.UNKNOWN_INDEX && ix < job.getSpec().getCompletions() && !ctx.prevSucceededIndexes.has(ix)) {
                        newSucceededIndexes.add(ix);
                        needsFlush = true;
                    }
                } else if (!ctx.uncountedSucceeded.contains(uid)) {
                    needsFlush = true;
                    uncountedSucceeded.add(uid);
                }
            } else if (considerFailed || (ctx.finishedCondition != null && !JobConditions.SUCCESS_CRITERIA_MET.equals(ctx.finishedCondition.getType()))) {
                int ix = JobPods.completionIndex(pod);
                if (!ctx.uncountedFailed.contains(uid) && (!indexed || (ix != JobPods.UNKNOWN_INDEX && ix < job.getSpec().getCompletions()))
                        && PodFailurePolicies.match(job.getSpec().getPodFailurePolicy(), pod).countFailed()) {
                    // a failure the pod failure policy ignores loses its finalizer without being counted
                    needsFlush = true;
                    uncountedFailed.add(uid);
                }
            }
            if (newSucceededIndexes.size() + uncountedSucceeded.size() + uncountedFailed.size() >= MAX_UNCOUNTED_PODS) {
                reachedMaxUncounted = true;
                break;
            }
        }
        uncounted.setSucceeded(uncountedSucceeded);
        uncounted.setFailed(uncountedFailed);
        if (indexed) {
            ctx.succeededIndexes = ctx.succeededIndexes.with(newSucceededIndexes);
            String s = ctx.succeededIndexes.toString();
            if (!s.equals(nzs(job.getStatus().getCompletedIndexes()))) {
                needsFlush = true;
            }
            job.getStatus().setSucceeded(ctx.succeededIndexes.total());
            job.getStatus().setCompletedIndexes(s);
        }
        if (ctx.finishedCondition != null && JobConditions.FAILURE_TARGET.equals(ctx.finishedCondition.getType())) {
            List<JobCondition> conds = new ArrayList<>(nzl(job.getStatus().getConditions()));
            conds.add(ctx.finishedCondition);
            job.getStatus().setConditions(conds);
            needsFlush = true;
            ctx.finishedCondition = JobConditions.newCondition(JobConditions.FAILED, "True", ctx.finishedCondition.getReason(),
                    ctx.finishedCondition.getMessage(), now);
        }
        if (ctx.finishedCondition != null && JobConditions.SUCCESS_CRITERIA_MET.equals(ctx.finishedCondition.getType())) {
            if (successCriteriaMet(job) == null) {
                List<JobCondition> conds = new ArrayList<>(nzl(job.getStatus().getConditions()));
                conds.add(ctx.finishedCondition);
                job.getStatus().setConditions(conds);
                needsFlush = true;
            }
            ctx.finishedCondition = JobConditions.newCondition(JobConditions.COMPLETE, "True", ctx.finishedCondition.getReason(),
                    ctx.finishedCondition.getMessage(), now);
        }
        // flush the uncounted pods (and interim conditions) before removing finalizers
        if (needsFlush) {
            ctx.job = updateStatus(ctx.job);
            backoffStore.update(ctx.newBackoffRecord);
            needsFlush = false;
        }
        Exception rmErr = null;
        if (!toRemoveFinalizer.isEmpty()) {
            List<String> uids = toRemoveFinalizer.stream().map(p -> p.getMetadata().getUid()).toList();
            finalizerExpectations.expectFinalizersRemoved(key, uids);
            List<CompletableFuture<Exception>> fs = new ArrayList<>();
            for (Pod pod : toRemoveFinalizer) {
                fs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        podControl.patchPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), removeFinalizerPatch());
                        return null;
                    } catch (Exception e) {
                        // no update will show the finalizer removed
                        finalizerExpectations.finalizerRemovalObserved(key, pod.getMetadata().getUid());
                        return ClientErrors.isNotFound(e) ? null : e;
                    }
                }, calls));
            }
            for (int i = 0; i < fs.size(); i++) {
                Exception e = fs.get(i).join();
                if (e == null) {
                    uidsWithFinalizer.remove(uids.get(i));
                } else if (rmErr == null) {
                    rmErr = e;
                }
            }
        }
        JobStatus st = ctx.job.getStatus();
        if (st.getUncountedTerminatedPods() == null) {
            st.setUncountedTerminatedPods(new UncountedTerminatedPods());
        }
        List<String> us = new ArrayList<>(nzl(st.getUncountedTerminatedPods().getSucceeded()));
        List<String> uf = new ArrayList<>(nzl(st.getUncountedTerminatedPods().getFailed()));
        if (cleanUncounted(st, us, uf, uidsWithFinalizer)) {
            needsFlush = true;
        }
        st.getUncountedTerminatedPods().setSucceeded(us);
        st.getUncountedTerminatedPods().setFailed(uf);
        if (rmErr != null) {
            if (needsFlush) {
                updateStatus(ctx.job);
            }
            throw rmErr;
        }
        boolean finished = !reachedMaxUncounted && enactJobFinished(ctx, now);
        if (finished) {
            needsFlush = true;
        }
        if (needsFlush) {
            ctx.job = updateStatus(ctx.job);
            if (finished) {
                recordJobFinished(ctx.job, ctx.finishedCondition);
            }
        }
    }

    /** Upstream {@code cleanUncountedPodsWithoutFinalizers}: moves uncounted pods without finalizer into the counters. */
    static boolean cleanUncounted(JobStatus status, List<String> succeeded, List<String> failed, Set<String> uidsWithFinalizer) {
        boolean updated = false;
        int before = succeeded.size();
        succeeded.removeIf(uid -> !uidsWithFinalizer.contains(uid));
        if (succeeded.size() != before) {
            updated = true;
            status.setSucceeded(nz(status.getSucceeded()) + before - succeeded.size());
        }
        before = failed.size();
        failed.removeIf(uid -> !uidsWithFinalizer.contains(uid));
        if (failed.size() != before) {
            updated = true;
            status.setFailed(nz(status.getFailed()) + before - failed.size());
        }
        return updated;
    }

    /** Upstream {@code enactJobFinished}: the final condition once no pod is uncounted or terminating. */
    private boolean enactJobFinished(Ctx ctx, Instant now) {
        if (ctx.finishedCondition == null) {
            return false;
        }
        JobStatus st = ctx.job.getStatus();
        if (!nzl(st.getUncountedTerminatedPods().getSucceeded()).isEmpty() || !nzl(st.getUncountedTerminatedPods().getFailed()).isEmpty()) {
            return false;
        }
        if (ctx.terminating > 0) {
            return false;
        }
        JobCondition c = ctx.finishedCondition;
        JobConditions.Ensured e = JobConditions.ensure(st.getConditions(), c.getType(), c.getStatus(), c.getReason(), c.getMessage(), now);
        st.setConditions(e.conditions());
        if (JobConditions.COMPLETE.equals(c.getType())) {
            st.setCompletionTime(c.getLastTransitionTime());
        }
        return true;
    }

    private void recordJobFinished(Job job, JobCondition c) {
        if (JobConditions.COMPLETE.equals(c.getType())) {
            if (job.getSpec().getCompletions() != null && nz(job.getStatus().getSucceeded()) > job.getSpec().getCompletions()) {
                recorder.event(job, EventRecorder.WARNING, "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
            }
            recorder.event(job, EventRecorder.NORMAL, "Completed", "Job completed");
        } else {
            recorder.event(job, EventRecorder.WARNING, c.getReason(), c.getMessage());
        }
    }

    /** UpdateStatus with the Job's resourceVersion (a conflict fails the sync, which is retried). */
    private Job updateStatus(Job job) {
        Job toWrite = new JobBuilder(job).withStatus(normalized(job.getStatus())).build();
        Job written = client.batch().v1().jobs().inNamespace(toWrite.getMetadata().getNamespace()).resource(toWrite).updateStatus();
        // keep working on our view of the status; the write only advances the resourceVersion
        Job next = new JobBuilder(job).build();
        next.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
        return next;
    }

    /** As Go serializes JobStatus: zero counters and empty strings and lists omitted. */
    static JobStatus normalized(JobStatus s) {
        JobStatus c = new JobStatusBuilder(s).build();
        if (nz(c.getActive()) == 0) {
            c.setActive(null);
        }
        if (nz(c.getSucceeded()) == 0) {
            c.setSucceeded(null);
        }
        if (nz(c.getFailed()) == 0) {
            c.setFailed(null);
        }
        if (c.getCompletedIndexes() != null && c.getCompletedIndexes().isEmpty()) {
            c.setCompletedIndexes(null);
        }
        if (c.getConditions() != null && c.getConditions().isEmpty()) {
            c.setConditions(null);
        }
        if (c.getUncountedTerminatedPods() != null) {
            UncountedTerminatedPods u = c.getUncountedTerminatedPods();
            if (u.getSucceeded() != null && u.getSucceeded().isEmpty()) {
                u.setSucceeded(null);
            }
            if (u.getFailed() != null && u.getFailed().isEmpty()) {
                u.setFailed(null);
            }
        }
        return c;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static String nzs(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> nzl(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, NAME + "-calls-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
