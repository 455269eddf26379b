package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.cloud.local.LocalCloudProvider;
import io.kubeboot.controller.cloud.manager.CloudControllerManager;
import io.kubeboot.controller.cloud.manager.CloudProperties;
import io.kubeboot.controller.cloud.provider.CloudProvider;
import io.kubeboot.controller.cloud.provider.InstanceMetadata;
import io.kubeboot.controller.cloud.provider.InstancesV2;
import io.kubeboot.controller.cloud.provider.LoadBalancer;
import io.kubeboot.controller.cloud.provider.Routes;
import io.kubeboot.controller.cloud.provider.Zones;
import io.kubeboot.controller.manager.ControllerDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cloud controllers with the built-in "local" provider against the real apiserver, under their own Lease. The
 * test plays the node's kube-proxy: a TCP server on 127.0.0.1:&lt;nodePort&gt;. Instances the test marks as deleted
 * or shut down (a wrapper around the local provider's instances) exercise the node lifecycle controller.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CloudControllerManagerIT {
    private static final String POOL = "127.0.0.100-127.0.0.120";
    private static final Set<String> deletedInstances = ConcurrentHashMap.newKeySet();
    private static final Set<String> shutdownInstances = ConcurrentHashMap.newKeySet();
    private static final AtomicReference<CloudControllerManager> group = new AtomicReference<>();
    private static final AtomicReference<CloudProvider> provider = new AtomicReference<>();
    private static ItSupport.Manager manager;
    private static KubernetesClient client;
    private static String readyNode;
    private String ns;

    @BeforeAll
    static void start() {
        client = ItSupport.client();
        CloudProperties props = new CloudProperties();
        props.setExitOnLostLease(false);
        props.getLeaderElection().setName("cloud-controller-manager-it");
        props.getLocal().setAddressPool(POOL);
        props.setNodeMonitorPeriod(Duration.ofMillis(500));
        props.setRouteReconciliationPeriod(Duration.ofSeconds(2));
        props.setClusterCidr("10.244.0.0/16");
        ControllerDescriptor d = new ControllerDescriptor(CloudControllerManager.NAME, false, ctx -> {
            CloudControllerManager g = CloudControllerManager.create(ctx, props, pc -> {
                CloudProvider p = new TestProvider(LocalCloudProvider.create(pc));
                provider.set(p);
                return p;
            });
            group.set(g);
            return g;
        });
        manager = new ItSupport.Manager("kcm-cloud-it", List.of(d));
        await().atMost(Duration.ofSeconds(60)).until(() -> group.get() != null && group.get().isLeader());
        readyNode = "cloud-ready-" + suffix();
        createNode(readyNode, true, null, null);
    }

    @AfterAll
    static void stop() {
        if (manager != null) {
            manager.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void namespace() {
        ns = ItSupport.createNamespace(client, "cloud");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private static Node createNode(String name, boolean ready, String taintKey, String podCidr) {
        String t = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .withReason(ready ? "KubeletReady" : "KubeletNotReady").withLastHeartbeatTime(t).withLastTransitionTime(t).endCondition()
                .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress().endStatus();
        if (taintKey != null) {
            b.editSpec().addNewTaint().withKey(taintKey).withValue("true").withEffect("NoSchedule").endTaint().endSpec();
        }
        if (podCidr != null) {
            b.editSpec().withPodCIDR(podCidr).withPodCIDRs(podCidr).endSpec();
        }
        // the status goes in with the create, as a kubelet registers its Node (a separate status PUT raced the
        // cloud node controller's own update of the new node: 409)
        return client.nodes().resource(b.build()).create();
    }

    private Service createLoadBalancer(String name, int port) {
        return client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withType("LoadBalancer").addToSelector("app", name)
                .addNewPort().withName("tcp").withProtocol("TCP").withPort(port).endPort().endSpec().build()).create();
    }

    private Optional<String> ingressIp(String name) {
        Service s = client.services().inNamespace(ns).withName(name).get();
        if (s == null || s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null || s.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(s.getStatus().getLoadBalancer().getIngress().get(0).getIp());
    }

    private List<String> eventReasons(String object) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> object.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }

    private List<Event> events(String object, String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> object.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }

    /** The node's kube-proxy: answers every line with "pong:<line>" on 127.0.0.1:nodePort. */
    private static ServerSocket kubeProxy(int nodePort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), nodePort));
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    String line = in.readLine();
                    s.getOutputStream().write(("pong:" + line + "\n").getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    // closed by the test or a client went away
                }
            }
        }, "fake-kube-proxy");
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static String roundTrip(String ip, int port, String msg) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(ip), port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write((msg + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static boolean refused(String ip, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(ip), port), 2000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aLoadBalancerServiceGetsAPoolAddressThatForwardsToTheNodePortAndIsRemovedWithTheService() throws Exception {
        int port = 18000 + (int) (Math.random() * 1000);
        Service svc = createLoadBalancer("web", port);
        int nodePort = svc.getSpec().getPorts().get(0).getNodePort();
        assertThat(nodePort).isPositive();

        await().atMost(Duration.ofSeconds(60)).until(() -> ingressIp("web").isPresent());
        String ip = ingressIp("web").orElseThrow();
        assertThat(LocalCloudProviderPool.contains(ip)).as(ip).isTrue();
        Service withLb = client.services().inNamespace(ns).withName("web").get();
        assertThat(withLb.getMetadata().getFinalizers()).contains("service.kubernetes.io/load-balancer-cleanup");
        assertThat(withLb.getStatus().getLoadBalancer().getIngress().get(0).getIpMode()).isEqualTo("VIP");

        try (ServerSocket proxy = kubeProxy(nodePort)) {
            assertThat(roundTrip(ip, port, "ping")).isEqualTo("pong:ping");
            assertThat(roundTrip(ip, port, "again")).isEqualTo("pong:again");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(events("web", "EnsuringLoadBalancer")).extracting(Event::getMessage).contains("Ensuring load balancer");
            assertThat(events("web", "EnsuredLoadBalancer")).extracting(Event::getMessage).contains("Ensured load balancer");
        });

        client.services().inNamespace(ns).withName("web").delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> client.services().inNamespace(ns).withName("web").get() == null);
        assertThat(refused(ip, port)).as("listener closed").isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(events("web", "DeletingLoadBalancer")).extracting(Event::getMessage).contains("Deleting load balancer");
            assertThat(events("web", "DeletedLoadBalancer")).extracting(Event::getMessage).contains("Deleted load balancer");
        });
    }

    @Test
    void changingTheTypeAwayFromLoadBalancerDeletesTheLoadBalancerAndClearsStatusAndFinalizer() throws Exception {
        int port = 19000 + (int) (Math.random() * 1000);
        createLoadBalancer("api", port);
        await().atMost(Duration.ofSeconds(60)).until(() -> ingressIp("api").isPresent());
        String ip = ingressIp("api").orElseThrow();
        assertThat(refused(ip, port)).as("listening").isFalse();

        client.services().inNamespace(ns).withName("api").edit(s -> new ServiceBuilder(s).editSpec().withType("NodePort").endSpec().build());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Service s = client.services().inNamespace(ns).withName("api").get();
            assertThat(s.getMetadata().getFinalizers()).doesNotContain("service.kubernetes.io/load-balancer-cleanup");
            assertThat(ingressIp("api")).isEmpty();
        });
        assertThat(refused(ip, port)).isTrue();
        assertThat(eventReasons("api")).contains("DeletingLoadBalancer", "DeletedLoadBalancer");
    }

    @Test
    void anUninitializedNodeGetsProviderIdLabelsAndAddressesAndLosesTheTaint() {
        String name = "cloud-init-" + suffix();
        createNode(name, true, "node.cloudprovider.kubernetes.io/uninitialized", null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Node n = client.nodes().withName(name).get();
            assertThat(n.getSpec().getProviderID()).isEqualTo("kubeboot://" + name);
            assertThat(n.getMetadata().getLabels()).containsEntry("topology.kubernetes.io/zone", "local")
                    .containsEntry("topology.kubernetes.io/region", "local")
                    .containsEntry("node.kubernetes.io/instance-type", "local");
            assertThat(n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints())
                    .noneMatch(t -> "node.cloudprovider.kubernetes.io/uninitialized".equals(t.getKey()));
            assertThat(n.getStatus().getAddresses()).anySatisfy(a -> {
                assertThat(a.getType()).isEqualTo("InternalIP");
                assertThat(a.getAddress()).isEqualTo("127.0.0.1");
            });
        });
    }

    @Test
    void nodesWithPodCidrsGetRoutesAndNetworkUnavailableFalse() {
        String name = "cloud-route-" + suffix();
        String cidr = "10.244." + (100 + (int) (Math.random() * 100)) + ".0/24";
        createNode(name, true, null, cidr);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(provider.get().routes().orElseThrow().listRoutes("kubernetes"))
                    .anySatisfy(r -> {
                        assertThat(r.targetNode()).isEqualTo(name);
                        assertThat(r.destinationCidr()).isEqualTo(cidr);
                    });
            Node n = client.nodes().withName(name).get();
            NodeCondition c = n.getStatus().getConditions().stream().filter(x -> "NetworkUnavailable".equals(x.getType()))
                    .findFirst().orElseThrow();
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("RouteCreated");
            assertThat(c.getMessage()).isEqualTo("RouteController created a route");
        });

        client.nodes().withName(name).delete();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(provider.get().routes().orElseThrow()
                .listRoutes("kubernetes")).noneMatch(r -> name.equals(r.targetNode())));
    }

    @Test
    void aNotReadyNodeWhoseInstanceIsGoneIsDeletedAndAShutDownOneIsTainted() {
        String gone = "cloud-gone-" + suffix();
        String off = "cloud-off-" + suffix();
        createNode(gone, false, null, null);
        createNode(off, false, null, null);
        shutdownInstances.add(off);
        deletedInstances.add(gone);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.nodes().withName(gone).get() == null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.nodes().withName(off).get().getSpec().getTaints())
                .anySatisfy(t -> {
                    assertThat(t.getKey()).isEqualTo("node.cloudprovider.kubernetes.io/shutdown");
                    assertThat(t.getEffect()).isEqualTo("NoSchedule");
                }));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.v1().events().inAnyNamespace().list().getItems())
                .filteredOn(e -> gone.equals(e.getInvolvedObject().getName()) && "DeletingNode".equals(e.getReason()))
                .extracting(Event::getMessage).contains("Deleting node " + gone + " because it does not exist in the cloud provider"));
        client.nodes().withName(off).delete();
    }

    /** The pool the IT configures, for checking the published address. */
    private static final class LocalCloudProviderPool {
        static boolean contains(String ip) {
            return io.kubeboot.controller.cloud.local.AddressPool.parse(POOL).contains(ip);
        }
    }

    /** The local provider with instances the test can delete or shut down. */
    private static final class TestProvider implements CloudProvider {
        private final LocalCloudProvider delegate;

        TestProvider(LocalCloudProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public String providerName() {
            return "local-test";
        }

        @Override
        public Optional<LoadBalancer> loadBalancer() {
            return delegate.loadBalancer();
        }

        @Override
        public Optional<InstancesV2> instancesV2() {
            InstancesV2 d = delegate.instancesV2().orElseThrow();
            return Optional.of(new InstancesV2() {
                @Override
                public boolean instanceExists(Node node) {
                    return !deletedInstances.contains(node.getMetadata().getName()) && d.instanceExists(node);
                }

                @Override
                public boolean instanceShutdown(Node node) {
                    return shutdownInstances.contains(node.getMetadata().getName());
                }

                @Override
                public InstanceMetadata instanceMetadata(Node node) {
                    return d.instanceMetadata(node);
                }
            });
        }

        @Override
        public Optional<Routes> routes() {
            return delegate.routes();
        }

        @Override
        public Optional<Zones> zones() {
            return delegate.zones();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
