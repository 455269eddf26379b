package io.kubeboot.controller.cronjob;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.kubeboot.api.helpers.cron.CronSchedule;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.controller.util.Times;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The CronJob controller's view of its Jobs (upstream {@code utils.go}): naming, templating, finished state. Pure. */
public final class CronJobJobs {
    public static final String SCHEDULED_TIMESTAMP_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    static final String API_VERSION = "batch/v1";
    static final String KIND = "CronJob";

    private CronJobJobs() {
    }

    /** Upstream {@code getJobName}: {@code <cronjob>-<scheduled time in minutes since the epoch>}. */
    public static String jobName(CronJob cj, Instant scheduledTime) {
        return cj.getMetadata().getName() + "-" + Math.floorDiv(scheduledTime.getEpochSecond(), 60);
    }

    /**
     * Upstream {@code getJobFromTemplate2}: the template's labels and annotations, the scheduled-timestamp annotation
     * (RFC 3339 in spec.timeZone, UTC without one), the deterministic name, the CronJob as controller, the template's
     * spec.
     */
    public static Job jobFromTemplate(CronJob cj, Instant scheduledTime) {
        var template = cj.getSpec().getJobTemplate();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (template.getMetadata() != null) {
            if (template.getMetadata().getLabels() != null) {
                labels.putAll(template.getMetadata().getLabels());
            }
            if (template.getMetadata().getAnnotations() != null) {
                annotations.putAll(template.getMetadata().getAnnotations());
            }
        }
        String tz = cj.getSpec().getTimeZone() == null ? "" : cj.getSpec().getTimeZone();
        ZoneId zone = CronSchedule.loadLocation(tz, ZoneId.systemDefault());
        annotations.put(SCHEDULED_TIMESTAMP_ANNOTATION,
                scheduledTime.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return new JobBuilder().withNewMetadata()
                .withName(jobName(cj, scheduledTime))
                .withNamespace(cj.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(PodControllerRefManager.controllerRef(cj, API_VERSION, KIND))
                .endMetadata()
                .withSpec(template.getSpec() == null ? null : new JobSpecBuilder(template.getSpec()).build())
                .build();
    }

    /** Upstream {@code getFinishedStatus}: "Complete" or "Failed" when that condition is True. */
    public static Optional<String> finishedStatus(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (JobCondition c : job.getStatus().getConditions()) {
            if (("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus())) {
                return Optional.of(c.getType());
            }
        }
        return Optional.empty();
    }

    public static boolean isFinished(Job job) {
        return finishedStatus(job).isPresent();
    }

    public static boolean isSucceeded(Job job) {
        return finishedStatus(job).filter("Complete"::equals).isPresent();
    }

    /** The reference the active list holds (upstream {@code ref.GetReference}). */
    public static ObjectReference reference(Job job) {
        return new ObjectReferenceBuilder().withApiVersion(API_VERSION).withKind("Job")
                .withNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid()).withResourceVersion(job.getMetadata().getResourceVersion()).build();
    }

    /** Upstream {@code byJobStartTime}: started before not started, earlier start first, then by name. */
    public static final Comparator<Job> BY_START_TIME = (a, b) -> {
        Optional<Instant> sa = Times.parse(a.getStatus() == null ? null : a.getStatus().getStartTime());
        Optional<Instant> sb = Times.parse(b.getStatus() == null ? null : b.getStatus().getStartTime());
        if (sa.isEmpty() != sb.isEmpty()) {
            return sa.isEmpty() ? 1 : -1;
        }
        if (Objects.equals(sa, sb)) {
            return a.getMetadata().getName().compareTo(b.getMetadata().getName());
        }
        return sa.get().compareTo(sb.get());
    };

    /** Whether {@code active} holds a reference with the uid. */
    public static boolean inActiveList(List<ObjectReference> active, String uid) {
        return active != null && active.stream().anyMatch(r -> Objects.equals(r.getUid(), uid));
    }
}
