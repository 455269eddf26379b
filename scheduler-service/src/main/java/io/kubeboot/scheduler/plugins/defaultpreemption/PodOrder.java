package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.PodInfo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * How preemption ranks pods, as upstream's {@code util.MoreImportantPod}, {@code GetPodStartTime} and
 * {@code GetEarliestPodStartTime}. A pod that has not started (no {@code status.startTime}) counts as
 * starting {@code now}; callers take {@code now} once per decision so that the order stays consistent.
 */
final class PodOrder {
    private PodOrder() {
    }

    /** {@code status.startTime}, or {@code now} when the pod has none (assumed or not yet started). */
    static Instant startTime(Pod pod, Instant now) {
        String s = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        if (s == null || s.isEmpty()) {
            return now;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return now;
        }
    }

    /** Most important first: higher priority, then the pod that started earlier. */
    static Comparator<PodInfo> moreImportantFirst(Instant now) {
        return Comparator.comparingInt(PodInfo::priority).reversed()
                .thenComparing(p -> startTime(p.pod(), now));
    }

    /** The earliest start time among the victims that have the highest priority of the list. */
    static Instant earliestStartOfHighestPriority(List<PodInfo> victims, Instant now) {
        Instant earliest = null;
        int maxPriority = Integer.MIN_VALUE;
        for (PodInfo p : victims) {
            Instant start = startTime(p.pod(), now);
            if (p.priority() > maxPriority) {
                maxPriority = p.priority();
                earliest = start;
            } else if (p.priority() == maxPriority && start.isBefore(earliest)) {
                earliest = start;
            }
        }
        return earliest;
    }
}
