package io.kubeboot.scheduler.core;

/** The scheduler's metrics hooks (Micrometer in the service, a no-op in unit tests). Thread safe. */
public interface SchedulerMetrics {
    /** {@code result} is scheduled, unschedulable or error, as upstream's scheduler_schedule_attempts_total. */
    void attempt(String result, String profile, long nanos);

    void preemptionAttempt(int victims);

    SchedulerMetrics NONE = new SchedulerMetrics() {
        @Override
        public void attempt(String result, String profile, long nanos) {
        }

        @Override
        public void preemptionAttempt(int victims) {
        }
    };
}
