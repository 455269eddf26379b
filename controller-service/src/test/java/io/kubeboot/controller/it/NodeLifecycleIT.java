package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.nodeipam.NodeIpamController;
import io.kubeboot.controller.nodeipam.NodeIpamProperties;
import io.kubeboot.controller.nodelifecycle.NodeLifecycleController;
import io.kubeboot.controller.nodelifecycle.NodeLifecycleProperties;
import io.kubeboot.controller.tainteviction.TaintEvictionController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node lifecycle, taint eviction and node IPAM controllers, run by the controller manager against the real
 * apiserver with short grace periods. The test plays the kubelets: it registers nodes and renews their Leases in
 * kube-node-lease until a node "dies". A node renewing its lease all along keeps the zone from counting as fully
 * disrupted (which would stop tainting, as upstream).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NodeLifecycleIT {
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final String LEASE_NS = "kube-node-lease";
    private static ItSupport.Manager manager;
    private static KubernetesClient client;
    /** The nodes whose kubelet is alive: their leases are renewed every 500 ms. */
    private static final Set<String> alive = ConcurrentHashMap.newKeySet();
    private static ScheduledExecutorService kubelet;
    private String ns;

    @BeforeAll
    static void start() {
        client = ItSupport.client();
        ItSupport.ensureNamespace(client, LEASE_NS);
        NodeLifecycleProperties lifecycle = new NodeLifecycleProperties();
        lifecycle.setNodeMonitorPeriod(Duration.ofMillis(500));
        lifecycle.setNodeMonitorGracePeriod(GRACE);
        lifecycle.setNodeStartupGracePeriod(Duration.ofSeconds(10));
        manager = new ItSupport.Manager("kcm-node-it", List.of(NodeLifecycleController.descriptor(lifecycle),
                TaintEvictionController.descriptor(), NodeIpamController.descriptor(new NodeIpamProperties())));
        await().atMost(Duration.ofSeconds(60)).until(manager.manager::isLeader);
        kubelet = Executors.newSingleThreadScheduledExecutor();
        kubelet.scheduleWithFixedDelay(NodeLifecycleIT::renewLeases, 0, 500, TimeUnit.MILLISECONDS);
        registerNode("anchor-" + suffix(), List.of());
    }

    /** Nodes this class registered: removed at the end, as other ITs on the shared apiserver count nodes. */
    private static final List<String> registered = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.shutdownNow();
        }
        if (client != null) {
            for (String n : registered) {
                client.nodes().withName(n).delete();
            }
        }
        if (manager != null) {
            manager.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void namespace() {
        ns = ItSupport.createNamespace(client, "node");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private static ZonedDateTime now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    }

    private static void renewLeases() {
        for (String name : alive) {
            try {
                Lease l = client.resources(Lease.class).inNamespace(LEASE_NS).withName(name).get();
                if (l != null) {
                    l.getSpec().setRenewTime(now());
                    client.resources(Lease.class).inNamespace(LEASE_NS).resource(l).update();
                }
            } catch (RuntimeException e) {
                // a conflict or a hiccup: the next renewal comes in 500 ms
            }
        }
    }

    /** Registers a Ready node and its lease, as a kubelet does, and keeps the lease renewed. */
    private static Node registerNode(String name, List<Taint> taints) {
        registered.add(name);
        String hb = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Node node = client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name)).endMetadata()
                .withNewSpec().withTaints(taints).endSpec()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastHeartbeatTime(hb).withLastTransitionTime(hb).endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("False").withReason("KubeletHasSufficientMemory")
                .withLastHeartbeatTime(hb).withLastTransitionTime(hb).endCondition()
                .endStatus().build()).create();
        client.resources(Lease.class).inNamespace(LEASE_NS).resource(new LeaseBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(40).withRenewTime(now()).endSpec().build()).create();
        alive.add(name);
        return node;
    }

    private static Node node(String name) {
        return client.nodes().withName(name).get();
    }

    private static Optional<NodeCondition> condition(Node node, String type) {
        return node.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static boolean hasTaint(Node node, String key, String effect) {
        return node.getSpec().getTaints() != null
                && node.getSpec().getTaints().stream().anyMatch(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
    }

    private Pod podOn(String name, String nodeName, Long unreachableSeconds, boolean reportRunning) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeName(nodeName).addNewContainer().withName("c").withImage("nginx").endContainer().endSpec();
        if (unreachableSeconds != null) {
            b.editSpec().addNewToleration().withKey("node.kubernetes.io/unreachable").withOperator("Exists")
                    .withEffect("NoExecute").withTolerationSeconds(unreachableSeconds).endToleration().endSpec();
        }
        Pod pod = client.pods().inNamespace(ns).resource(b.build()).create();
        if (!reportRunning) {
            return pod;
        }
        // the kubelet reports the pod running and ready
        String t = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(t).endCondition().build());
        return client.pods().inNamespace(ns).resource(pod).updateStatus();
    }

    private List<Event> events(String reason, String objectName) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && objectName.equals(e.getInvolvedObject().getName())).toList();
    }

    private boolean deletedOrTerminating(String pod) {
        Pod p = client.pods().inNamespace(ns).withName(pod).get();
        return p == null || p.getMetadata().getDeletionTimestamp() != null;
    }

    @Test
    void aNodeThatStopsRenewingItsLeaseGoesUnknownIsTaintedAndItsTolerantPodIsEvictedAfterItsTolerationSeconds() throws Exception {
        String name = "worker-" + suffix();
        registerNode(name, List.of());
        Pod pod = podOn("web", name, 2L, true);
        assertThat(pod.getSpec().getTolerations()).as("DefaultTolerationSeconds adds not-ready only")
                .anySatisfy(t -> assertThat(t.getKey()).isEqualTo("node.kubernetes.io/not-ready"));

        // alive: more than two grace periods pass without the node's status being touched by the controller
        Thread.sleep(GRACE.multipliedBy(2).toMillis() + 500);
        Node healthy = node(name);
        assertThat(condition(healthy, "Ready").orElseThrow().getStatus()).isEqualTo("True");
        assertThat(hasTaint(healthy, "node.kubernetes.io/unreachable", "NoExecute")).isFalse();
        assertThat(deletedOrTerminating("web")).isFalse();

        // the kubelet dies
        alive.remove(name);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Node n = node(name);
            NodeCondition ready = condition(n, "Ready").orElseThrow();
            assertThat(ready.getStatus()).isEqualTo("Unknown");
            assertThat(ready.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(ready.getMessage()).isEqualTo("Kubelet stopped posting node status.");
            assertThat(condition(n, "MemoryPressure").orElseThrow().getStatus()).isEqualTo("Unknown");
        });
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> hasTaint(node(name), "node.kubernetes.io/unreachable", "NoExecute"));
        long tainted = System.nanoTime();
        Node taintedNode = node(name);
        assertThat(taintedNode.getSpec().getTaints()).filteredOn(t -> "NoExecute".equals(t.getEffect()))
                .singleElement().satisfies(t -> assertThat(t.getTimeAdded()).isNotNull());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> deletedOrTerminating("web"));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tainted);
        assertThat(waited).as("deleted about 2 s after the taint, not at once").isBetween(1000L, 10_000L);

        Pod evicted = client.pods().inNamespace(ns).withName("web").get();
        if (evicted != null) {
            assertThat(evicted.getStatus().getConditions()).filteredOn(c -> "DisruptionTarget".equals(c.getType()))
                    .singleElement().satisfies(c -> {
                        assertThat(c.getStatus()).isEqualTo("True");
                        assertThat(c.getReason()).isEqualTo("DeletionByTaintManager");
                        assertThat(c.getMessage()).isEqualTo("Taint manager: deleting due to NoExecute taint");
                    });
            assertThat(evicted.getStatus().getConditions()).filteredOn(c -> "Ready".equals(c.getType()))
                    .extracting(PodCondition::getStatus).as("MarkPodsNotReady").containsExactly("False");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(events("TaintManagerEviction", "web")).extracting(Event::getMessage).contains("Marking for deletion Pod " + ns + "/web");
            assertThat(events("NodeNotReady", "web")).extracting(Event::getMessage).contains("Node is not ready");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> hasTaint(node(name), "node.kubernetes.io/unreachable", "NoSchedule"));

        // the kubelet comes back: Ready again, the NoExecute and NoSchedule taints go
        alive.add(name);
        String hb = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Node back = node(name);
        back.getStatus().getConditions().forEach(c -> {
            c.setStatus(c.getType().equals("Ready") ? "True" : "False");
            c.setLastHeartbeatTime(hb);
            c.setLastTransitionTime(hb);
        });
        client.nodes().resource(back).updateStatus();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Node n = node(name);
            return !hasTaint(n, "node.kubernetes.io/unreachable", "NoExecute") && !hasTaint(n, "node.kubernetes.io/unreachable", "NoSchedule");
        });
    }

    @Test
    void aPodNotToleratingANoExecuteTaintOfItsNodeIsDeletedAtOnce() {
        String name = "tainted-" + suffix();
        registerNode(name, List.of(new TaintBuilder().withKey("example.com/evict").withEffect("NoExecute").build()));

        long start = System.nanoTime();
        // no kubelet status here: the eviction may well beat it
        podOn("victim", name, null, false);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> deletedOrTerminating("victim"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("at once").isLessThan(5_000L);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(events("TaintManagerEviction", "victim")).extracting(Event::getMessage)
                        .containsExactly("Marking for deletion Pod " + ns + "/victim"));
    }

    @Test
    void newNodesGetDistinctPodCidrs() {
        List<String> names = List.of("ipam-a-" + suffix(), "ipam-b-" + suffix(), "ipam-c-" + suffix());
        for (String n : names) {
            registerNode(n, List.of());
        }
        Set<String> cidrs = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            cidrs.clear();
            for (String n : names) {
                Node node = node(n);
                assertThat(node.getSpec().getPodCIDR()).as(n).isNotNull();
                assertThat(node.getSpec().getPodCIDRs()).containsExactly(node.getSpec().getPodCIDR());
                cidrs.add(node.getSpec().getPodCIDR());
            }
        });
        assertThat(cidrs).hasSize(3).allMatch(c -> c.matches("10\\.244\\.\\d{1,3}\\.0/24"));
    }
}
