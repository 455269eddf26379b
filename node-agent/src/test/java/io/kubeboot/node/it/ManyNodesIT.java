package io.kubeboot.node.it;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.node.nodelease.NodeLeaseController;
import io.kubeboot.node.nodestatus.HostInfo;
import io.kubeboot.node.nodestatus.NodeEventSink;
import io.kubeboot.node.nodestatus.NodeStatusSettings;
import io.kubeboot.node.nodestatus.NodeStatusUpdater;
import io.kubeboot.node.server.ScriptedContainerRuntime;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import io.kubeboot.testkit.ApiServerProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many nodes in one process, as the simulated runtime's scale benchmark plays them: one status updater and one
 * lease controller per node over one client and one scheduler with 4 threads (no thread per node), and renewals
 * spread over the interval rather than bunched.
 */
class ManyNodesIT {
    static final int NODES = 300;

    @Test
    void manyNodesShareFewThreadsAndSpreadTheirRenewals() {
        String prefix = "many-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "many-nodes-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, factory);
        KubernetesClient client = KubeClients.create(ClientSettings.defaults().withMasterUrl(ApiServerProcess.get().url())
                .withRateLimit(-1, 0));
        ScriptedContainerRuntime runtime = new ScriptedContainerRuntime();
        HostInfo host = HostInfo.read();
        List<AutoCloseable> running = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                String name = prefix + i;
                NodeStatusUpdater u = new NodeStatusUpdater(client, runtime, new NodeStatusSettings(name, "127.0.0.1", 10250,
                        Map.of(), "1", "1Gi", 10, System.getProperty("java.io.tmpdir"), Duration.ofSeconds(4),
                        Duration.ofMinutes(5)), host, executor, NodeEventSink.NONE);
                NodeLeaseController l = new NodeLeaseController(client, name, 16, executor);
                u.start();
                l.start();
                running.add(u);
                running.add(l);
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    client.leases().inNamespace(NodeLeaseController.NAMESPACE).list().getItems().stream()
                            .filter(x -> x.getMetadata().getName().startsWith(prefix)).count() == NODES);
            assertThat(threads.get()).as("threads of the shared scheduler").isLessThanOrEqualTo(4);
            List<Node> nodes = client.nodes().list().getItems().stream()
                    .filter(n -> n.getMetadata().getName().startsWith(prefix)).toList();
            assertThat(nodes).hasSize(NODES);
            // let every lease renew at least once after the first (jittered) interval of 4 s
            Instant start = Instant.now();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    renewTimes(client, prefix).stream().allMatch(t -> t.isAfter(start)));
            List<Instant> renewals = renewTimes(client, prefix);
            // spread: renewals fall into many 100 ms slots of the 4 s interval and no slot holds a crowd (started
            // together without jitter, all 300 would share a handful of slots)
            java.util.Map<Long, Long> slots = new java.util.TreeMap<>();
            renewals.forEach(t -> slots.merge((t.toEpochMilli() % 4000) / 100, 1L, Long::sum));
            assertThat(slots.size()).as("distinct 100 ms slots of the renew interval: " + slots).isGreaterThanOrEqualTo(20);
            assertThat(slots.values().stream().mapToLong(Long::longValue).max().orElseThrow())
                    .as("renewals in the busiest 100 ms slot: " + slots).isLessThan(NODES * 15 / 100);
        } finally {
            for (AutoCloseable c : running) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
            executor.shutdownNow();
            client.nodes().list().getItems().stream().filter(n -> n.getMetadata().getName().startsWith(prefix))
                    .forEach(n -> client.nodes().withName(n.getMetadata().getName()).delete());
            client.leases().inNamespace(NodeLeaseController.NAMESPACE).list().getItems().stream()
                    .filter(x -> x.getMetadata().getName().startsWith(prefix))
                    .forEach(x -> client.leases().inNamespace(NodeLeaseController.NAMESPACE).withName(x.getMetadata().getName()).delete());
            client.close();
        }
    }

    private static List<Instant> renewTimes(KubernetesClient client, String prefix) {
        return client.leases().inNamespace(NodeLeaseController.NAMESPACE).list().getItems().stream()
                .filter(x -> x.getMetadata().getName().startsWith(prefix))
                .map(Lease::getSpec).map(s -> s.getRenewTime().toInstant()).toList();
    }
}
