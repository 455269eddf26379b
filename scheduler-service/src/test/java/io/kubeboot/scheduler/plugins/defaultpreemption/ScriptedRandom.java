package io.kubeboot.scheduler.plugins.defaultpreemption;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Returns the given values from {@code nextInt(bound)} in order (then 0), and remembers the bounds
 * asked for, so that the dry run's start node is chosen by the test.
 */
final class ScriptedRandom implements RandomGenerator {
    private final Deque<Integer> values;
    final List<Integer> bounds = new ArrayList<>();

    ScriptedRandom(Integer... values) {
        this.values = new ArrayDeque<>(List.of(values));
    }

    @Override
    public synchronized int nextInt(int bound) {
        bounds.add(bound);
        Integer v = values.poll();
        return v == null ? 0 : v;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only nextInt(bound) is scripted");
    }
}
