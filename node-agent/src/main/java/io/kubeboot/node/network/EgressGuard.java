package io.kubeboot.node.network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps pods on this machine: one iptables rule at the top of Docker's {@code DOCKER-USER} chain that drops forwarded
 * packets from the cluster CIDR to any destination outside it. Traffic between pods is forwarded inside the CIDR and
 * passes; traffic from a pod to an address of this machine (the node address, ClusterIPs on {@code lo}, the bridge
 * gateway) is delivered locally (INPUT, not FORWARD) and passes too.
 *
 * <p>Idempotent: the rule is inserted only when {@code iptables -C} does not find it, so agents sharing the engine
 * and the cluster CIDR share one rule (two agents racing may each insert it once; a duplicate is harmless).
 */
public final class EgressGuard {
    static final String CHAIN = "DOCKER-USER";
    private static final Logger log = LoggerFactory.getLogger(EgressGuard.class);

    private final CommandRunner commands;
    private final String clusterCidr;

    public EgressGuard(CommandRunner commands, String clusterCidr) {
        this.commands = commands;
        this.clusterCidr = Ipv4Cidr.parse(clusterCidr).toString();
    }

    /** The rule as iptables arguments after the operation flag and chain. */
    List<String> rule() {
        return List.of("-s", clusterCidr, "!", "-d", clusterCidr, "-m", "comment", "--comment",
                "kubeboot: pods stay on this machine", "-j", "DROP");
    }

    /**
     * Makes sure the rule is in place. Returns whether it is; when iptables is missing, the chain does not exist or
     * the rule cannot be inserted, logs a warning saying pods can reach beyond this machine and returns false.
     */
    public boolean ensure() {
        try {
            CommandRunner.Result check = commands.run(command("-C"));
            if (check.exitCode() == 0) {
                return true;
            }
            CommandRunner.Result insert = commands.run(command("-I"));
            if (insert.exitCode() == 0) {
                log.info("egress guard: pods in {} may not send to addresses outside it (iptables {} rule)",
                        clusterCidr, CHAIN);
                return true;
            }
            log.warn("egress guard NOT in place: `iptables -I {}` failed ({}): {}; pods in {} may reach addresses "
                    + "beyond this machine", CHAIN, insert.exitCode(), insert.output(), clusterCidr);
            return false;
        } catch (IOException e) {
            log.warn("egress guard NOT in place: iptables is not available ({}); pods in {} may reach addresses "
                    + "beyond this machine", e.getMessage(), clusterCidr);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("egress guard NOT in place: interrupted while running iptables");
            return false;
        }
    }

    /** Deletes the rule (every copy of it); for tests and for tearing a cluster down. Returns how many were removed. */
    public int remove() {
        int removed = 0;
        try {
            while (removed < 100 && commands.run(command("-D")).exitCode() == 0) {
                removed++;
            }
        } catch (IOException e) {
            log.debug("iptables not available: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return removed;
    }

    private List<String> command(String operation) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "5", operation, CHAIN));
        command.addAll(rule());
        return command;
    }
}
