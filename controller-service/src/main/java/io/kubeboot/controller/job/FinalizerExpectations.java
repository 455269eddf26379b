package io.kubeboot.controller.job;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Upstream {@code uidTrackingExpectations} of the Job controller: per Job key, the pod UIDs whose tracking finalizer
 * removal was requested but not yet observed, so a lagging cache does not count those pods twice. Thread safe.
 */
final class FinalizerExpectations {
    private final Map<String, Set<String>> expected = new HashMap<>();

    synchronized Set<String> expectedUids(String jobKey) {
        Set<String> s = expected.get(jobKey);
        return s == null ? Set.of() : Set.copyOf(s);
    }

    synchronized void expectFinalizersRemoved(String jobKey, Collection<String> uids) {
        expected.computeIfAbsent(jobKey, k -> new HashSet<>()).addAll(uids);
    }

    synchronized void finalizerRemovalObserved(String jobKey, String uid) {
        Set<String> s = expected.get(jobKey);
        if (s != null) {
            s.remove(uid);
        }
    }

    synchronized void delete(String jobKey) {
        expected.remove(jobKey);
    }
}
