package io.kubeboot.controller.cronjob;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.api.helpers.cron.CronSchedule;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.PodControllerRefManager;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Upstream {@code pkg/controller/cronjob} (the v2 controller): creates a Job for each activation of a CronJob's
 * schedule, tracks the active Jobs, trims finished Jobs to the history limits.
 *
 * <p>Per sync of a CronJob key: remove finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit
 * (oldest start first, event SuccessfulDelete); reconcile status.active with the Jobs (SawCompletedJob when one
 * finished, lastSuccessfulTime, MissingJob); unless the CronJob is deleted, suspended, its time zone or schedule
 * invalid: find the most recent unmet activation and, within startingDeadlineSeconds and the concurrencyPolicy
 * (Forbid skips while a Job is active, Replace deletes the active ones), create {@code <name>-<minutes since epoch>}
 * (event SuccessfulCreate) and record it in status.active and lastScheduleTime. The key is requeued for the next
 * activation. Time comes from the injected {@link Clock}; schedules without a zone use {@code localZone}.
 */
public final class CronJobController implements ManagedController {
    public static final String NAME = "cronjob";
    /** Upstream --concurrent-cron-job-syncs. */
    public static final int DEFAULT_WORKERS = 5;
    private static final Logger log = LoggerFactory.getLogger(CronJobController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<CronJob> cronJobInformer;
    private final SharedIndexInformer<Job> jobInformer;
    private final EventRecorder recorder;
    private final Clock clock;
    private final ZoneId localZone;
    private final Controller<ObjectKey> controller;

    public CronJobController(KubernetesClient client, SharedIndexInformer<CronJob> cronJobInformer,
                             SharedIndexInformer<Job> jobInformer, EventRecorder recorder, int workers,
                             Duration cacheSyncTimeout, MeterRegistry registry, Clock clock, ZoneId localZone) {
        this.client = client;
        this.cronJobInformer = cronJobInformer;
        this.jobInformer = jobInformer;
        this.recorder = recorder;
        this.clock = clock;
        this.localZone = localZone;
        this.controller = Controller.<ObjectKey>builder()
                .name(NAME)
                .workers(workers)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::sync)
                .watchWith(cronJobInformer, q -> new CronJobEventHandler(q, this::requeueAfterScheduleChange))
                .watchWith(jobInformer, q -> new CronJobJobEventHandler(q, this::resolveControllerRef))
                .build();
    }

    /** The manager's entry: "cronjob", on by default, real clock. */
    public static ControllerDescriptor descriptor() {
        return descriptor(Clock.systemUTC());
    }

    /** As {@link #descriptor()} with the given clock (tests). */
    public static ControllerDescriptor descriptor(Clock clock) {
        return new ControllerDescriptor(NAME, false, ctx -> create(ctx, clock));
    }

    static CronJobController create(ControllerContext ctx, Clock clock) {
        return new CronJobController(ctx.client(), ctx.informers().informerFor(CronJob.class),
                ctx.informers().informerFor(Job.class), ctx.eventRecorder("cronjob-controller"), DEFAULT_WORKERS,
                ctx.properties().getCacheSyncTimeout(), ctx.registry(), clock, ZoneId.systemDefault());
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

    CronJob resolveControllerRef(String namespace, OwnerReference ref) {
        if (!CronJobJobs.KIND.equals(ref.getKind())) {
            return null;
        }
        CronJob cj = cronJobInformer.getIndexer().getByKey(Cache.namespaceKeyFunc(namespace, ref.getName()));
        return cj != null && Objects.equals(cj.getMetadata().getUid(), ref.getUid()) ? cj : null;
    }

    /** Upstream {@code updateCronJob}'s schedule branch: the delay until the new schedule's next activation. */
    Duration requeueAfterScheduleChange(CronJob cj) {
        try {
            CronSchedule sched = CronSchedule.parseStandard(formatSchedule(cj, false), localZone);
            return ScheduleTimes.nextScheduleTimeDuration(cj, clock.instant(), sched);
        } catch (IllegalArgumentException e) {
            recorder.eventf(cj, EventRecorder.WARNING, "UnParseableCronJobSchedule", "unparseable schedule for cronjob: %s",
                    cj.getSpec().getSchedule());
            return null;
        }
    }

    // ------------------------------------------------------------------ sync

    Result sync(ObjectKey key) throws Exception {
        CronJob cached = cronJobInformer.getIndexer().getByKey(key.toString());
        if (cached == null) {
            log.debug("CronJob {} not found, may be it is deleted", key);
            return Result.done();
        }
        List<Job> jobs = jobsToBeReconciled(cached);
        CronJob cj = new CronJobBuilder(cached).build();
        if (cj.getStatus() == null) {
            cj.setStatus(new CronJobStatusBuilder().build());
        }
        boolean updateAfterCleanup = cleanupFinishedJobs(cj, jobs);
        SyncOutcome outcome = syncCronJob(cj, jobs);
        if (outcome.error() != null) {
            log.debug("Error reconciling cronjob {}: {}", key, outcome.error().getMessage());
        }
        if (updateAfterCleanup || outcome.updateStatus()) {
            CronJob toWrite = new CronJobBuilder(outcome.cronJob()).withStatus(normalized(outcome.cronJob().getStatus())).build();
            client.batch().v1().cronjobs().inNamespace(toWrite.getMetadata().getNamespace()).resource(toWrite).updateStatus();
        }
        if (outcome.requeueAfter() != null) {
            return Result.requeueAfter(outcome.requeueAfter().isNegative() ? Duration.ZERO : outcome.requeueAfter());
        }
        if (outcome.error() != null) {
            throw outcome.error();
        }
        return Result.done();
    }

    /** Upstream {@code getJobsToBeReconciled}: the namespace's Jobs whose controller reference names the CronJob. */
    private List<Job> jobsToBeReconciled(CronJob cj) {
        List<Job> out = new ArrayList<>();
        for (Job j : jobInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, cj.getMetadata().getNamespace())) {
            OwnerReference ref = PodControllerRefManager.controllerOf(j);
            if (ref != null && Objects.equals(ref.getName(), cj.getMetadata().getName())) {
                out.add(j);
            }
        }
        return out;
    }

    private record SyncOutcome(CronJob cronJob, Duration requeueAfter, boolean updateStatus, Exception error) {
    }

    private SyncOutcome syncCronJob(CronJob cj, List<Job> jobs) {
        Instant now = clock.instant();
        boolean updateStatus = false;
        Set<String> children = new HashSet<>();
        for (Job j : jobs) {
            children.add(j.getMetadata().getUid());
            boolean found = CronJobJobs.inActiveList(cj.getStatus().getActive(), j.getMetadata().getUid());
            if (!found && !CronJobJobs.isFinished(j)) {
                CronJob fresh;
                try {
                    fresh = client.batch().v1().cronjobs().inNamespace(cj.getMetadata().getNamespace())
                            .withName(cj.getMetadata().getName()).get();
                } catch (Exception e) {
                    return new SyncOutcome(cj, null, updateStatus, e);
                }
                if (fresh == null) {
                    return new SyncOutcome(cj, null, updateStatus, new IllegalStateException("cronjobs.batch \""
                            + cj.getMetadata().getName() + "\" not found"));
                }
                if (fresh.getStatus() != null && CronJobJobs.inActiveList(fresh.getStatus().getActive(), j.getMetadata().getUid())) {
                    cj = fresh;
                    continue;
                }
                recorder.eventf(cj, EventRecorder.WARNING, "UnexpectedJob", "Saw a job that the controller did not create or forgot: %s",
                        j.getMetadata().getName());
            } else if (found && CronJobJobs.isFinished(j)) {
                String status = CronJobJobs.finishedStatus(j).orElse("");
                removeFromActive(cj, j.getMetadata().getUid());
                recorder.eventf(cj, EventRecorder.NORMAL, "SawCompletedJob", "Saw completed job: %s, status: %s",
                        j.getMetadata().getName(), status);
                updateStatus = true;
            } else if (CronJobJobs.isSucceeded(j)) {
                String completion = j.getStatus().getCompletionTime();
                if (cj.getStatus().getLastSuccessfulTime() == null) {
                    cj.getStatus().setLastSuccessfulTime(completion);
                    updateStatus = true;
                }
                var ct = Times.parse(completion);
                var last = Times.parse(cj.getStatus().getLastSuccessfulTime());
                if (ct.isPresent() && (last.isEmpty() || ct.get().isAfter(last.get()))) {
                    cj.getStatus().setLastSuccessfulTime(completion);
                    updateStatus = true;
                }
            }
        }
        // drop references to Jobs that are gone (asking the apiserver, the cache may lag)
        for (ObjectReference ref : List.copyOf(nz(cj.getStatus().getActive()))) {
            if (children.contains(ref.getUid())) {
                continue;
            }
            try {
                Job j = client.batch().v1().jobs().inNamespace(ref.getNamespace()).withName(ref.getName()).get();
                if (j == null) {
                    recorder.eventf(cj, EventRecorder.NORMAL, "MissingJob", "Active job went missing: %s", ref.getName());
                    removeFromActive(cj, ref.getUid());
                    updateStatus = true;
                }
            } catch (Exception e) {
                return new SyncOutcome(cj, null, updateStatus, e);
            }
        }
        if (cj.getMetadata().getDeletionTimestamp() != null) {
            return new SyncOutcome(cj, null, updateStatus, null);
        }
        if (cj.getSpec().getTimeZone() != null) {
            try {
                CronSchedule.loadLocation(cj.getSpec().getTimeZone(), localZone);
            } catch (IllegalArgumentException e) {
                recorder.eventf(cj, EventRecorder.WARNING, "UnknownTimeZone", "invalid timeZone: %s: %s",
                        goQuote(cj.getSpec().getTimeZone()), e.getMessage());
                return new SyncOutcome(cj, null, updateStatus, null);
            }
        }
        if (Boolean.TRUE.equals(cj.getSpec().getSuspend())) {
            log.debug("Not starting job because the cron is suspended: {}", ObjectKey.of(cj));
            return new SyncOutcome(cj, null, updateStatus, null);
        }
        CronSchedule sched;
        try {
            sched = CronSchedule.parseStandard(formatSchedule(cj, true), localZone);
        } catch (IllegalArgumentException e) {
            recorder.eventf(cj, EventRecorder.WARNING, "UnparseableSchedule", "unparseable schedule: %s : %s",
                    goQuote(cj.getSpec().getSchedule()), e.getMessage());
            return new SyncOutcome(cj, null, updateStatus, null);
        }
        ScheduleTimes.MostRecent mr = ScheduleTimes.mostRecentScheduleTime(cj, now, sched, true);
        if (mr.mostRecent() != null && mr.missed() == ScheduleTimes.Missed.MANY) {
            recorder.event(cj, EventRecorder.WARNING, "TooManyMissedTimes",
                    "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        }
        if (mr.error() != null) {
            recorder.eventf(cj, EventRecorder.WARNING, "InvalidSchedule", "invalid schedule: %s : %s",
                    cj.getSpec().getSchedule(), mr.error());
            return new SyncOutcome(cj, null, updateStatus, null);
        }
        Instant scheduledTime = mr.mostRecent();
        if (scheduledTime == null || scheduledTime.isAfter(now)) {
            log.debug("No unmet start times for {}", ObjectKey.of(cj));
            return new SyncOutcome(cj, ScheduleTimes.nextScheduleTimeDuration(cj, now, sched), updateStatus, null);
        }
        Long deadline = cj.getSpec().getStartingDeadlineSeconds();
        if (deadline != null && scheduledTime.plusSeconds(deadline).isBefore(now)) {
            recorder.eventf(cj, EventRecorder.WARNING, "MissSchedule", "Missed scheduled time to start a job: %s",
                    DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT).format(scheduledTime.atOffset(ZoneOffset.UTC)));
            return new SyncOutcome(cj, ScheduleTimes.nextScheduleTimeDuration(cj, now, sched), updateStatus, null);
        }
        String jobName = CronJobJobs.jobName(cj, scheduledTime);
        String namespace = cj.getMetadata().getNamespace();
        boolean alreadyProcessed = nz(cj.getStatus().getActive()).stream().anyMatch(r -> jobName.equals(r.getName())
                && Objects.equals(r.getNamespace(), namespace))
                || Times.parse(cj.getStatus().getLastScheduleTime()).map(scheduledTime::equals).orElse(false);
        if (alreadyProcessed) {
            log.debug("Not starting job because the scheduled time is already processed: {} {}", ObjectKey.of(cj), scheduledTime);
            return new SyncOutcome(cj, ScheduleTimes.nextScheduleTimeDuration(cj, now, sched), updateStatus, null);
        }
        String policy = cj.getSpec().getConcurrencyPolicy() == null ? "Allow" : cj.getSpec().getConcurrencyPolicy();
        if ("Forbid".equals(policy) && !nz(cj.getStatus().getActive()).isEmpty()) {
            recorder.event(cj, EventRecorder.NORMAL, "JobAlreadyActive",
                    "Not starting job because prior execution is running and concurrency policy is Forbid");
            return new SyncOutcome(cj, ScheduleTimes.nextScheduleTimeDuration(cj, now, sched), updateStatus, null);
        }
        if ("Replace".equals(policy)) {
            for (ObjectReference ref : List.copyOf(nz(cj.getStatus().getActive()))) {
                Job job;
                try {
                    job = client.batch().v1().jobs().inNamespace(ref.getNamespace()).withName(ref.getName()).get();
                    if (job == null) {
                        throw new io.fabric8.kubernetes.client.KubernetesClientException(
                                "jobs.batch \"" + ref.getName() + "\" not found", 404, null);
                    }
                } catch (Exception e) {
                    recorder.eventf(cj, EventRecorder.WARNING, "FailedGet", "Get job: %s", ClientErrors.message(e));
                    return new SyncOutcome(cj, null, updateStatus, e);
                }
                if (!deleteJob(cj, job)) {
                    return new SyncOutcome(cj, null, updateStatus, new IllegalStateException(
                            "could not replace job " + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName()));
                }
                updateStatus = true;
            }
        }
        Job request = CronJobJobs.jobFromTemplate(cj, scheduledTime);
        Job created;
        boolean alreadyExists = false;
        try {
            created = client.batch().v1().jobs().inNamespace(cj.getMetadata().getNamespace()).resource(request).create();
        } catch (Exception e) {
            if (ClientErrors.hasStatusCause(e, ClientErrors.NAMESPACE_TERMINATING_CAUSE)) {
                return new SyncOutcome(cj, null, updateStatus, e);
            }
            if (ClientErrors.code(e) != 409) {
                recorder.eventf(cj, EventRecorder.WARNING, "FailedCreate", "Error creating job: %s", ClientErrors.message(e));
                return new SyncOutcome(cj, null, updateStatus, e);
            }
            // created earlier (status write lost) or by someone else: adopt into the active list only if ours
            alreadyExists = true;
            try {
                created = client.batch().v1().jobs().inNamespace(cj.getMetadata().getNamespace()).withName(request.getMetadata().getName()).get();
            } catch (Exception ge) {
                return new SyncOutcome(cj, null, updateStatus, ge);
            }
            if (created == null) {
                return new SyncOutcome(cj, null, updateStatus, e);
            }
            OwnerReference ref = PodControllerRefManager.controllerOf(created);
            if (ref == null || !Objects.equals(ref.getUid(), cj.getMetadata().getUid())) {
                return new SyncOutcome(cj, null, updateStatus, null);
            }
            if (CronJobJobs.inActiveList(cj.getStatus().getActive(), created.getMetadata().getUid())) {
                return new SyncOutcome(cj, null, updateStatus, null);
            }
        }
        if (alreadyExists) {
            log.info("Job already exists: cronjob={} job={}", ObjectKey.of(cj), request.getMetadata().getName());
        } else {
            recorder.eventf(cj, EventRecorder.NORMAL, "SuccessfulCreate", "Created job %s", created.getMetadata().getName());
        }
        List<ObjectReference> active = new ArrayList<>(nz(cj.getStatus().getActive()));
        active.add(CronJobJobs.reference(created));
        cj.getStatus().setActive(active);
        cj.getStatus().setLastScheduleTime(Times.format(scheduledTime));
        return new SyncOutcome(cj, ScheduleTimes.nextScheduleTimeDuration(cj, now, sched), true, null);
    }

    /** Upstream {@code cleanupFinishedJobs}: trims finished Jobs to the history limits; whether status changed. */
    private boolean cleanupFinishedJobs(CronJob cj, List<Job> jobs) {
        Integer successfulLimit = cj.getSpec().getSuccessfulJobsHistoryLimit();
        Integer failedLimit = cj.getSpec().getFailedJobsHistoryLimit();
        if (successfulLimit == null && failedLimit == null) {
            return false;
        }
        List<Job> successful = new ArrayList<>();
        List<Job> failed = new ArrayList<>();
        for (Job j : jobs) {
            String finished = CronJobJobs.finishedStatus(j).orElse("");
            if (finished.equals("Complete")) {
                successful.add(j);
            } else if (finished.equals("Failed")) {
                failed.add(j);
            }
        }
        boolean update = false;
        if (successfulLimit != null && removeOldestJobs(cj, successful, successfulLimit)) {
            update = true;
        }
        if (failedLimit != null && removeOldestJobs(cj, failed, failedLimit)) {
            update = true;
        }
        return update;
    }

    private boolean removeOldestJobs(CronJob cj, List<Job> jobs, int max) {
        int toDelete = jobs.size() - max;
        if (toDelete <= 0) {
            return false;
        }
        List<Job> sorted = new ArrayList<>(jobs);
        sorted.sort(CronJobJobs.BY_START_TIME);
        boolean update = false;
        for (int i = 0; i < toDelete; i++) {
            if (deleteJob(cj, sorted.get(i))) {
                update = true;
            }
        }
        return update;
    }

    /** Upstream {@code deleteJob}: deletes (background propagation) and drops it from the active list. */
    private boolean deleteJob(CronJob cj, Job job) {
        try {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (Exception e) {
            recorder.eventf(cj, EventRecorder.WARNING, "FailedDelete", "Deleted job: %s", ClientErrors.message(e));
            log.error("Error deleting job {} from cronjob {}", job.getMetadata().getName(), ObjectKey.of(cj), e);
            return false;
        }
        removeFromActive(cj, job.getMetadata().getUid());
        recorder.eventf(cj, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted job %s", job.getMetadata().getName());
        return true;
    }

    private static void removeFromActive(CronJob cj, String uid) {
        List<ObjectReference> kept = new ArrayList<>();
        for (ObjectReference r : nz(cj.getStatus().getActive())) {
            if (!Objects.equals(r.getUid(), uid)) {
                kept.add(r);
            }
        }
        cj.getStatus().setActive(kept);
    }

    /**
     * Upstream {@code formatSchedule}: a schedule naming TZ itself is used as is (with an UnsupportedSchedule warning
     * when {@code warn}); else a valid spec.timeZone becomes a {@code TZ=} prefix.
     */
    String formatSchedule(CronJob cj, boolean warn) {
        String schedule = cj.getSpec().getSchedule() == null ? "" : cj.getSpec().getSchedule();
        if (schedule.contains("TZ")) {
            if (warn) {
                recorder.eventf(cj, EventRecorder.WARNING, "UnsupportedSchedule",
                        "CRON_TZ or TZ used in schedule %s is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details",
                        goQuote(schedule));
            }
            return schedule;
        }
        if (cj.getSpec().getTimeZone() != null) {
            try {
                CronSchedule.loadLocation(cj.getSpec().getTimeZone(), localZone);
            } catch (IllegalArgumentException e) {
                return schedule;
            }
            return "TZ=" + cj.getSpec().getTimeZone() + " " + schedule;
        }
        return schedule;
    }

    /** Go omits an empty active list. */
    private static CronJobStatus normalized(CronJobStatus s) {
        CronJobStatus copy = new CronJobStatusBuilder(s).build();
        if (copy.getActive() != null && copy.getActive().isEmpty()) {
            copy.setActive(null);
        }
        return copy;
    }

    private static <T> List<T> nz(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String goQuote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
