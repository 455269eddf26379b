package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The zones the node lifecycle controller knows: each zone's {@link ZoneState} and its NoExecute tainting queue, and
 * upstream's {@code handleDisruption}, which sets each queue's rate from the zone's state:
 * <ul>
 *   <li>Normal: {@code evictionLimiterQPS};</li>
 *   <li>PartialDisruption ({@code >= unhealthyZoneThreshold} of the nodes and more than 2 not Ready):
 *   {@code secondaryEvictionLimiterQPS} in zones larger than {@code largeClusterThreshold}, else 0 (no tainting);</li>
 *   <li>FullDisruption (no node Ready): {@code evictionLimiterQPS}, unless every zone is fully disrupted: then the
 *   problem is more likely the control plane's, so all NoExecute taints are removed and tainting stops until some
 *   node is Ready again (when every node's probe timestamp is reset, giving kubelets a full grace period).</li>
 * </ul>
 * Zones are added, never removed (their queues are kept); states of zones without nodes are dropped.
 * Thread safe (upstream's {@code evictorLock}); {@link #handleDisruption} runs on the monitor thread only.
 */
final class Zones {
    private static final Logger log = LoggerFactory.getLogger(Zones.class);
    /** Upstream's topology labels, the deprecated beta ones first. */
    static final String ZONE_BETA = "failure-domain.beta.kubernetes.io/zone";
    static final String ZONE = "topology.kubernetes.io/zone";
    static final String REGION_BETA = "failure-domain.beta.kubernetes.io/region";
    static final String REGION = "topology.kubernetes.io/region";

    /** The disruption handling's effects outside the zones. */
    interface DisruptionActions {
        /** Removes the NoExecute not-ready/unreachable taints from every node. */
        void markAllNodesReachable();

        /** Sets every node's probe and ready-transition timestamps to now. */
        void resetProbeTimestamps();
    }

    private final float evictionLimiterQps;
    private final float secondaryEvictionLimiterQps;
    private final int largeClusterThreshold;
    private final float unhealthyZoneThreshold;
    private final LongSupplier nanoTime;
    private final Map<String, ZoneState> states = new HashMap<>();
    private final Map<String, RateLimitedTimedQueue> tainters = new HashMap<>();

    Zones(float evictionLimiterQps, float secondaryEvictionLimiterQps, int largeClusterThreshold,
          float unhealthyZoneThreshold, LongSupplier nanoTime) {
        this.evictionLimiterQps = evictionLimiterQps;
        this.secondaryEvictionLimiterQps = secondaryEvictionLimiterQps;
        this.largeClusterThreshold = largeClusterThreshold;
        this.unhealthyZoneThreshold = unhealthyZoneThreshold;
        this.nanoTime = nanoTime;
    }

    /**
     * Upstream {@code nodetopology.GetZoneKey}: "region:\0:zone" from the topology labels (beta ones first), or ""
     * when the node has neither.
     */
    static String zoneKey(Node node) {
        Map<String, String> labels = node.getMetadata() == null ? null : node.getMetadata().getLabels();
        if (labels == null) {
            return "";
        }
        String zone = labels.containsKey(ZONE_BETA) ? labels.get(ZONE_BETA) : labels.getOrDefault(ZONE, "");
        String region = labels.containsKey(REGION_BETA) ? labels.get(REGION_BETA) : labels.getOrDefault(REGION, "");
        if (region.isEmpty() && zone.isEmpty()) {
            return "";
        }
        return region + ":\0:" + zone;
    }

    /**
     * Upstream {@code ComputeZoneState}: the number of not-Ready nodes (no Ready condition counts as not Ready) and
     * the state.
     */
    static Verdict computeZoneState(List<NodeCondition> readyConditions, float unhealthyZoneThreshold) {
        int ready = 0;
        int notReady = 0;
        for (NodeCondition c : readyConditions) {
            if (c != null && NodeConditionUtil.TRUE.equals(c.getStatus())) {
                ready++;
            } else {
                notReady++;
            }
        }
        if (ready == 0 && notReady > 0) {
            return new Verdict(notReady, ZoneState.FULL_DISRUPTION);
        }
        if (notReady > 2 && (float) notReady / (notReady + ready) >= unhealthyZoneThreshold) {
            return new Verdict(notReady, ZoneState.PARTIAL_DISRUPTION);
        }
        return new Verdict(notReady, ZoneState.NORMAL);
    }

    /** The outcome of {@link #computeZoneState}. */
    record Verdict(int unhealthy, ZoneState state) {
    }

    /** Upstream {@code addPodEvictorForNewZone}: a zone seen first gets state Initial and a queue at the normal rate. */
    synchronized void addIfNew(String zone) {
        if (!states.containsKey(zone)) {
            states.put(zone, ZoneState.INITIAL);
            tainters.computeIfAbsent(zone, z -> new RateLimitedTimedQueue(evictionLimiterQps, nanoTime));
            log.info("Initializing eviction metric for zone {}", printable(zone));
        }
    }

    synchronized boolean knows(String zone) {
        return states.containsKey(zone);
    }

    /** The zone's tainting queue; the zone must have been added. */
    synchronized RateLimitedTimedQueue tainter(String zone) {
        RateLimitedTimedQueue q = tainters.get(zone);
        if (q == null) {
            q = new RateLimitedTimedQueue(evictionLimiterQps, nanoTime);
            tainters.put(zone, q);
        }
        return q;
    }

    synchronized List<RateLimitedTimedQueue> allTainters() {
        return new ArrayList<>(tainters.values());
    }

    synchronized ZoneState state(String zone) {
        return states.get(zone);
    }

    synchronized Map<String, ZoneState> states() {
        return Map.copyOf(states);
    }

    /** Upstream {@code HealthyQPSFunc}. */
    float healthyQps(int zoneSize) {
        return evictionLimiterQps;
    }

    /** Upstream {@code ReducedQPSFunc}: slower tainting in large zones, none in small ones. */
    float reducedQps(int zoneSize) {
        return zoneSize > largeClusterThreshold ? secondaryEvictionLimiterQps : 0;
    }

    /** Upstream {@code handleDisruption}, from the Ready conditions of each zone's (non-excluded) nodes. */
    synchronized void handleDisruption(Map<String, List<NodeCondition>> zoneToReady, DisruptionActions actions) {
        Map<String, ZoneState> newStates = new HashMap<>();
        boolean allAreFullyDisrupted = true;
        for (Map.Entry<String, List<NodeCondition>> e : zoneToReady.entrySet()) {
            ZoneState s = computeZoneState(e.getValue(), unhealthyZoneThreshold).state();
            if (s != ZoneState.FULL_DISRUPTION) {
                allAreFullyDisrupted = false;
            }
            newStates.put(e.getKey(), s);
            if (!states.containsKey(e.getKey())) {
                log.error("Setting initial state for unseen zone {}", printable(e.getKey()));
                states.put(e.getKey(), ZoneState.INITIAL);
            }
        }
        boolean allWasFullyDisrupted = true;
        for (String zone : new ArrayList<>(states.keySet())) {
            if (!zoneToReady.containsKey(zone)) {
                states.remove(zone);
                continue;
            }
            if (states.get(zone) != ZoneState.FULL_DISRUPTION) {
                allWasFullyDisrupted = false;
                // as upstream, the scan stops at the first zone not fully disrupted
                break;
            }
        }
        if (allAreFullyDisrupted && allWasFullyDisrupted) {
            return;
        }
        if (allAreFullyDisrupted) {
            log.info("Controller detected that all Nodes are not-Ready. Entering master disruption mode");
            actions.markAllNodesReachable();
            for (String zone : states.keySet()) {
                tainter(zone).swapLimiter(0);
            }
            states.replaceAll((z, s) -> ZoneState.FULL_DISRUPTION);
            return;
        }
        if (allWasFullyDisrupted) {
            log.info("Controller detected that some Nodes are Ready. Exiting master disruption mode");
            actions.resetProbeTimestamps();
            for (String zone : new ArrayList<>(states.keySet())) {
                setLimiter(zone, zoneToReady.getOrDefault(zone, List.of()).size(), newStates.get(zone));
                states.put(zone, newStates.get(zone));
            }
            return;
        }
        for (String zone : new ArrayList<>(states.keySet())) {
            ZoneState next = newStates.get(zone);
            if (states.get(zone) == next) {
                continue;
            }
            log.info("Controller detected that zone {} is now in new state {}", printable(zone), next);
            setLimiter(zone, zoneToReady.getOrDefault(zone, List.of()).size(), next);
            states.put(zone, next);
        }
    }

    /** Upstream {@code setLimiterInZone}. */
    private void setLimiter(String zone, int zoneSize, ZoneState state) {
        if (state == null) {
            return;
        }
        switch (state) {
            case NORMAL -> tainter(zone).swapLimiter(evictionLimiterQps);
            case PARTIAL_DISRUPTION -> tainter(zone).swapLimiter(reducedQps(zoneSize));
            case FULL_DISRUPTION -> tainter(zone).swapLimiter(healthyQps(zoneSize));
            default -> {
            }
        }
    }

    private static String printable(String zone) {
        return zone.replace("\0", "");
    }
}
