package io.kubeboot.node.proxy;

import io.kubeboot.node.network.CommandRunner;
import io.kubeboot.node.network.Ipv4Cidr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * Makes the whole service CIDR unroutable off this machine: {@code ip route add unreachable <serviceCidr>}.
 * ClusterIPs the proxy serves are local addresses on {@code lo}, which the kernel's local table matches before
 * this route; every other address of the range (a Service not served yet, an address another agent on the machine
 * just removed at its shutdown) is answered "unreachable" locally instead of following the default route out of
 * the machine. Idempotent; the route is left in place at shutdown, where it only refuses. Without permission it
 * logs a warning (the ClusterIPs on lo still keep served Services local).
 */
public final class ServiceCidrRoute {
    private static final Logger log = LoggerFactory.getLogger(ServiceCidrRoute.class);

    private final CommandRunner commands;
    private final Ipv4Cidr serviceCidr;

    public ServiceCidrRoute(CommandRunner commands, Ipv4Cidr serviceCidr) {
        this.commands = commands;
        this.serviceCidr = serviceCidr;
    }

    /** Adds the route unless it exists; returns whether it is in place. */
    public boolean ensure() {
        try {
            CommandRunner.Result r = commands.run(List.of("ip", "route", "add", "unreachable", serviceCidr.toString()));
            if (r.exitCode() == 0 || r.output().contains("File exists")) {
                return true;
            }
            log.warn("could not make the service CIDR {} unroutable off this machine ({}); only the ClusterIPs "
                    + "served on lo are kept local", serviceCidr, r.output());
        } catch (IOException e) {
            log.warn("could not run `ip route` ({}); only the ClusterIPs served on lo are kept local", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
