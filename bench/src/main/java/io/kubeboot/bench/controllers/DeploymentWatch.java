package io.kubeboot.bench.controllers;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the run's Deployments that are Available as upstream's `kubectl rollout status` and the e2e
 * framework see it: {@code status.availableReplicas} equal to {@code spec.replicas} and the condition
 * Available=True. A Deployment counts once, at the receipt of the first event that shows it so.
 */
final class DeploymentWatch implements JsonWatch.Listener {
    private final Set<String> available = new HashSet<>();
    private final AtomicLong availableCount = new AtomicLong();
    private volatile long lastAvailableNanos;

    @Override
    public void onEvent(String type, JsonNode d, long nanos) {
        if ("DELETED".equals(type)) {
            return;
        }
        JsonNode status = d.path("status");
        int replicas = d.path("spec").path("replicas").asInt(1);
        if (status.path("availableReplicas").asInt(0) < replicas || !availableCondition(status)) {
            return;
        }
        if (available.add(d.path("metadata").path("name").asText())) {
            lastAvailableNanos = nanos;
            availableCount.incrementAndGet();
        }
    }

    private static boolean availableCondition(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            if ("Available".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    long available() {
        return availableCount.get();
    }

    long lastAvailableNanos() {
        return lastAvailableNanos;
    }
}
