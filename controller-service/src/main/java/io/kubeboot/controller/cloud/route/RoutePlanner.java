package io.kubeboot.controller.cloud.route;

import io.kubeboot.controller.cloud.provider.Route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route controller's pure part (upstream controllers/route {@code reconcile}): from the nodes and the provider's
 * routes, which routes to delete (blackholes and routes to unknown nodes or CIDRs, within the cluster CIDRs only),
 * which to create (one per podCIDR of a node without one), and per node the actions that decide its
 * NetworkUnavailable condition.
 */
public final class RoutePlanner {
    /** Upstream's route actions (node addresses are not compared, so "update" never happens). */
    public enum Action { KEEP, ADD }

    /** What the planner needs of a node. */
    public record NodeInfo(String name, String uid, List<String> podCidrs) {
        public NodeInfo {
            podCidrs = podCidrs == null ? List.of() : List.copyOf(podCidrs);
        }
    }

    /** A route to create for a node; {@code nameHint} is the node UID, as upstream. */
    public record Creation(String nodeName, String nameHint, String destinationCidr) {
    }

    /**
     * The plan. {@code actions} has an entry for every node that has podCIDRs or existing routes: an empty map means
     * the node has routes but no podCIDRs (NetworkUnavailable True), otherwise one action per podCIDR.
     */
    public record Plan(List<Route> toDelete, List<Creation> toCreate, Map<String, Map<String, Action>> actions) {
    }

    private final List<Cidrs.Net> clusterCidrs;

    /** @throws IllegalArgumentException for an unparsable cluster CIDR */
    public RoutePlanner(List<String> clusterCidrs) {
        this.clusterCidrs = clusterCidrs.stream().map(Cidrs::parse).toList();
    }

    public Plan plan(List<NodeInfo> nodes, List<Route> routes) {
        Map<String, List<Route>> routesByNode = new LinkedHashMap<>();
        Map<String, Map<String, Action>> actions = new LinkedHashMap<>();
        for (Route r : routes) {
            if (r.targetNode().isEmpty()) {
                continue;
            }
            routesByNode.computeIfAbsent(r.targetNode(), k -> new ArrayList<>()).add(r);
            actions.computeIfAbsent(r.targetNode(), k -> new LinkedHashMap<>());
        }
        for (NodeInfo n : nodes) {
            if (n.podCidrs().isEmpty()) {
                continue;
            }
            Map<String, Action> a = actions.computeIfAbsent(n.name(), k -> new LinkedHashMap<>());
            List<Route> existing = routesByNode.getOrDefault(n.name(), List.of());
            for (String cidr : n.podCidrs()) {
                boolean found = existing.stream().anyMatch(r -> cidr.equals(r.destinationCidr()));
                a.put(cidr, found ? Action.KEEP : Action.ADD);
            }
        }
        List<Route> toDelete = new ArrayList<>();
        for (Route r : routes) {
            if (!isResponsibleFor(r)) {
                continue;
            }
            Map<String, Action> a = actions.get(r.targetNode());
            if (r.blackhole() || a == null || !a.containsKey(r.destinationCidr())) {
                toDelete.add(r);
            }
        }
        List<Creation> toCreate = new ArrayList<>();
        for (NodeInfo n : nodes) {
            for (String cidr : n.podCidrs()) {
                if (actions.get(n.name()).get(cidr) == Action.ADD) {
                    toCreate.add(new Creation(n.name(), n.uid(), cidr));
                }
            }
        }
        return new Plan(toDelete, toCreate, actions);
    }

    /** Upstream {@code isResponsibleForRoute}: the route's first or last address is in a cluster CIDR. */
    boolean isResponsibleFor(Route route) {
        Cidrs.Net net;
        try {
            net = Cidrs.parse(route.destinationCidr());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return clusterCidrs.stream().anyMatch(c -> c.containsAnyEnd(net));
    }

    /**
     * Upstream's outcome per node: true when every podCIDR has its route (NetworkUnavailable False, RouteCreated),
     * false when a route is missing or the node has none (True, NoRouteCreated).
     */
    public static boolean allRoutesCreated(Map<String, Action> nodeActions) {
        return !nodeActions.isEmpty() && nodeActions.values().stream().allMatch(a -> a == Action.KEEP);
    }
}
