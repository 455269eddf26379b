package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.kubeboot.controller.util.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Job condition rules of upstream's Job controller. Pure; lists are copied, never changed in place. */
public final class JobConditions {
    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";
    public static final String SUSPENDED = "Suspended";
    public static final String FAILURE_TARGET = "FailureTarget";
    public static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";
    public static final String REASON_BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    public static final String REASON_DEADLINE_EXCEEDED = "DeadlineExceeded";

    private JobConditions() {
    }

    /** Upstream {@code newCondition}: probe and transition time now; Go omits empty reason and message. */
    public static JobCondition newCondition(String type, String status, String reason, String message, Instant now) {
        String t = Times.format(now);
        return new JobConditionBuilder().withType(type).withStatus(status).withLastProbeTime(t).withLastTransitionTime(t)
                .withReason(reason == null || reason.isEmpty() ? null : reason)
                .withMessage(message == null || message.isEmpty() ? null : message).build();
    }

    public static JobCondition find(List<JobCondition> list, String type) {
        if (list != null) {
            for (JobCondition c : list) {
                if (type.equals(c.getType())) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Upstream {@code IsJobFinished}: a Complete or Failed condition that is True. */
    public static boolean isFinished(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return false;
        }
        return job.getStatus().getConditions().stream()
                .anyMatch(c -> (COMPLETE.equals(c.getType()) || FAILED.equals(c.getType())) && "True".equals(c.getStatus()));
    }

    /** The list after upstream {@code ensureJobConditionStatus}, and whether it changed. */
    public record Ensured(List<JobCondition> conditions, boolean changed) {
    }

    /**
     * Upstream {@code ensureJobConditionStatus}: replaces the condition of that type when status, reason or message
     * differ; appends it when absent unless the status is False (nothing to False means nothing).
     */
    public static Ensured ensure(List<JobCondition> list, String type, String status, String reason, String message, Instant now) {
        List<JobCondition> out = list == null ? new ArrayList<>() : new ArrayList<>(list);
        for (int i = 0; i < out.size(); i++) {
            JobCondition c = out.get(i);
            if (type.equals(c.getType())) {
                if (!Objects.equals(c.getStatus(), status) || !Objects.equals(nz(c.getReason()), nz(reason))
                        || !Objects.equals(nz(c.getMessage()), nz(message))) {
                    out.set(i, newCondition(type, status, reason, message, now));
                    return new Ensured(out, true);
                }
                return new Ensured(out, false);
            }
        }
        if (!"False".equals(status)) {
            out.add(newCondition(type, status, reason, message, now));
            return new Ensured(out, true);
        }
        return new Ensured(out, false);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
