package io.kubeboot.scheduler.plugins.defaultpreemption;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed-capacity list that concurrent dry-run workers append to, as upstream's {@code candidateList}:
 * candidates beyond the capacity are dropped. Read {@link #items()} only after all workers finished.
 */
final class CandidateList {
    private final AtomicInteger last = new AtomicInteger(-1);
    private final AtomicReferenceArray<Candidate> items;

    CandidateList(int capacity) {
        this.items = new AtomicReferenceArray<>(Math.max(capacity, 0));
    }

    void add(Candidate c) {
        int i = last.incrementAndGet();
        if (i < items.length()) {
            items.set(i, c);
        }
    }

    /** Candidates stored (or being stored) so far, at most the capacity. */
    int size() {
        return Math.min(last.get() + 1, items.length());
    }

    List<Candidate> items() {
        int n = size();
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(items.get(i));
        }
        return out;
    }
}
