package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.Times;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Upstream {@code backoff_utils.go}: per Job, the failures since the last success and the time of the last one;
 * pods are recreated only after {@code base * 2^(failures-1)} (capped at {@code max}) has passed since the last
 * failure. Upstream 1.32: base 10s, max 10 minutes. Thread safe.
 */
public final class PodFailureBackoff {
    /** One Job's record. */
    public record Record(String key, int failuresAfterLastSuccess, Instant lastFailureTime) {
        /** Upstream {@code getRemainingTime}: how long pod creation still waits at {@code now}. */
        public Duration remainingTime(Instant now, Duration base, Duration max) {
            return remainingTimeForFailures(now, base, max, failuresAfterLastSuccess, lastFailureTime);
        }
    }

    private final ConcurrentMap<String, Record> store = new ConcurrentHashMap<>();

    /**
     * Upstream {@code newBackoffRecord}: the stored record updated by newly finished pods. Without new successes the
     * new failures add up; with a success only the failures finishing after the last success count.
     */
    public Record newRecord(String key, List<Pod> newSucceeded, List<Pod> newFailed) {
        Record old = store.get(key);
        int failures = old == null ? 0 : old.failuresAfterLastSuccess();
        Instant lastFailure = old == null ? null : old.lastFailureTime();
        List<Pod> succeeded = sortedByFinishedTime(newSucceeded);
        List<Pod> failed = sortedByFinishedTime(newFailed);
        if (succeeded.isEmpty()) {
            if (failed.isEmpty()) {
                return new Record(key, failures, lastFailure);
            }
            return new Record(key, failures + failed.size(), finishedTime(failed.get(failed.size() - 1)));
        }
        failures = 0;
        lastFailure = null;
        Instant lastSuccess = finishedTime(succeeded.get(succeeded.size() - 1));
        for (int i = failed.size() - 1; i >= 0; i--) {
            Instant t = finishedTime(failed.get(i));
            if (!t.isAfter(lastSuccess)) {
                break;
            }
            if (lastFailure == null) {
                lastFailure = t;
            }
            failures++;
        }
        return new Record(key, failures, lastFailure);
    }

    public void update(Record r) {
        store.put(r.key(), r);
    }

    public void remove(String key) {
        store.remove(key);
    }

    /** Upstream {@code getRemainingTimeForFailuresCount}. */
    static Duration remainingTimeForFailures(Instant now, Duration base, Duration max, int failures, Instant lastFailure) {
        if (failures == 0 || lastFailure == null) {
            return Duration.ZERO;
        }
        Duration backoff = base;
        for (int i = 1; i < failures; i++) {
            backoff = backoff.multipliedBy(2);
            if (backoff.compareTo(max) >= 0) {
                backoff = max;
                break;
            }
        }
        Duration elapsed = Duration.between(lastFailure, now);
        if (backoff.compareTo(elapsed) < 0) {
            return Duration.ZERO;
        }
        return backoff.minus(elapsed);
    }

    private static List<Pod> sortedByFinishedTime(List<Pod> pods) {
        List<Pod> copy = new ArrayList<>(pods);
        copy.sort(Comparator.comparing(PodFailureBackoff::finishedTime));
        return copy;
    }

    /**
     * Upstream {@code getFinishedTime}: the latest container termination; else when Ready turned False; else the
     * deletion timestamp minus the grace period; else the creation time.
     */
    public static Instant finishedTime(Pod p) {
        Instant latest = null;
        if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus s : p.getStatus().getContainerStatuses()) {
                if (s.getState() == null || s.getState().getTerminated() == null) {
                    latest = null;
                    break;
                }
                Optional<Instant> t = Times.parse(s.getState().getTerminated().getFinishedAt());
                if (t.isEmpty()) {
                    latest = null;
                    break;
                }
                if (latest == null || t.get().isAfter(latest)) {
                    latest = t.get();
                }
            }
        }
        if (latest != null) {
            return latest;
        }
        var ready = PodConditions.readyCondition(p);
        if (ready.isPresent() && "False".equals(ready.get().getStatus())) {
            Optional<Instant> t = Times.parse(ready.get().getLastTransitionTime());
            if (t.isPresent()) {
                return t.get();
            }
        }
        Optional<Instant> deleted = Times.parse(p.getMetadata().getDeletionTimestamp());
        if (deleted.isPresent()) {
            long grace = p.getMetadata().getDeletionGracePeriodSeconds() == null ? 0 : p.getMetadata().getDeletionGracePeriodSeconds();
            return deleted.get().minusSeconds(grace);
        }
        return Times.parse(p.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH);
    }
}
