package io.kubeboot.bench.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Follows the run's pods: timestamps each pod's first ADDED event (its creation by the ReplicaSet
 * controller), its binding (first event with {@code spec.nodeName}), and hands every bound pod that is
 * not yet Running to the simulated kubelet once. Called by one watch thread only.
 */
final class PodWatch implements JsonWatch.Listener {
    private final Set<String> created = new HashSet<>();
    private final Set<String> bound = new HashSet<>();
    private final Set<String> started = new HashSet<>();
    private final long[] createdTimes;
    private final AtomicLong createdCount = new AtomicLong();
    private final AtomicLong boundCount = new AtomicLong();
    private final Consumer<ObjectNode> kubelet;
    private volatile long lastBoundNanos;

    PodWatch(int expectedPods, Consumer<ObjectNode> kubelet) {
        this.createdTimes = new long[expectedPods];
        this.kubelet = kubelet;
    }

    @Override
    public void onEvent(String type, JsonNode pod, long nanos) {
        if ("DELETED".equals(type)) {
            return;
        }
        String name = pod.path("metadata").path("name").asText();
        if (created.add(name)) {
            long n = createdCount.get();
            if (n < createdTimes.length) {
                createdTimes[(int) n] = nanos;
            }
            createdCount.incrementAndGet();
        }
        if (pod.path("spec").path("nodeName").asText("").isEmpty()) {
            return;
        }
        if (bound.add(name)) {
            lastBoundNanos = nanos;
            boundCount.incrementAndGet();
        }
        if (!"Running".equals(pod.path("status").path("phase").asText()) && pod.path("metadata").path("deletionTimestamp").isMissingNode()
                && started.add(name)) {
            kubelet.accept((ObjectNode) pod);
        }
    }

    long created() {
        return createdCount.get();
    }

    long bound() {
        return boundCount.get();
    }

    long lastBoundNanos() {
        return lastBoundNanos;
    }

    /** Receipt times of the first ADDED events in order (at most the expected count); read after waiting. */
    long[] createdTimes() {
        return Arrays.copyOf(createdTimes, (int) Math.min(createdCount.get(), createdTimes.length));
    }
}
