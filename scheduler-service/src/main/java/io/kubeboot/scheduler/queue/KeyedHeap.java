package io.kubeboot.scheduler.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A priority queue whose elements can also be found, replaced and removed by key, as upstream's
 * {@code heap.Heap}. Elements must be immutable in everything the order looks at; ties in the given
 * order are broken by key so that distinct keys never compare equal.
 *
 * <p>Not thread safe: the scheduling queue guards it with its lock.
 */
final class KeyedHeap<T> {
    private final Function<T, String> keyFn;
    private final Map<String, T> byKey = new HashMap<>();
    private final TreeSet<T> ordered;

    KeyedHeap(Function<T, String> keyFn, Comparator<T> order) {
        this.keyFn = keyFn;
        this.ordered = new TreeSet<>(order.thenComparing(keyFn));
    }

    /** Adds the element, replacing any element with the same key. */
    void addOrUpdate(T element) {
        T old = byKey.put(keyFn.apply(element), element);
        if (old != null) {
            ordered.remove(old);
        }
        ordered.add(element);
    }

    T get(String key) {
        return byKey.get(key);
    }

    boolean has(String key) {
        return byKey.containsKey(key);
    }

    /** Removes the element with this key; returns it, or null when absent. */
    T delete(String key) {
        T old = byKey.remove(key);
        if (old != null) {
            ordered.remove(old);
        }
        return old;
    }

    /** The first element in order, or null when empty. */
    T peek() {
        return ordered.isEmpty() ? null : ordered.first();
    }

    /** Removes and returns the first element in order, or null when empty. */
    T poll() {
        T first = ordered.pollFirst();
        if (first != null) {
            byKey.remove(keyFn.apply(first));
        }
        return first;
    }

    int size() {
        return byKey.size();
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** The elements in order. */
    List<T> list() {
        return new ArrayList<>(ordered);
    }
}
