package io.kubeboot.node.network;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.sun.net.httpserver.HttpServer;
import io.kubeboot.node.config.NodeAgentProperties;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.ExecResult;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.SandboxSpec;
import io.kubeboot.node.runtime.docker.DockerRuntime;
import io.kubeboot.testkit.DockerEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DockerPodNetwork} on the real engine with test networks on 10.251.0.0/16 (10.252.0.0/16 for the conflicting
 * one); the egress guard's rule is removed again at the end. The only traffic is from a test container to an HTTP
 * server of this test bound to the network's gateway address (a local address of this machine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerPodNetworkIT {
    private static final String CIDR = "10.251.0.0/16";
    private final String run = "rtnet-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> networks = new ArrayList<>();
    private DockerRuntime runtime;
    private DockerClient docker;

    @BeforeAll
    void connect() {
        DockerEngine.require();
        runtime = new DockerRuntime("unix:///var/run/docker.sock", run);
        docker = runtime.dockerClient();
    }

    /** Each test's networks go at its end: networks of one CIDR cannot coexist on the engine. */
    @AfterEach
    void removeContainersAndNetworks() {
        if (docker == null) {
            return;
        }
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RuntimeLabels.NODE, run)).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
        for (String name : networks) {
            for (Network n : docker.listNetworksCmd().withNameFilter(name).exec()) {
                if (n.getName().equals(name)) {
                    docker.removeNetworkCmd(n.getId()).exec();
                }
            }
        }
        networks.clear();
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (docker == null) {
            return;
        }
        new EgressGuard(CommandRunner.processes(), CIDR).remove();
        runtime.close();
    }

    private NodeAgentProperties.Network settings(String name, String cidr, boolean guard) {
        networks.add(name);
        NodeAgentProperties.Network settings = new NodeAgentProperties.Network();
        settings.setName(name);
        settings.setClusterCidr(cidr);
        settings.setEgressGuard(guard);
        return settings;
    }

    @Test
    void agentsStartingTogetherShareOneNetwork() throws Exception {
        NodeAgentProperties.Network settings = settings(run + "-shared", CIDR, false);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DockerPodNetwork agent = new DockerPodNetwork(docker, settings, Optional::empty);
            results.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return agent.networkName();
            }));
        }
        go.countDown();
        for (CompletableFuture<String> result : results) {
            assertThat(result.get()).isEqualTo(run + "-shared");
        }
        List<Network> named = docker.listNetworksCmd().withNameFilter(run + "-shared").exec().stream()
                .filter(n -> n.getName().equals(run + "-shared")).toList();
        assertThat(named).hasSize(1);
        Network network = docker.inspectNetworkCmd().withNetworkId(named.get(0).getId()).exec();
        assertThat(network.getDriver()).isEqualTo("bridge");
        assertThat(network.getIpam().getConfig()).extracting(Network.Ipam.Config::getSubnet).containsExactly(CIDR);
        assertThat(network.getOptions()).containsEntry("com.docker.network.bridge.enable_ip_masquerade", "false");
        assertThat(network.getLabels()).containsEntry("io.kubeboot.network", "cluster");
        assertThat(network.getIpam().getConfig()).extracting(Network.Ipam.Config::getGateway).containsExactly("10.251.0.1");
    }

    @Test
    void aNetworkOfThatNameWithAnotherSubnetIsRefused() {
        String name = run + "-other";
        networks.add(name);
        docker.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet("10.252.0.0/16"))).exec();
        DockerPodNetwork agent = new DockerPodNetwork(docker, settings(name, "10.251.0.0/16", false), Optional::empty);
        assertThatThrownBy(agent::networkName)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"" + name + "\" exists with subnet 10.252.0.0/16, not the cluster CIDR 10.251.0.0/16");
    }

    @Test
    void allocationNeedsAPodCidrInsideTheClusterCidrAndSkipsTheGateway() {
        NodeAgentProperties.Network settings = settings(run + "-alloc", CIDR, false);
        assertThatThrownBy(() -> new DockerPodNetwork(docker, settings, Optional::empty).allocate("u"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no podCIDR");
        assertThatThrownBy(() -> new DockerPodNetwork(docker, settings, () -> Optional.of("10.9.0.0/24")).allocate("u"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not inside the cluster CIDR");
        DockerPodNetwork node0 = new DockerPodNetwork(docker, settings, () -> Optional.of("10.251.0.0/24"));
        assertThat(node0.allocate("u1")).isEqualTo("10.251.0.2");
        assertThat(node0.allocate("u2")).isEqualTo("10.251.0.3");
        assertThat(node0.allocate("u1")).isEqualTo("10.251.0.2");
    }

    @Test
    void egressGuardIsInsertedOnceAndLocalTrafficStillPasses() throws Exception {
        NodeAgentProperties.Network settings = settings(run + "-guard", CIDR, true);
        DockerPodNetwork first = new DockerPodNetwork(runtime, settings, () -> Optional.of("10.251.3.0/24"));
        DockerPodNetwork second = new DockerPodNetwork(runtime, settings, () -> Optional.of("10.251.4.0/24"));
        first.networkName();
        second.networkName();
        CommandRunner.Result rules = CommandRunner.processes().run(List.of("iptables", "-S", "DOCKER-USER"));
        assumeThat(rules.exitCode()).as("iptables with a DOCKER-USER chain").isZero();
        assertThat(rules.output().lines().filter(l -> l.contains("-s " + CIDR) && l.contains("! -d " + CIDR)
                && l.contains("-j DROP"))).hasSize(1);

        // a pod reaches an address of this machine (the bridge gateway) with the guard in place
        String gateway = docker.inspectNetworkCmd().withNetworkId(settings.getName()).exec()
                .getIpam().getConfig().get(0).getGateway();
        HttpServer server = HttpServer.create(new InetSocketAddress(gateway, 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "local-ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String uid = run + "-uid-guard";
            String ip = first.allocate(uid);
            String sandbox = runtime.runSandbox(new SandboxSpec("default", "guard", uid, "guard", null,
                    first.networkName(), ip, null, Map.of(), Map.of(), "registry.k8s.io/pause:3.10"));
            String id = runtime.createContainer(sandbox, new ContainerSpec("k8s_client_guard_default_" + uid + "_0",
                    "busybox:1.28", List.of("hold"), null, List.of(), null, List.of(), 0, 0, 0, 0, false, false,
                    Map.of(RuntimeLabels.POD_UID, uid, RuntimeLabels.CONTAINER_NAME, "client")));
            runtime.startContainer(id);
            String url = "http://" + gateway + ":" + server.getAddress().getPort() + "/";
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                ExecResult fetched = runtime.exec(id, List.of("wget", "-q", "-O", "-", url), Duration.ofSeconds(5));
                assertThat(fetched.output()).isEqualTo("local-ok\n");
            });
        } finally {
            server.stop(0);
        }
    }
}
