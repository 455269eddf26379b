package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;

/**
 * Where a probe or hook connects: upstream's port resolution (ResolveContainerPort) and this project's network
 * safety rule.
 *
 * <p>Network safety (a departure from upstream): a probe or hook whose {@code host} is set is only contacted when
 * that host is one of the pod's IPs, or a loopback address of the pod itself (a hostNetwork pod, or a pod whose IP is
 * loopback). Any other host (another machine, a DNS name) is never contacted; the probe fails, the hook fails, with a
 * message saying so. Without {@code host} the pod IP is used, as upstream.
 */
final class ProbeTargets {
    private ProbeTargets() {
    }

    /**
     * The host to contact, or a {@link ProbeOutcome} failure message via {@link RefusedHostException}.
     *
     * @param host        the probe's host field, may be null/empty
     * @param podIps      the pod's IPs (first is the primary)
     * @param hostNetwork whether the pod shares the node's network namespace
     */
    static String host(String host, List<String> podIps, boolean hostNetwork) {
        String primary = podIps.isEmpty() ? "" : podIps.get(0);
        if (host == null || host.isEmpty()) {
            return primary;
        }
        if (podIps.contains(host)) {
            return host;
        }
        if (isLoopback(host) && (hostNetwork || podIps.stream().anyMatch(ProbeTargets::isLoopback))) {
            return host;
        }
        throw new RefusedHostException("host \"" + host + "\" is neither the pod's IP (" + String.join(",", podIps)
                + ") nor the pod's loopback: not contacted (network safety: probes and hooks reach only the pod)");
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!isIpLiteral(host)) {
            return false;
        }
        try {
            // an IP literal is parsed without any name lookup
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || (host.contains(":") && host.matches("[0-9a-fA-F:.]+"));
    }

    /** Upstream ResolveContainerPort: a number, or a named container port, or a number written as a string. */
    static int resolvePort(IntOrString param, Container container) {
        if (param == null) {
            throw new ProbeException("intOrString had no kind: {Type:0 IntVal:0 StrVal:}");
        }
        int port;
        if (param.getIntVal() != null) {
            port = param.getIntVal();
        } else if (param.getStrVal() != null) {
            Integer named = findPortByName(container, param.getStrVal());
            if (named != null) {
                port = named;
            } else {
                try {
                    port = Integer.parseInt(param.getStrVal());
                } catch (NumberFormatException e) {
                    throw new ProbeException("strconv.Atoi: parsing \"" + param.getStrVal() + "\": invalid syntax");
                }
            }
        } else {
            throw new ProbeException("intOrString had no kind: " + param);
        }
        if (port > 0 && port < 65536) {
            return port;
        }
        throw new ProbeException("invalid port number: " + port);
    }

    private static Integer findPortByName(Container container, String name) {
        Collection<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
        for (ContainerPort p : ports) {
            if (name.equals(p.getName())) {
                return p.getContainerPort();
            }
        }
        return null;
    }

    /** Go's net.JoinHostPort. */
    static String joinHostPort(String host, int port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** The host was refused by the network safety rule. */
    static final class RefusedHostException extends RuntimeException {
        RefusedHostException(String message) {
            super(message);
        }
    }
}
