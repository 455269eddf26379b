package io.kubeboot.controller.cloud.local;

import io.kubeboot.controller.cloud.provider.CloudProvider;
import io.kubeboot.controller.cloud.provider.CloudProviderContext;
import io.kubeboot.controller.cloud.provider.InstancesV2;
import io.kubeboot.controller.cloud.provider.LoadBalancer;
import io.kubeboot.controller.cloud.provider.Routes;
import io.kubeboot.controller.cloud.provider.Zones;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in provider "local": load balancers are TCP listeners on loopback addresses of the configured pool
 * ({@code kubeboot.cloud.local.address-pool}), instances are the Node objects, routes are kept in memory. Closing
 * stops every listener.
 */
public final class LocalCloudProvider implements CloudProvider {
    public static final String NAME = "local";
    public static final String DEFAULT_ADDRESS_POOL = "127.0.0.2-127.0.0.254";

    private final ExecutorService connections;
    private final LocalLoadBalancer loadBalancer;
    private final LocalInstances instances;
    private final LocalRoutes routes;

    public LocalCloudProvider(AddressPool pool, CloudProviderContext.NodeLookup nodes) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "local-lb-conn-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.connections = Executors.newCachedThreadPool(tf);
        this.loadBalancer = new LocalLoadBalancer(pool, nodes, connections);
        this.instances = new LocalInstances(nodes);
        this.routes = new LocalRoutes(nodes);
    }

    /** Creates the provider from its settings: "address-pool". */
    public static LocalCloudProvider create(CloudProviderContext ctx) {
        return new LocalCloudProvider(AddressPool.parse(ctx.setting("address-pool", DEFAULT_ADDRESS_POOL)), ctx.nodes());
    }

    @Override
    public String providerName() {
        return NAME;
    }

    @Override
    public Optional<LoadBalancer> loadBalancer() {
        return Optional.of(loadBalancer);
    }

    @Override
    public Optional<InstancesV2> instancesV2() {
        return Optional.of(instances);
    }

    @Override
    public Optional<Routes> routes() {
        return Optional.of(routes);
    }

    @Override
    public Optional<Zones> zones() {
        return Optional.of(instances);
    }

    @Override
    public void close() {
        loadBalancer.close();
        connections.shutdownNow();
    }
}
