package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.nodelifecycle.NodeLifecycleController;
import io.kubeboot.controller.nodelifecycle.NodeLifecycleProperties;
import io.kubeboot.controller.replicaset.ReplicaSetController;
import io.kubeboot.controller.tainteviction.TaintEvictionController;
import io.kubeboot.testkit.ApiServerProcess;
import io.kubeboot.testkit.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4's node failure end to end: a node whose kubelet dies goes Ready=Unknown, is tainted unreachable, its pods
 * are evicted after their tolerationSeconds and the ReplicaSet's replacements are scheduled onto the surviving node
 * and become Ready. The node lifecycle, taint eviction and ReplicaSet controllers run in-process; the scheduler is the
 * real scheduler-service jar as its own JVM; the test plays the kubelets (Lease renewals, pod status).
 *
 * <p>Isolation from whatever else the shared apiserver holds: the test's nodes carry their own zone (stale dead nodes
 * of other tests cannot make it look disrupted, which would stop tainting) and their own NoSchedule taint that only
 * the test's pods tolerate (stray pending pods of other tests cannot land on them).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NodeFailureReplacementIT {
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long TOLERATION_SECONDS = 2;
    private static final String LEASE_NS = "kube-node-lease";
    private static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    private static final String POOL = "node-replace.kubeboot.io/pool";
    private static final String DEDICATED = "node-replace.kubeboot.io/dedicated";
    private static final Map<String, String> APP = Map.of("app", "web");

    private static KubernetesClient client;
    private static ItSupport.Manager manager;
    private static Scheduler scheduler;
    private static ScheduledExecutorService kubeletLoop;
    /** The nodes whose kubelet is alive: their Leases are renewed and pods bound to them are reported Ready. */
    private static final Set<String> alive = ConcurrentHashMap.newKeySet();
    /** The namespace whose pods the kubelets report on; null between tests. */
    private static volatile String kubeletNamespace;

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final List<String> nodes = new ArrayList<>();
    private String ns;

    @BeforeAll
    static void start() {
        client = ItSupport.client();
        ItSupport.ensureNamespace(client, LEASE_NS);
        NodeLifecycleProperties lifecycle = new NodeLifecycleProperties();
        lifecycle.setNodeMonitorPeriod(Duration.ofMillis(500));
        lifecycle.setNodeMonitorGracePeriod(GRACE);
        lifecycle.setNodeStartupGracePeriod(Duration.ofSeconds(10));
        manager = new ItSupport.Manager("kcm-node-replace-it", List.of(NodeLifecycleController.descriptor(lifecycle),
                TaintEvictionController.descriptor(), ReplicaSetController.descriptor()));
        scheduler = new Scheduler(ApiServerProcess.get().url());
        await().atMost(WAIT).until(manager.manager::isLeader);
        await().atMost(Duration.ofSeconds(90)).until(scheduler::healthy);
        kubeletLoop = Executors.newSingleThreadScheduledExecutor();
        kubeletLoop.scheduleWithFixedDelay(NodeFailureReplacementIT::kubelets, 0, 300, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (kubeletLoop != null) {
            kubeletLoop.shutdownNow();
        }
        if (scheduler != null) {
            scheduler.close();
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
        ns = ItSupport.createNamespace(client, "replace");
        kubeletNamespace = ns;
    }

    @AfterEach
    void removeNodes() {
        kubeletNamespace = null;
        for (String n : nodes) {
            alive.remove(n);
            client.nodes().withName(n).delete();
            client.resources(Lease.class).inNamespace(LEASE_NS).withName(n).delete();
        }
    }

    @Test
    void podsOfAnUnreachableNodeAreEvictedAfterTheirTolerationSecondsAndReplacedOnTheLiveNode() {
        String a = "replace-a-" + suffix;
        String b = "replace-b-" + suffix;
        registerNode(a, Map.of(POOL, suffix));
        registerNode(b, Map.of());

        // only node A is in the pool: both replicas land there
        client.apps().replicaSets().inNamespace(ns).resource(replicaSet()).create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(livePods())
                .hasSize(2).allSatisfy(p -> {
                    assertThat(p.getSpec().getNodeName()).isEqualTo(a);
                    assertThat(isReady(p)).isTrue();
                }));
        await().atMost(WAIT).until(() -> readyReplicas() == 2);
        Set<String> originals = livePods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());

        // node B joins the pool; nothing moves while A is healthy
        client.nodes().withName(b).edit(n -> new NodeBuilder(n).editMetadata().addToLabels(POOL, suffix).endMetadata().build());
        assertThat(client.nodes().withName(b).get().getMetadata().getLabels()).containsEntry(POOL, suffix);

        // node A's kubelet dies: its Lease is no longer renewed
        alive.remove(a);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            NodeCondition ready = readyCondition(client.nodes().withName(a).get());
            assertThat(ready.getStatus()).isEqualTo("Unknown");
            assertThat(ready.getReason()).isEqualTo("NodeStatusUnknown");
        });
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> hasTaint(client.nodes().withName(a).get(), UNREACHABLE, "NoExecute"));
        long tainted = System.nanoTime();
        assertThat(readyCondition(client.nodes().withName(b).get()).getStatus()).as("B keeps renewing").isEqualTo("True");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> originals.stream().allMatch(this::deletedOrTerminating));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tainted);
        assertThat(waited).as("evicted about tolerationSeconds after the taint, not at once")
                .isBetween(TOLERATION_SECONDS * 1000 / 2, 15_000L);

        // the ReplicaSet replaces them; the scheduler binds the replacements to B, whose kubelet reports them Ready
        await().atMost(WAIT).untilAsserted(() -> {
            List<Pod> live = livePods();
            assertThat(live).hasSize(2).allSatisfy(p -> {
                assertThat(p.getMetadata().getName()).isNotIn(originals);
                assertThat(p.getSpec().getNodeName()).isEqualTo(b);
                assertThat(isReady(p)).isTrue();
            });
            assertThat(readyReplicas()).isEqualTo(2);
        });
        assertThat(hasTaint(client.nodes().withName(b).get(), UNREACHABLE, "NoExecute")).isFalse();
    }

    // ------------------------------------------------------------------ fixtures

    private ReplicaSet replicaSet() {
        return new ReplicaSetBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(APP).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(APP).endMetadata()
                .withNewSpec().withNodeSelector(Map.of(POOL, suffix))
                .addNewToleration().withKey(DEDICATED).withOperator("Equal").withValue(suffix).withEffect("NoSchedule").endToleration()
                .addNewToleration().withKey(UNREACHABLE).withOperator("Exists").withEffect("NoExecute")
                .withTolerationSeconds(TOLERATION_SECONDS).endToleration()
                .addNewContainer().withName("c").withImage("nginx").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    /** Registers a Ready node with capacity (the scheduler's fit checks need it) and its Lease, renewed from now on. */
    private void registerNode(String name, Map<String, String> extraLabels) {
        String hb = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> labels = new HashMap<>(extraLabels);
        labels.put("kubernetes.io/hostname", name);
        labels.put("topology.kubernetes.io/zone", "replace-" + suffix);
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"), "pods", new Quantity("110"));
        Node node = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewTaint().withKey(DEDICATED).withValue(suffix).withEffect("NoSchedule").endTaint().endSpec()
                .withNewStatus().withCapacity(capacity).withAllocatable(capacity)
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastHeartbeatTime(hb).withLastTransitionTime(hb).endCondition()
                .endStatus().build();
        nodes.add(name);
        Node created = client.nodes().resource(node).create();
        if (created.getStatus() == null || created.getStatus().getAllocatable() == null || created.getStatus().getAllocatable().isEmpty()) {
            created.setStatus(node.getStatus());
            client.nodes().resource(created).updateStatus();
        }
        client.resources(Lease.class).inNamespace(LEASE_NS).resource(new LeaseBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(40).withRenewTime(now()).endSpec().build()).create();
        alive.add(name);
    }

    // ------------------------------------------------------------------ the kubelets

    /** One round of every live kubelet: renew its Lease, report its bound pods Running and Ready. */
    private static void kubelets() {
        for (String name : alive) {
            try {
                Lease l = client.resources(Lease.class).inNamespace(LEASE_NS).withName(name).get();
                if (l != null) {
                    l.getSpec().setRenewTime(now());
                    client.resources(Lease.class).inNamespace(LEASE_NS).resource(l).update();
                }
            } catch (RuntimeException e) {
                // a conflict or a hiccup: the next round comes in 300 ms
            }
        }
        String namespace = kubeletNamespace;
        if (namespace == null) {
            return;
        }
        try {
            for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
                if (p.getSpec().getNodeName() != null && alive.contains(p.getSpec().getNodeName())
                        && p.getMetadata().getDeletionTimestamp() == null && !isReady(p)) {
                    markReady(p);
                }
            }
        } catch (RuntimeException e) {
            // as above
        }
    }

    private static void markReady(Pod cur) {
        String t = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Pod ready = new PodBuilder(cur).editOrNewStatus().withPhase("Running").withStartTime(t).withConditions(
                new PodConditionBuilder().withType("Initialized").withStatus("True").withLastTransitionTime(t).build(),
                new PodConditionBuilder().withType("Ready").withStatus("True").withLastTransitionTime(t).build(),
                new PodConditionBuilder().withType("ContainersReady").withStatus("True").withLastTransitionTime(t).build(),
                new PodConditionBuilder().withType("PodScheduled").withStatus("True").withLastTransitionTime(t).build())
                .endStatus().build();
        client.pods().inNamespace(cur.getMetadata().getNamespace()).resource(ready).updateStatus();
    }

    // ------------------------------------------------------------------ reads

    private List<Pod> livePods() {
        return client.pods().inNamespace(ns).withLabels(APP).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private int readyReplicas() {
        ReplicaSet rs = client.apps().replicaSets().inNamespace(ns).withName("web").get();
        return rs == null || rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0 : rs.getStatus().getReadyReplicas();
    }

    private boolean deletedOrTerminating(String pod) {
        Pod p = client.pods().inNamespace(ns).withName(pod).get();
        return p == null || p.getMetadata().getDeletionTimestamp() != null;
    }

    private static boolean isReady(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static NodeCondition readyCondition(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
    }

    private static boolean hasTaint(Node node, String key, String effect) {
        List<Taint> taints = node.getSpec().getTaints();
        return taints != null && taints.stream().anyMatch(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
    }

    private static ZonedDateTime now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    }

    /**
     * The real scheduler: the scheduler-service jar (a test-scoped dependency, so the reactor builds it first) as its
     * own JVM, leader election off. Log in {@code target/scheduler-node-replace-it.log}.
     */
    private static final class Scheduler implements AutoCloseable {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final Process process;
        private final int port = Ports.free();

        Scheduler(String apiserverUrl) {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                    "-jar", jar(), "--server.port=" + port, "--kubeboot.scheduler.apiserver-url=" + apiserverUrl,
                    "--kubeboot.scheduler.leader-election.enabled=false");
            try {
                process = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(Path.of("target", "scheduler-node-replace-it.log").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        }

        private static String jar() {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (entry.contains("scheduler-service") && entry.endsWith(".jar")) {
                    return entry;
                }
            }
            throw new IllegalStateException("the scheduler-service jar is not on the test class path; run the ITs with mvn verify");
        }

        boolean healthy() {
            if (!process.isAlive()) {
                throw new IllegalStateException("the scheduler exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && "ok".equals(r.body());
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
