package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.kubeboot.scheduler.framework.AffinityTerm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many (pod, term) matches each topology domain has, as upstream's {@code topologyToMatchedTermCount}.
 * Entries that drop to zero are removed, so {@link #isEmpty()} means "no match anywhere". Not thread safe.
 */
final class TermCounts {
    private final Map<TopologyPair, Long> counts;

    TermCounts() {
        this(new HashMap<>());
    }

    private TermCounts(Map<TopologyPair, Long> counts) {
        this.counts = counts;
    }

    long get(String key, String value) {
        return counts.getOrDefault(new TopologyPair(key, value), 0L);
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Read-only view, for tests and diagnostics. */
    Map<TopologyPair, Long> asMap() {
        return java.util.Collections.unmodifiableMap(counts);
    }

    void merge(TermCounts other) {
        other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
    }

    /** Adds {@code delta} at the node's value of {@code topologyKey}; nothing when the node lacks the label. */
    void update(Map<String, String> nodeLabels, String topologyKey, long delta) {
        String value = nodeLabels.get(topologyKey);
        if (value == null) {
            return;
        }
        TopologyPair pair = new TopologyPair(topologyKey, value);
        long n = counts.getOrDefault(pair, 0L) + delta;
        if (n == 0) {
            counts.remove(pair);
        } else {
            counts.put(pair, n);
        }
    }

    /** Counts each term's domain once when {@code pod} matches all {@code terms} (affinity semantics). */
    void updateWithAffinityTerms(List<AffinityTerm> terms, TermMatcher.Target pod, Map<String, String> nodeLabels, long delta) {
        if (TermMatcher.matchesAll(terms, pod)) {
            for (AffinityTerm t : terms) {
                update(nodeLabels, t.topologyKey(), delta);
            }
        }
    }

    /** Counts the domain of every term {@code pod} matches (anti-affinity semantics). */
    void updateWithAntiAffinityTerms(List<AffinityTerm> terms, TermMatcher.Target pod, Map<String, String> nodeLabels, long delta) {
        for (AffinityTerm t : terms) {
            if (TermMatcher.matches(t, pod)) {
                update(nodeLabels, t.topologyKey(), delta);
            }
        }
    }

    TermCounts copy() {
        return new TermCounts(new HashMap<>(counts));
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
