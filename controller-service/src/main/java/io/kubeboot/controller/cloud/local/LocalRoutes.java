package io.kubeboot.controller.cloud.local;

import io.kubeboot.controller.cloud.provider.CloudProviderContext;
import io.kubeboot.controller.cloud.provider.Route;
import io.kubeboot.controller.cloud.provider.Routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes of the local provider, kept in memory only: programming host routes would need root and change the host's
 * network, so the host routing table is never touched. A route whose target node is no longer in the Node cache is
 * listed as a blackhole (the route controller then deletes it). Named {@code <cluster>-<nameHint>}. Thread safe.
 */
final class LocalRoutes implements Routes {
    private final CloudProviderContext.NodeLookup nodes;
    private final Map<String, Map<String, Route>> byCluster = new ConcurrentHashMap<>();

    LocalRoutes(CloudProviderContext.NodeLookup nodes) {
        this.nodes = nodes;
    }

    @Override
    public List<Route> listRoutes(String clusterName) {
        List<Route> out = new ArrayList<>();
        for (Route r : byCluster.getOrDefault(clusterName, Map.of()).values()) {
            boolean gone = nodes.get(r.targetNode()) == null;
            out.add(new Route(r.name(), r.targetNode(), r.destinationCidr(), gone));
        }
        return out;
    }

    @Override
    public void createRoute(String clusterName, String nameHint, Route route) {
        String name = clusterName + "-" + nameHint;
        byCluster.computeIfAbsent(clusterName, k -> new ConcurrentHashMap<>())
                .put(name + "-" + route.destinationCidr(), new Route(name, route.targetNode(), route.destinationCidr(), false));
    }

    @Override
    public void deleteRoute(String clusterName, Route route) {
        Map<String, Route> routes = byCluster.get(clusterName);
        if (routes != null) {
            routes.remove(route.name() + "-" + route.destinationCidr());
        }
    }
}
