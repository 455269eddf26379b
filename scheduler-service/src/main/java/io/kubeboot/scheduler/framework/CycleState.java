package io.kubeboot.scheduler.framework;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Data plugins keep for one scheduling cycle of one pod, as upstream's {@code CycleState}: PreFilter and
 * PreScore compute something once, Filter and Score read it for every node.
 *
 * <p>Thread safety: written only by the single-threaded extension points (PreFilter, PreScore, Reserve,
 * the PreFilter extensions on a preemption copy); read concurrently by Filter and Score, which run in
 * parallel over nodes after those writes (the executor hand-off publishes them). Preemption works on
 * {@link #copy()}s so that its what-if changes never leak into the real cycle.
 */
public final class CycleState {
    /**
     * A typed slot; plugins keep their key as a constant. Keys compare by identity (they are constants),
     * which keeps the per-node lookups of Filter and Score cheap.
     */
    public static final class Key<T extends StateData> {
        private final String name;

        public Key(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Something a plugin stores; {@link #copy()} must be deep enough that changing the copy leaves this one as is. */
    public interface StateData {
        StateData copy();
    }

    private final Map<Key<?>, StateData> data;
    private final Set<String> skipFilterPlugins;
    private final Set<String> skipScorePlugins;

    public CycleState() {
        this(new HashMap<>(), new HashSet<>(), new HashSet<>());
    }

    private CycleState(Map<Key<?>, StateData> data, Set<String> skipFilter, Set<String> skipScore) {
        this.data = data;
        this.skipFilterPlugins = skipFilter;
        this.skipScorePlugins = skipScore;
    }

    public <T extends StateData> void write(Key<T> key, T value) {
        data.put(key, value);
    }

    /** The stored value, or null when the plugin's PreFilter/PreScore did not write one. */
    @SuppressWarnings("unchecked")
    public <T extends StateData> T read(Key<T> key) {
        return (T) data.get(key);
    }

    private boolean nominatedPodsPossible = true;

    /** Whether Filter must look for nominated pods on each node; set once per cycle before Filter runs. */
    public boolean nominatedPodsPossible() {
        return nominatedPodsPossible;
    }

    public void setNominatedPodsPossible(boolean possible) {
        this.nominatedPodsPossible = possible;
    }

    public Set<String> skipFilterPlugins() {
        return skipFilterPlugins;
    }

    public Set<String> skipScorePlugins() {
        return skipScorePlugins;
    }

    /** A copy whose data can be changed (by the PreFilter extensions) without touching this state. */
    public CycleState copy() {
        Map<Key<?>, StateData> d = new HashMap<>(data.size() * 2);
        data.forEach((k, v) -> d.put(k, v.copy()));
        CycleState c = new CycleState(d, new HashSet<>(skipFilterPlugins), new HashSet<>(skipScorePlugins));
        c.nominatedPodsPossible = nominatedPodsPossible;
        return c;
    }
}
