package io.kubeboot.controller.util;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upstream {@code UIDTrackingControllerExpectations}: {@link ControllerExpectations} that remember <em>which</em>
 * controllees (by pod key {@code namespace/name}) they expect to see deleted, so a graceful deletion (an update
 * setting deletionTimestamp, then the delete itself) is counted once. Thread safe.
 */
public class UidTrackingExpectations extends ControllerExpectations {
    private final Object lock = new Object();
    private final Map<String, Set<String>> deleteKeys = new HashMap<>();

    public UidTrackingExpectations(Clock clock) {
        super(clock);
    }

    /** Expects the deletion of exactly {@code podKeys}; replaces earlier expectations of {@code key}. */
    public void expectDeletions(String key, List<String> podKeys) {
        synchronized (lock) {
            Set<String> expected = new HashSet<>(podKeys);
            deleteKeys.put(key, expected);
            super.expectDeletions(key, expected.size());
        }
    }

    /** Counts the deletion of {@code podKey} if, and only the first time, it was expected. */
    public void deletionObserved(String key, String podKey) {
        synchronized (lock) {
            Set<String> expected = deleteKeys.get(key);
            if (expected != null && expected.remove(podKey)) {
                super.deletionObserved(key);
            }
        }
    }

    /** The pod keys whose deletion is still expected (a copy). */
    public Set<String> expectedDeletions(String key) {
        synchronized (lock) {
            Set<String> expected = deleteKeys.get(key);
            return expected == null ? Set.of() : Set.copyOf(expected);
        }
    }

    @Override
    public void deleteExpectations(String key) {
        synchronized (lock) {
            super.deleteExpectations(key);
            deleteKeys.remove(key);
        }
    }
}
