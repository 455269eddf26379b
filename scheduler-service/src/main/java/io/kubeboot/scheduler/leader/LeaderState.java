package io.kubeboot.scheduler.leader;

/** Whether this replica currently schedules, for the admin API and health. Thread safe. */
public interface LeaderState {
    boolean isLeader();

    String identity();

    /** The holder of the lease as last observed, or "" when unknown. */
    String currentLeader();
}
