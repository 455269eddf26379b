package io.kubeboot.scheduler.framework;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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
     * A typed slot; plugins keep their key as a constant. Each key owns an index into the state's slot array, so
     * the per-node reads of Filter and Score are an array access (they run hundreds of times per cycle). Keys are
     * made once per plugin class or instance, never per cycle: every key ever made widens every new state.
     */
    public static final class Key<T extends StateData> {
        private static final AtomicInteger COUNT = new AtomicInteger();

        private final String name;
        private final int index;

        public Key(String name) {
            this.name = name;
            this.index = COUNT.getAndIncrement();
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

    /** Indexed by {@link Key#index}; grown by {@link #write} (never during Filter or Score, which only read). */
    private StateData[] data;
    private final Set<String> skipFilterPlugins;
    private final Set<String> skipScorePlugins;

    public CycleState() {
        this(new StateData[Math.max(16, Key.COUNT.get())], new HashSet<>(), new HashSet<>());
    }

    private CycleState(StateData[] data, Set<String> skipFilter, Set<String> skipScore) {
        this.data = data;
        this.skipFilterPlugins = skipFilter;
        this.skipScorePlugins = skipScore;
    }

    public <T extends StateData> void write(Key<T> key, T value) {
        if (key.index >= data.length) {
            data = Arrays.copyOf(data, Math.max(key.index + 1, data.length * 2));
        }
        data[key.index] = value;
    }

    /** The stored value, or null when the plugin's PreFilter/PreScore did not write one. */
    @SuppressWarnings("unchecked")
    public <T extends StateData> T read(Key<T> key) {
        StateData[] d = data;
        return key.index < d.length ? (T) d[key.index] : null;
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
        StateData[] d = new StateData[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i] == null ? null : data[i].copy();
        }
        CycleState c = new CycleState(d, new HashSet<>(skipFilterPlugins), new HashSet<>(skipScorePlugins));
        c.nominatedPodsPossible = nominatedPodsPossible;
        return c;
    }
}
