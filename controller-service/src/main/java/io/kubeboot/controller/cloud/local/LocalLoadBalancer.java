package io.kubeboot.controller.cloud.local;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.LoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeboot.controller.cloud.provider.CloudProviderContext;
import io.kubeboot.controller.cloud.provider.CloudProviderException;
import io.kubeboot.controller.cloud.provider.LoadBalancer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Load balancers as TCP listeners on the host (in the spirit of k3s's ServiceLB): each load balancer holds one
 * address of the {@link AddressPool} and listens on it at every service port, forwarding connections to the nodes'
 * nodePorts on loopback. The address is the requested {@code spec.loadBalancerIP}, else the one already published
 * in the service's status (kept across restarts), else the lowest free one whose ports can be bound.
 *
 * <p>Only TCP ports with a nodePort are supported. State lives in this process: it is rebuilt by the service
 * controller ensuring every load balancer after a start. Calls for one service are serialised; thread safe.
 */
final class LocalLoadBalancer implements LoadBalancer, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalLoadBalancer.class);
    /** How many pool addresses are tried when binding fails (another process uses the address and port). */
    private static final int BIND_ATTEMPTS = 16;

    private final AddressPool pool;
    private final CloudProviderContext.NodeLookup nodes;
    private final ExecutorService connections;
    private final Map<String, Balancer> balancers = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** One load balancer: its address, a listener per service port, and its nodes. */
    private static final class Balancer {
        final String address;
        final Map<Integer, TcpListener> listeners = new LinkedHashMap<>();
        final BackendSelector selector;

        Balancer(String address, BackendSelector selector) {
            this.address = address;
            this.selector = selector;
        }
    }

    LocalLoadBalancer(AddressPool pool, CloudProviderContext.NodeLookup nodes, ExecutorService connections) {
        this.pool = pool;
        this.nodes = nodes;
        this.connections = connections;
    }

    @Override
    public Optional<LoadBalancerStatus> getLoadBalancer(String clusterName, Service service) {
        Balancer b = balancers.get(getLoadBalancerName(clusterName, service));
        return b == null ? Optional.empty() : Optional.of(status(b.address));
    }

    static LoadBalancerStatus status(String address) {
        LoadBalancerIngress ingress = new LoadBalancerIngressBuilder().withIp(address).withIpMode("VIP").build();
        return new LoadBalancerStatusBuilder().withIngress(ingress).build();
    }

    /** The service's TCP ports as port -> nodePort; fails for other protocols and ports without a nodePort. */
    static Map<Integer, Integer> portMap(Service service) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        List<ServicePort> sp = service.getSpec() == null || service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        for (ServicePort p : sp) {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!"TCP".equals(protocol)) {
                throw new CloudProviderException("protocol " + protocol + " of port " + p.getPort()
                        + " is not supported by the local load balancer (TCP only)");
            }
            if (p.getNodePort() == null || p.getNodePort() == 0) {
                throw new CloudProviderException("port " + p.getPort() + " has no nodePort: the local load balancer forwards to nodePorts");
            }
            ports.put(p.getPort(), p.getNodePort());
        }
        if (ports.isEmpty()) {
            throw new CloudProviderException("service has no ports");
        }
        return ports;
    }

    @Override
    public LoadBalancerStatus ensureLoadBalancer(String clusterName, Service service, List<Node> hosts) {
        String name = getLoadBalancerName(clusterName, service);
        Map<Integer, Integer> ports = portMap(service);
        synchronized (lockFor(name)) {
            Balancer b = balancers.get(name);
            String requested = service.getSpec().getLoadBalancerIP();
            if (b != null && requested != null && !requested.isEmpty() && !requested.equals(b.address)) {
                // the requested address changed: move the load balancer
                delete(name);
                b = null;
            }
            if (b == null) {
                b = create(name, service, ports);
                balancers.put(name, b);
            } else {
                reconcileListeners(b, ports);
            }
            b.selector.setNodes(hosts);
            return status(b.address);
        }
    }

    private Object lockFor(String name) {
        return locks.computeIfAbsent(name, k -> new Object());
    }

    private Balancer create(String name, Service service, Map<Integer, Integer> ports) {
        String requested = service.getSpec().getLoadBalancerIP();
        String preferred = requested != null && !requested.isEmpty() ? requested : publishedAddress(service);
        List<String> failed = new ArrayList<>();
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            String address;
            try {
                address = pool.allocate(name, preferred, failed);
            } catch (IllegalArgumentException e) {
                if (preferred != null && preferred.equals(requested)) {
                    throw new CloudProviderException(e.getMessage(), e);
                }
                preferred = null;
                continue;
            } catch (IllegalStateException e) {
                throw new CloudProviderException(e.getMessage(), e);
            }
            Balancer b = new Balancer(address, new BackendSelector(nodes));
            try {
                reconcileListeners(b, ports);
                log.info("local load balancer {} listening on {} ports {}", name, address, ports.keySet());
                return b;
            } catch (CloudProviderException e) {
                closeAll(b);
                pool.release(name);
                if (!(e.getCause() instanceof BindException) || (requested != null && !requested.isEmpty())) {
                    throw e;
                }
                last = (IOException) e.getCause();
                failed.add(address);
                preferred = null;
            }
        }
        throw new CloudProviderException("no address of the pool could be bound for the service's ports: " + last, last);
    }

    /** The pool address the service's status already shows, so a restarted provider keeps it. */
    private String publishedAddress(Service service) {
        if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return null;
        }
        for (LoadBalancerIngress i : service.getStatus().getLoadBalancer().getIngress()) {
            if (i.getIp() != null && pool.contains(i.getIp())) {
                return i.getIp();
            }
        }
        return null;
    }

    /** Closes listeners of removed or changed ports, opens the missing ones. */
    private void reconcileListeners(Balancer b, Map<Integer, Integer> ports) {
        for (var it = b.listeners.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Integer nodePort = ports.get(e.getKey());
            if (nodePort == null || nodePort != e.getValue().nodePort()) {
                e.getValue().close();
                it.remove();
            }
        }
        for (var e : ports.entrySet()) {
            if (b.listeners.containsKey(e.getKey())) {
                continue;
            }
            int nodePort = e.getValue();
            try {
                b.listeners.put(e.getKey(), TcpListener.open(b.address, e.getKey(), nodePort, () -> b.selector.next(nodePort), connections));
            } catch (IOException ex) {
                throw new CloudProviderException("failed to listen on " + b.address + ":" + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
    }

    @Override
    public void updateLoadBalancer(String clusterName, Service service, List<Node> hosts) {
        String name = getLoadBalancerName(clusterName, service);
        synchronized (lockFor(name)) {
            Balancer b = balancers.get(name);
            if (b == null) {
                throw new CloudProviderException("load balancer " + name + " not found");
            }
            b.selector.setNodes(hosts);
        }
    }

    @Override
    public void ensureLoadBalancerDeleted(String clusterName, Service service) {
        String name = getLoadBalancerName(clusterName, service);
        synchronized (lockFor(name)) {
            delete(name);
        }
        locks.remove(name);
    }

    private void delete(String name) {
        Balancer b = balancers.remove(name);
        if (b != null) {
            closeAll(b);
            log.info("local load balancer {} on {} deleted", name, b.address);
        }
        pool.release(name);
    }

    private static void closeAll(Balancer b) {
        b.listeners.values().forEach(TcpListener::close);
        b.listeners.clear();
    }

    /** The nodes a load balancer forwards to (for tests and diagnostics). */
    List<String> nodesOf(String name) {
        Balancer b = balancers.get(name);
        return b == null ? List.of() : b.selector.nodeNames();
    }

    @Override
    public void close() {
        for (String name : new ArrayList<>(balancers.keySet())) {
            synchronized (lockFor(name)) {
                delete(name);
            }
        }
    }

    Map<String, String> addresses() {
        Map<String, String> out = new HashMap<>();
        balancers.forEach((k, v) -> out.put(k, v.address));
        return out;
    }
}
