package io.kubeboot.controller.cloud.provider;

import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;

import java.util.List;
import java.util.Optional;

/**
 * Upstream {@code cloudprovider.LoadBalancer}: load balancers for Services of type LoadBalancer. Implementations must
 * be idempotent and safe for concurrent calls for different services; arguments are never modified.
 */
public interface LoadBalancer {
    /** Upstream {@code GetLoadBalancer}: the status of the service's load balancer when it exists. */
    Optional<LoadBalancerStatus> getLoadBalancer(String clusterName, Service service);

    /** Upstream {@code GetLoadBalancerName}; by default {@link #defaultLoadBalancerName(Service)}. */
    default String getLoadBalancerName(String clusterName, Service service) {
        return defaultLoadBalancerName(service);
    }

    /**
     * Upstream {@code EnsureLoadBalancer}: creates the load balancer, or updates it to the service's ports and the
     * given nodes.
     *
     * @return the status to publish in {@code status.loadBalancer}, never null
     */
    LoadBalancerStatus ensureLoadBalancer(String clusterName, Service service, List<Node> nodes);

    /** Upstream {@code UpdateLoadBalancer}: points an existing load balancer at {@code nodes}. */
    void updateLoadBalancer(String clusterName, Service service, List<Node> nodes);

    /** Upstream {@code EnsureLoadBalancerDeleted}: no error when it does not exist. */
    void ensureLoadBalancerDeleted(String clusterName, Service service);

    /** Upstream {@code DefaultLoadBalancerName}: "a" + the service UID without dashes, at most 32 characters. */
    static String defaultLoadBalancerName(Service service) {
        String uid = service.getMetadata().getUid() == null ? "" : service.getMetadata().getUid();
        String name = ("a" + uid).replace("-", "");
        return name.length() > 32 ? name.substring(0, 32) : name;
    }
}
