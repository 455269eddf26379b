package io.kubeboot.bench.scheduler;

import io.kubeboot.bench.core.PhaseResult;

import java.util.List;

/**
 * What one workload measured. {@code throughput} is measured pods bound divided by the window from the
 * first measured create sent to the last measured binding received; {@code series} is upstream's
 * SchedulingThroughput over the same phase (null when too short to sample); attempt latencies are in
 * ms from the scheduler's histogram over the measured phase (NaN when the metrics could not be read).
 */
public record WorkloadResult(Workload workload, int nodes, int initPods, int pods,
                             PhaseResult nodeCreates, PhaseResult initCreates, PhaseResult podCreates,
                             double initWaitSeconds, long measuredBound, double windowSeconds,
                             ThroughputSampler.Summary series,
                             double attemptsScheduled, double attemptsUnschedulable, double attemptsError,
                             double attemptP50Ms, double attemptP90Ms, double attemptP99Ms,
                             List<String> cpu, List<String> notes) {

    public double throughput() {
        return windowSeconds <= 0 ? 0 : measuredBound / windowSeconds;
    }

    /** The target is met when every measured pod was bound at the target's rate and p99 was recorded. */
    public boolean met() {
        return measuredBound == pods && throughput() >= workload.targetPodsPerSecond() && !Double.isNaN(attemptP99Ms);
    }
}
