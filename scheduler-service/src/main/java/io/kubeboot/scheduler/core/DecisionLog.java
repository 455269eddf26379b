package io.kubeboot.scheduler.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last {@value #CAPACITY} decisions, newest first. Thread safe; bounded memory. */
public final class DecisionLog {
    public static final int CAPACITY = 200;
    public static final int MAX_SCORED_NODES = 20;
    public static final int MAX_FILTERED_NODES = 50;

    private final Deque<Decision> decisions = new ArrayDeque<>();

    public synchronized void add(Decision d) {
        decisions.addFirst(d);
        while (decisions.size() > CAPACITY) {
            decisions.removeLast();
        }
    }

    public synchronized List<Decision> recent() {
        return new ArrayList<>(decisions);
    }

    /** The latest decisions for one pod ({@code namespace/name}), newest first. */
    public synchronized List<Decision> forPod(String key) {
        List<Decision> out = new ArrayList<>();
        for (Decision d : decisions) {
            if (d.pod().equals(key)) {
                out.add(d);
            }
        }
        return out;
    }
}
