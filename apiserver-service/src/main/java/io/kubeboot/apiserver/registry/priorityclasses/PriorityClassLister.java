package io.kubeboot.apiserver.registry.priorityclasses;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Read access to the PriorityClasses admission decides on, as upstream's informer-backed
 * {@code PriorityClassLister}: a possibly slightly stale view, never a consistent read. Returned
 * objects are private copies the caller may change. Implementations are thread safe.
 */
public interface PriorityClassLister {

    List<PriorityClass> list();

    default Optional<PriorityClass> get(String name) {
        return named(list(), name);
    }

    /**
     * Upstream {@code getDefaultPriorityClass}: the global default class; when a race let more than
     * one be marked, the one with the lowest value wins.
     */
    default Optional<PriorityClass> globalDefault() {
        return globalDefault(list());
    }

    static Optional<PriorityClass> named(List<PriorityClass> classes, String name) {
        return classes.stream().filter(pc -> pc.getMetadata() != null && name.equals(pc.getMetadata().getName()))
                .findFirst();
    }

    static Optional<PriorityClass> globalDefault(List<PriorityClass> classes) {
        return classes.stream().filter(pc -> Boolean.TRUE.equals(pc.getGlobalDefault()))
                .min(Comparator.comparingInt(PriorityClassLister::value));
    }

    static int value(PriorityClass pc) {
        return pc.getValue() == null ? 0 : pc.getValue();
    }

    /** A fixed set of classes, for callers that check objects with no cluster behind them. */
    static PriorityClassLister of(List<PriorityClass> classes) {
        List<PriorityClass> fixed = List.copyOf(classes);
        return () -> fixed.stream().map(pc -> new PriorityClassBuilder(pc).build()).toList();
    }
}
