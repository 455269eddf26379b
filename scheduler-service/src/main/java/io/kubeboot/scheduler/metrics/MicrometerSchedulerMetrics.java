package io.kubeboot.scheduler.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.kubeboot.scheduler.core.SchedulerMetrics;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Upstream's scheduler metrics under their names: {@code scheduler_schedule_attempts_total{result,profile}},
 * {@code scheduler_scheduling_attempt_duration_seconds{result,profile}} (a histogram) and
 * {@code scheduler_preemption_attempts_total}. Thread safe; meters are cached per label set.
 */
public final class MicrometerSchedulerMetrics implements SchedulerMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> attempts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> durations = new ConcurrentHashMap<>();
    private final Counter preemptions;

    public MicrometerSchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.preemptions = Counter.builder("scheduler_preemption_attempts").description("Total preemption attempts in the cluster till now")
                .register(registry);
    }

    @Override
    public void attempt(String result, String profile, long nanos) {
        String key = result + "\u0000" + profile;
        attempts.computeIfAbsent(key, k -> Counter.builder("scheduler_schedule_attempts")
                .description("Number of attempts to schedule pods, by the result.")
                .tag("result", result).tag("profile", profile).register(registry)).increment();
        durations.computeIfAbsent(key, k -> Timer.builder("scheduler_scheduling_attempt_duration")
                .description("Scheduling attempt latency in seconds (scheduling algorithm + binding)")
                .tag("result", result).tag("profile", profile)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void preemptionAttempt(int victims) {
        preemptions.increment();
    }
}
