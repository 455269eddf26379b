package io.kubeboot.controller.cloud.local;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.kubeboot.controller.cloud.provider.CloudProviderContext;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the node a load balancer connection goes to: round robin over the load balancer's nodes that are Ready (as
 * seen in the Node cache at connection time), at the node's loopback InternalIP, else at 127.0.0.1, so forwarded
 * traffic never leaves the host. Thread safe.
 */
final class BackendSelector {
    static final String LOOPBACK = "127.0.0.1";

    private final CloudProviderContext.NodeLookup lookup;
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<String> nodeNames = List.of();

    BackendSelector(CloudProviderContext.NodeLookup lookup) {
        this.lookup = lookup;
    }

    void setNodes(List<Node> nodes) {
        List<String> names = new ArrayList<>();
        for (Node n : nodes) {
            names.add(n.getMetadata().getName());
        }
        nodeNames = List.copyOf(names);
    }

    List<String> nodeNames() {
        return nodeNames;
    }

    /** The next backend for {@code nodePort}, empty when no node is Ready. */
    Optional<InetSocketAddress> next(int nodePort) {
        List<String> ready = new ArrayList<>();
        for (String name : nodeNames) {
            Node n = lookup.get(name);
            if (n != null && isReady(n)) {
                ready.add(name);
            }
        }
        if (ready.isEmpty()) {
            return Optional.empty();
        }
        String name = ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
        return Optional.of(new InetSocketAddress(loopbackAddress(lookup.get(name)), nodePort));
    }

    static boolean isReady(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    /** The node's first InternalIP when it is a loopback IPv4 address, else 127.0.0.1. */
    static String loopbackAddress(Node node) {
        if (node != null && node.getStatus() != null && node.getStatus().getAddresses() != null) {
            for (NodeAddress a : node.getStatus().getAddresses()) {
                if ("InternalIP".equals(a.getType())) {
                    return isLoopbackIpv4(a.getAddress()) ? a.getAddress() : LOOPBACK;
                }
            }
        }
        return LOOPBACK;
    }

    static boolean isLoopbackIpv4(String ip) {
        try {
            return ip != null && (AddressPool.parseIp(ip) >>> 24) == 127;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
