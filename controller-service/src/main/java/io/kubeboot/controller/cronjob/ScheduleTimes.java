package io.kubeboot.controller.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.kubeboot.api.helpers.cron.CronSchedule;
import io.kubeboot.controller.util.Times;

import java.time.Duration;
import java.time.Instant;

/**
 * Upstream {@code mostRecentScheduleTime}, {@code nextScheduleTime} and {@code nextScheduleTimeDuration}: which
 * scheduled time a CronJob should act on now, and when to look again. Pure.
 */
public final class ScheduleTimes {
    /** Upstream's nextScheduleDelta: requeues land this much after the activation, against clock skew. */
    public static final Duration NEXT_SCHEDULE_DELTA = Duration.ofMillis(100);

    private ScheduleTimes() {
    }

    public enum Missed { NONE, FEW, MANY }

    /**
     * @param earliest   the last schedule time, or the creation time
     * @param mostRecent the most recent activation in (earliest, now], or null
     * @param missed     roughly how many activations were missed
     * @param error      "time difference between two schedules is less than 1 second" for impossible schedules
     */
    public record MostRecent(Instant earliest, Instant mostRecent, Missed missed, String error) {
    }

    /**
     * Upstream {@code mostRecentScheduleTime}: starts from status.lastScheduleTime (else the creation time), moved up
     * to now - startingDeadlineSeconds when {@code includeStartingDeadlineSeconds}; returns the latest activation not
     * after now. The count of missed activations is estimated from the interval of the first two (more than 100 is
     * MANY).
     */
    public static MostRecent mostRecentScheduleTime(CronJob cj, Instant now, CronSchedule schedule,
                                                    boolean includeStartingDeadlineSeconds) {
        Instant earliest = Times.parse(cj.getMetadata().getCreationTimestamp()).orElse(CronSchedule.ZERO);
        Missed missed = Missed.NONE;
        if (cj.getStatus() != null && cj.getStatus().getLastScheduleTime() != null) {
            earliest = Times.parse(cj.getStatus().getLastScheduleTime()).orElse(earliest);
        }
        Long deadline = cj.getSpec().getStartingDeadlineSeconds();
        if (includeStartingDeadlineSeconds && deadline != null) {
            Instant schedulingDeadline = now.minusSeconds(deadline);
            if (schedulingDeadline.isAfter(earliest)) {
                earliest = schedulingDeadline;
            }
        }
        Instant t1 = schedule.next(earliest);
        Instant t2 = schedule.next(t1);
        if (now.isBefore(t1)) {
            return new MostRecent(earliest, null, missed, null);
        }
        if (now.isBefore(t2)) {
            return new MostRecent(earliest, t1, missed, null);
        }
        // an impossible schedule (e.g. Feb 31) yields two zero times
        long between = Math.round(Duration.between(t1, t2).toMillis() / 1000.0);
        if (between < 1) {
            return new MostRecent(earliest, null, missed, "time difference between two schedules is less than 1 second");
        }
        long elapsed = Duration.between(t1, now).getSeconds();
        long numberOfMissed = elapsed / between + 1;
        // start two intervals back and let the schedule find the exact activations (irregular schedules, @every)
        Instant potentialEarliest = t1.plusSeconds((numberOfMissed - 2) * between);
        Instant mostRecent = null;
        for (Instant t = schedule.next(potentialEarliest); !t.isAfter(now); t = schedule.next(t)) {
            mostRecent = t;
        }
        if (numberOfMissed > 100) {
            missed = Missed.MANY;
        } else if (numberOfMissed > 0) {
            missed = Missed.FEW;
        }
        return new MostRecent(earliest, mostRecent, missed, null);
    }

    /**
     * Upstream {@code nextScheduleTimeDuration}: the time from now until the activation after the most recent one
     * (after now when that cannot be told), plus {@link #NEXT_SCHEDULE_DELTA}.
     */
    public static Duration nextScheduleTimeDuration(CronJob cj, Instant now, CronSchedule schedule) {
        MostRecent r = mostRecentScheduleTime(cj, now, schedule, false);
        Instant base;
        if (r.error() != null) {
            base = now;
        } else if (r.mostRecent() == null) {
            base = r.missed() == Missed.NONE ? r.earliest() : now;
        } else {
            base = r.mostRecent();
        }
        return Duration.between(now, schedule.next(base).plus(NEXT_SCHEDULE_DELTA));
    }
}
