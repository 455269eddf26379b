package io.kubeboot.bench.core;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The names of the first {@code capacity} pods created, which later phases read and update (or get, in the store bench). A bounded
 * sample, so that a long create phase does not keep 100,000 names around for nothing.
 */
public final class NameSample {
    private final AtomicReferenceArray<String> names;
    private final AtomicInteger size = new AtomicInteger();

    public NameSample(int capacity) {
        this.names = new AtomicReferenceArray<>(capacity);
    }

    public void add(String name) {
        int i = size.getAndIncrement();
        if (i < names.length()) {
            names.set(i, name);
        } else {
            size.set(names.length());
        }
    }

    public int size() {
        return Math.min(size.get(), names.length());
    }

    public String get(int i) {
        return names.get(i);
    }

    public String random() {
        return names.get(ThreadLocalRandom.current().nextInt(size()));
    }

    /** The first {@code n} names (fewer if fewer were created). */
    public NameSample head(int n) {
        NameSample s = new NameSample(Math.min(n, size()));
        for (int i = 0; i < Math.min(n, size()); i++) {
            s.add(get(i));
        }
        return s;
    }
}
