package io.kubeboot.scheduler.framework;

import java.util.Arrays;
import java.util.List;

/**
 * One plugin's scores for the feasible nodes of a cycle (upstream's {@code NodeScoreList}): parallel
 * arrays, index i is node i of {@link #names()}. Written by one thread at a time.
 */
public final class NodeScores {
    private final String[] names;
    private final long[] scores;

    public NodeScores(String[] names) {
        this.names = names;
        this.scores = new long[names.length];
    }

    public static NodeScores of(List<String> names, long... scores) {
        NodeScores s = new NodeScores(names.toArray(new String[0]));
        System.arraycopy(scores, 0, s.scores, 0, scores.length);
        return s;
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public long score(int i) {
        return scores[i];
    }

    public void set(int i, long score) {
        scores[i] = score;
    }

    public String[] names() {
        return names;
    }

    public long max() {
        long m = Long.MIN_VALUE;
        for (long s : scores) {
            m = Math.max(m, s);
        }
        return names.length == 0 ? 0 : m;
    }

    public long min() {
        long m = Long.MAX_VALUE;
        for (long s : scores) {
            m = Math.min(m, s);
        }
        return names.length == 0 ? 0 : m;
    }

    public long[] toArray() {
        return scores.clone();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(scores[i]);
        }
        return b.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeScores n && Arrays.equals(n.names, names) && Arrays.equals(n.scores, scores);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(scores);
    }
}
