package io.kubeboot.node.proxy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.node.config.NodeAgentProperties;
import io.kubeboot.node.network.Ipv4Cidr;
import io.kubeboot.node.proxy.userspace.IpCommandLoopback;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import io.kubeboot.testkit.ApiServerProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kube-proxy (userspace mode, started through {@link ProxyConfiguration}) against the real apiserver: a NodePort
 * Service with a TCP and a UDP port whose EndpointSlice lists two "pods" (two cluster CIDR addresses this test
 * puts on lo, with small servers answering their identity). Connections to ClusterIP:port and to 127.0.0.1:nodePort reach both in turn;
 * ClientIP affinity pins one; an endpoint marked not ready leaves the rotation within a second; without ready
 * endpoints connections are refused; deleting the Service removes its listeners and its loopback address. The
 * whole test is skipped when this process may not add addresses to lo (without that neither pods nor ClusterIPs
 * can be local here).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyIT {
    private static final Duration SETUP = Duration.ofSeconds(30);
    private static final Duration CHANGE = Duration.ofSeconds(1);
    /**
     * The "pods": addresses of the cluster CIDR made local (/32 on lo) for this test, because the apiserver, as
     * upstream, refuses loopback endpoint addresses. High in 10.244.0.0/16, where no node's podCIDR is expected.
     */
    private static final String A = "10.244.255.252";
    private static final String B = "10.244.255.253";
    /** An endpoint address made local where nothing listens: a pod that went, but is still in the slice. */
    private static final String GONE = "10.244.255.254";

    private static KubernetesClient client;
    private static TestBackends backends;
    private static ConfigurableApplicationContext context;
    private static boolean loAliases;
    private static String ns;
    private static String clusterIp;
    private static int nodePort;
    private static int udpNodePort;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NodeAgentProperties.class)
    @Import(ProxyConfiguration.class)
    static class ItConfig {
        // the app's KubernetesClient bean is not part of this package; the test provides one
        @Bean(destroyMethod = "close")
        KubernetesClient kubernetesClient() {
            return KubeClients.create(ClientSettings.defaults().withMasterUrl(ApiServerProcess.get().url()));
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        client = KubeClients.create(ClientSettings.defaults().withMasterUrl(ApiServerProcess.get().url()));
        loAliases = canAddLoopbackAddresses();
        assumeTrue(loAliases, "adding addresses to lo is not permitted here: the endpoints (cluster CIDR addresses made"
                + " local) and the ClusterIP cannot be served, ProxyIT skipped");
        IpCommandLoopback lo = new IpCommandLoopback();
        lo.add(A);
        lo.add(B);
        lo.add(GONE);
        backends = new TestBackends(List.of(A, B));
        ns = "px-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        Service svc = client.services().inNamespace(ns).resource(new ServiceBuilder()
                .withNewMetadata().withName("echo").endMetadata()
                .withNewSpec().withType("NodePort")
                .withPorts(new ServicePortBuilder().withName("http").withPort(80).withProtocol("TCP")
                                .withTargetPort(new IntOrString(backends.port())).build(),
                        new ServicePortBuilder().withName("dns").withPort(53).withProtocol("UDP")
                                .withTargetPort(new IntOrString(backends.port())).build())
                .endSpec().build()).create();
        clusterIp = svc.getSpec().getClusterIP();
        nodePort = svc.getSpec().getPorts().get(0).getNodePort();
        udpNodePort = svc.getSpec().getPorts().get(1).getNodePort();
        assertThat(Ipv4Cidr.parse("10.96.0.0/12").contains(clusterIp)).as(clusterIp).isTrue();
        assertThat(nodePort).isBetween(30000, 32767);
        client.discovery().v1().endpointSlices().inNamespace(ns).resource(slice(true, true)).create();

        context = new SpringApplicationBuilder(ItConfig.class).web(WebApplicationType.NONE)
                .properties("kubeboot.node.name=px-it-node", "kubeboot.node.address=127.0.0.1",
                        "kubeboot.node.proxy.mode=userspace")
                .run();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (backends != null) {
            backends.close();
        }
        if (loAliases) {
            IpCommandLoopback lo = new IpCommandLoopback();
            for (String ip : List.of(A, B, GONE)) {
                try {
                    lo.remove(ip);
                } catch (IOException e) {
                    System.err.println("cannot remove " + ip + " from lo: " + e.getMessage());
                }
            }
        }
        if (client != null) {
            if (ns != null) {
                client.namespaces().withName(ns).delete();
            }
            client.close();
        }
    }

    @Test
    @Order(1)
    void nodePortReachesBothEndpointsInTurn() {
        await().atMost(SETUP).ignoreExceptions().until(() -> TestBackends.identity("127.0.0.1", nodePort) != null);
        assertRoundRobin("127.0.0.1", nodePort);
        assertThat(context.getBean(KubeProxy.class).mode()).isEqualTo("userspace");
    }

    @Test
    @Order(2)
    void clusterIpReachesBothEndpointsInTurn() throws IOException {
        assumeTrue(loAliases, "adding addresses to lo is not permitted here: ClusterIP part skipped");
        await().atMost(SETUP).ignoreExceptions().until(() -> TestBackends.identity(clusterIp, 80) != null);
        assertThat(localAddresses()).contains(clusterIp);
        assertRoundRobin(clusterIp, 80);
        // both directions spliced, the client's FIN passed on after its data
        assertThat(TestBackends.echo(clusterIp, 80, "hello")).matches("10\\.244\\.255\\.25[23]\nhello");
    }

    @Test
    @Order(3)
    void udpSessionsReachBothEndpoints() {
        List<String> targets = new ArrayList<>(List.of("127.0.0.1:" + udpNodePort));
        if (loAliases) {
            targets.add(clusterIp + ":53");
        }
        for (String target : targets) {
            String host = target.substring(0, target.indexOf(':'));
            int port = Integer.parseInt(target.substring(target.indexOf(':') + 1));
            Set<String> seen = new HashSet<>();
            await().atMost(SETUP).ignoreExceptions().untilAsserted(() -> {
                String reply = TestBackends.udp(host, port, "ping");
                assertThat(reply).matches("10\\.244\\.255\\.25[23]:ping");
                seen.add(reply);
                assertThat(seen).as(target).containsExactlyInAnyOrder(A + ":ping", B + ":ping");
            });
        }
    }

    @Test
    @Order(4)
    void notReadyEndpointLeavesTheRotationWithinASecond() throws IOException {
        client.discovery().v1().endpointSlices().inNamespace(ns).resource(slice(true, false)).update();
        await().atMost(CHANGE).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .untilAsserted(() -> assertThat(identities("127.0.0.1", nodePort, 4)).containsOnly(A));
        client.discovery().v1().endpointSlices().inNamespace(ns).resource(slice(true, true)).update();
        await().atMost(CHANGE).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .untilAsserted(() -> assertThat(identities("127.0.0.1", nodePort, 4)).containsExactlyInAnyOrder(A, B, A, B));
    }

    @Test
    @Order(5)
    void clientIpAffinityPinsOneEndpoint() throws IOException {
        editService(s -> s.getSpec().setSessionAffinity("ClientIP"));
        await().atMost(SETUP).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            List<String> got = identities("127.0.0.1", nodePort, 6);
            assertThat(new HashSet<>(got)).hasSize(1);
        });
        if (loAliases) {
            assertThat(new HashSet<>(identities(clusterIp, 80, 6))).hasSize(1);
        }
        editService(s -> s.getSpec().setSessionAffinity("None"));
        await().atMost(SETUP).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> assertThat(identities("127.0.0.1", nodePort, 4)).containsExactlyInAnyOrder(A, B, A, B));
    }

    @Test
    @Order(6)
    void noReadyEndpointsMeansConnectionRefused() throws IOException {
        client.discovery().v1().endpointSlices().inNamespace(ns).resource(slice(false, false)).update();
        await().atMost(CHANGE).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThatThrownBy(() -> TestBackends.identity("127.0.0.1", nodePort)).isInstanceOf(ConnectException.class)
                        .hasMessageContaining("Connection refused"));
        if (loAliases) {
            await().atMost(CHANGE).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThatThrownBy(() -> TestBackends.identity(clusterIp, 80)).isInstanceOf(ConnectException.class)
                            .hasMessageContaining("Connection refused"));
            // the ClusterIP stays local while the Service exists: refused here, never routed away
            assertThat(localAddresses()).contains(clusterIp);
        }
        client.discovery().v1().endpointSlices().inNamespace(ns).resource(slice(true, true)).update();
        await().atMost(SETUP).ignoreExceptions().until(() -> TestBackends.identity("127.0.0.1", nodePort) != null);
    }

    @Test
    @Order(7)
    void anEndpointThatRefusesIsRetriedElsewhereAndCounted() throws IOException {
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        double before = registry.get("kubeproxy_userspace_endpoint_dial_failures").counter().count();
        EndpointSlice withGone = slice(true, true);
        withGone.getEndpoints().add(new EndpointBuilder().withAddresses(GONE).withNewConditions().withReady(true)
                .endConditions().build());
        client.discovery().v1().endpointSlices().inNamespace(ns).resource(withGone).update();
        await().atMost(SETUP).pollInterval(Duration.ofMillis(50)).until(() ->
                registry.get("kubeproxy_programmed_endpoints").gauge().value() >= 6);
        // every third choice is the endpoint that refuses: each of these requests still reaches A or B
        assertThat(identities("127.0.0.1", nodePort, 6)).containsOnly(A, B);
        assertThat(registry.get("kubeproxy_userspace_endpoint_dial_failures").counter().count() - before)
                .isGreaterThanOrEqualTo(1);
        client.discovery().v1().endpointSlices().inNamespace(ns).resource(slice(true, true)).update();
        await().atMost(SETUP).pollInterval(Duration.ofMillis(50)).until(() ->
                registry.get("kubeproxy_programmed_endpoints").gauge().value() == 4);
    }

    @Test
    @Order(8)
    void syncMetricsAreRecorded() {
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        assertThat(registry.get("kubeproxy_sync_proxy_rules_duration").timer().count()).isPositive();
        assertThat(registry.get("kubeproxy_sync_proxy_rules_last_timestamp_seconds").gauge().value())
                .isGreaterThan(System.currentTimeMillis() / 1000.0 - 3600);
        assertThat(registry.get("kubeproxy_programmed_service_ports").gauge().value()).isGreaterThanOrEqualTo(2);
        assertThat(registry.get("kubeproxy_programmed_endpoints").gauge().value()).isGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(9)
    void deletingTheServiceRemovesListenersAndTheLoopbackAddress() {
        client.services().inNamespace(ns).withName("echo").delete();
        await().atMost(SETUP).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThatThrownBy(() -> TestBackends.identity("127.0.0.1", nodePort)).isInstanceOf(ConnectException.class));
        if (loAliases) {
            await().atMost(SETUP).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(localAddresses()).doesNotContain(clusterIp));
        }
    }

    // ---- helpers

    private static void assertRoundRobin(String host, int port) {
        await().atMost(SETUP).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            List<String> got = identities(host, port, 6);
            assertThat(got).containsOnly(A, B);
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i)).as("round robin: %s", got).isNotEqualTo(got.get(i - 1));
            }
        });
    }

    private static List<String> identities(String host, int port, int n) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TestBackends.identity(host, port));
        }
        return out;
    }

    private static void editService(java.util.function.Consumer<Service> edit) {
        client.services().inNamespace(ns).withName("echo").edit(s -> {
            edit.accept(s);
            return s;
        });
    }

    private static EndpointSlice slice(boolean aReady, boolean bReady) {
        return new EndpointSliceBuilder().withNewMetadata().withName("echo-1").withNamespace(ns)
                .addToLabels(ProxyStateBuilder.SERVICE_NAME_LABEL, "echo").endMetadata()
                .withAddressType("IPv4")
                .withPorts(new EndpointPortBuilder().withName("http").withPort(backends.port()).withProtocol("TCP").build(),
                        new EndpointPortBuilder().withName("dns").withPort(backends.port()).withProtocol("UDP").build())
                .withEndpoints(new EndpointBuilder().withAddresses(A).withNewConditions().withReady(aReady).endConditions().build(),
                        new EndpointBuilder().withAddresses(B).withNewConditions().withReady(bReady).endConditions().build())
                .build();
    }

    private static Set<String> localAddresses() throws IOException {
        return new IpCommandLoopback().list();
    }

    /** Whether this process may add a /32 to lo (root or CAP_NET_ADMIN): tried with an address of the service CIDR. */
    private static boolean canAddLoopbackAddresses() {
        IpCommandLoopback lo = new IpCommandLoopback();
        String probe = "10.111.255.253";
        try {
            lo.add(probe);
            lo.remove(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
