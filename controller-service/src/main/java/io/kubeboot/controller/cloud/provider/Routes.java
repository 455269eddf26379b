package io.kubeboot.controller.cloud.provider;

import java.util.List;

/** Upstream {@code cloudprovider.Routes}: pod network routes to nodes. */
public interface Routes {
    /** Upstream {@code ListRoutes}: the routes of the cluster. */
    List<Route> listRoutes(String clusterName);

    /**
     * Upstream {@code CreateRoute}; {@code nameHint} (the node UID) may be used to name the route. The route's
     * own name is ignored.
     */
    void createRoute(String clusterName, String nameHint, Route route);

    /** Upstream {@code DeleteRoute}. */
    void deleteRoute(String clusterName, Route route);
}
