package io.kubeboot.node.network;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import io.kubeboot.node.runtime.docker.DockerMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's bridge network for the whole cluster CIDR, shared by every node agent on the engine. Created when
 * missing, with IP masquerading off (pod traffic is never NATed out of the machine) and the label
 * {@code io.kubeboot.network=cluster}.
 *
 * <p>Race-safe: agents starting together may both try to create it. The engine refuses a second network with the
 * same name (CheckDuplicate) or an overlapping subnet, so a failed create is followed by a fresh look-up; should two
 * networks of that name still exist, every agent settles on the one with the lowest ID and the extra is removed.
 */
public final class ClusterBridgeNetwork {
    public static final String LABEL = "io.kubeboot.network";
    public static final String LABEL_VALUE = "cluster";
    static final String MASQUERADE_OPTION = "com.docker.network.bridge.enable_ip_masquerade";
    private static final Duration RACE_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ClusterBridgeNetwork.class);

    /** The network as found or created. */
    public record Info(String id, String name, Ipv4Cidr subnet, String gateway) {
    }

    private final DockerClient docker;
    private final String name;
    private final Ipv4Cidr clusterCidr;

    public ClusterBridgeNetwork(DockerClient docker, String name, String clusterCidr) {
        this.docker = docker;
        this.name = name;
        this.clusterCidr = Ipv4Cidr.parse(clusterCidr);
    }

    /**
     * Finds or creates the network. Throws {@link IllegalStateException} when a network of that name exists with a
     * different subnet, or when it can neither be found nor created.
     */
    public Info ensure() {
        Network existing = find();
        if (existing == null) {
            try {
                docker.createNetworkCmd()
                        .withName(name)
                        .withDriver("bridge")
                        .withCheckDuplicate(true)
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
                                .withSubnet(clusterCidr.toString()).withGateway(defaultGateway())))
                        .withOptions(Map.of(MASQUERADE_OPTION, "false"))
                        .withLabels(Map.of(LABEL, LABEL_VALUE))
                        .exec();
                log.info("created docker network {} for the cluster CIDR {}", name, clusterCidr);
            } catch (DockerException e) {
                // another agent may have created it (or one overlapping it) at the same moment: look again
                // (the engine reserves the subnet before the new network shows up in its list: keep looking a moment)
                log.debug("creating docker network {} failed ({}); looking it up again", name, e.getMessage());
                existing = findWithin(RACE_WAIT);
                if (existing == null) {
                    throw new IllegalStateException("cannot create the docker network \"" + name + "\" for the cluster CIDR "
                            + clusterCidr + ": " + DockerMessages.of(e), e);
                }
            }
            if (existing == null) {
                existing = find();
            }
            if (existing == null) {
                throw new IllegalStateException("the docker network \"" + name + "\" disappeared right after it was created");
            }
        }
        return verify(existing);
    }

    private Network findWithin(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Network found = find();
            if (found != null || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private Info verify(Network network) {
        List<String> subnets = network.getIpam() == null || network.getIpam().getConfig() == null ? List.of()
                : network.getIpam().getConfig().stream().map(Network.Ipam.Config::getSubnet).filter(Objects::nonNull).toList();
        Network.Ipam.Config config = network.getIpam() == null || network.getIpam().getConfig() == null ? null
                : network.getIpam().getConfig().stream()
                        .filter(c -> clusterCidr.toString().equals(normalise(c.getSubnet()))).findFirst().orElse(null);
        if (config == null) {
            throw new IllegalStateException("the docker network \"" + name + "\" exists with subnet "
                    + (subnets.isEmpty() ? "(none)" : String.join(",", subnets)) + ", not the cluster CIDR " + clusterCidr
                    + "; remove it (docker network rm " + name + ") or configure another network name "
                    + "(kubeboot.node.network.name) or cluster CIDR (kubeboot.node.network.cluster-cidr)");
        }
        if (!"bridge".equals(network.getDriver())) {
            throw new IllegalStateException("the docker network \"" + name + "\" uses the driver " + network.getDriver()
                    + ", not bridge; remove it (docker network rm " + name + ") or configure another network name");
        }
        String gateway = config.getGateway();
        if (gateway == null || gateway.isEmpty()) {
            // created without an explicit gateway: the engine's default IPAM took the first address
            gateway = defaultGateway();
        } else if (gateway.contains("/")) {
            gateway = gateway.substring(0, gateway.indexOf('/'));
        }
        return new Info(network.getId(), network.getName(), clusterCidr, gateway);
    }

    /** The first address of the cluster CIDR, the gateway Docker's default IPAM would choose too. */
    private String defaultGateway() {
        return Ipv4Cidr.format(clusterCidr.network() + 1);
    }

    private static String normalise(String subnet) {
        try {
            return subnet == null ? null : Ipv4Cidr.parse(subnet).toString();
        } catch (IllegalArgumentException e) {
            return subnet;
        }
    }

    /** The network of exactly this name; when the engine holds several, the one with the lowest ID (others removed). */
    private Network find() {
        List<Network> named = docker.listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(n -> name.equals(n.getName()))
                .sorted(Comparator.comparing(Network::getId))
                .toList();
        if (named.isEmpty()) {
            return null;
        }
        for (Network extra : named.subList(1, named.size())) {
            try {
                docker.removeNetworkCmd(extra.getId()).exec();
                log.warn("removed duplicate docker network {} ({})", name, extra.getId());
            } catch (DockerException e) {
                log.warn("duplicate docker network {} ({}) could not be removed: {}", name, extra.getId(), e.getMessage());
            }
        }
        try {
            // the list omits IPAM details on some engines: inspect for the full picture
            return docker.inspectNetworkCmd().withNetworkId(named.get(0).getId()).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }
}
