package io.kubeboot.node.it;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeboot.node.nodelease.NodeLeaseController;
import io.kubeboot.node.nodestatus.HostInfo;
import io.kubeboot.node.nodestatus.NodeEventSink;
import io.kubeboot.node.nodestatus.NodeStatusSettings;
import io.kubeboot.node.nodestatus.NodeStatusUpdater;
import io.kubeboot.node.server.ScriptedContainerRuntime;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import io.kubeboot.testkit.ApiServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Node registration, status and Lease against the real apiserver, with a scripted runtime and short periods:
 * what {@code kubectl get node -o yaml} shows of a kubelet's node, Ready following the runtime, writes only on
 * change, the pod CIDR learned from the Node, and the Lease owned by the Node.
 */
class NodeStatusIT {
    KubernetesClient client;
    ScheduledExecutorService executor;
    ScriptedContainerRuntime runtime;
    String name;
    NodeStatusUpdater updater;
    NodeLeaseController lease;

    @BeforeEach
    void setUp() {
        client = KubeClients.create(ClientSettings.defaults().withMasterUrl(ApiServerProcess.get().url()).withRateLimit(-1, 0));
        executor = Executors.newScheduledThreadPool(2);
        runtime = new ScriptedContainerRuntime().image("sha256:p", 700_000, "registry.k8s.io/pause:3.10")
                .image("sha256:b", 1_400_000, "busybox:latest", "busybox:1.28");
        name = "status-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        if (updater != null) {
            updater.close();
        }
        if (lease != null) {
            lease.close();
        }
        executor.shutdownNow();
        client.nodes().withName(name).delete();
        client.leases().inNamespace(NodeLeaseController.NAMESPACE).withName(name).delete();
        client.close();
    }

    private NodeStatusSettings settings(Duration report) {
        return new NodeStatusSettings(name, "127.0.0.1", 10299, Map.of("example.com/team", "blue"), "2", "4Gi", 50,
                System.getProperty("java.io.tmpdir"), Duration.ofMillis(500), report);
    }

    private void start(Duration report) {
        updater = new NodeStatusUpdater(client, runtime, settings(report), HostInfo.read(), executor, NodeEventSink.NONE);
        updater.start();
        lease = new NodeLeaseController(client, name, 4, executor);
        lease.start();
    }

    private static Optional<NodeCondition> condition(Node n, String type) {
        return n.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst();
    }

    @Test
    void registersTheNodeWithItsStatusAndRenewsItsLease() {
        start(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(20)).until(() -> client.nodes().withName(name).get() != null);
        Node node = client.nodes().withName(name).get();
        assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", name)
                .containsEntry("kubernetes.io/os", "linux").containsEntry("kubernetes.io/arch", "amd64")
                .containsEntry("beta.kubernetes.io/os", "linux").containsEntry("beta.kubernetes.io/arch", "amd64")
                .containsEntry("example.com/team", "blue");
        assertThat(node.getStatus().getAddresses()).extracting(a -> a.getType() + "=" + a.getAddress())
                .containsExactly("InternalIP=127.0.0.1", "Hostname=" + name);
        assertThat(node.getStatus().getCapacity()).containsKeys("cpu", "memory", "pods", "ephemeral-storage",
                "hugepages-1Gi", "hugepages-2Mi");
        assertThat(node.getStatus().getCapacity().get("cpu").toString()).isEqualTo("2");
        assertThat(node.getStatus().getAllocatable().get("memory").toString()).isEqualTo("3996Mi");
        assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion()).isEqualTo("docker://20.10.24");
        assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.32.0-kubeboot");
        assertThat(node.getStatus().getNodeInfo().getKernelVersion()).isNotEmpty();
        assertThat(node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort()).isEqualTo(10299);
        assertThat(node.getStatus().getImages()).extracting(i -> i.getNames().get(0)).containsExactly("busybox:latest",
                "registry.k8s.io/pause:3.10");
        assertThat(condition(node, "Ready")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("KubeletReady");
        });
        assertThat(condition(node, "MemoryPressure").orElseThrow().getStatus()).isEqualTo("False");

        await().atMost(Duration.ofSeconds(20)).until(() -> client.leases().inNamespace(NodeLeaseController.NAMESPACE)
                .withName(name).get() != null);
        Lease l = client.leases().inNamespace(NodeLeaseController.NAMESPACE).withName(name).get();
        assertThat(l.getSpec().getHolderIdentity()).isEqualTo(name);
        assertThat(l.getSpec().getLeaseDurationSeconds()).isEqualTo(4);
        assertThat(l.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getApiVersion()).isEqualTo("v1");
            assertThat(o.getKind()).isEqualTo("Node");
            assertThat(o.getName()).isEqualTo(name);
            assertThat(o.getUid()).isEqualTo(node.getMetadata().getUid());
        });
        ZonedDateTime first = l.getSpec().getRenewTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.leases().inNamespace(NodeLeaseController.NAMESPACE)
                .withName(name).get().getSpec().getRenewTime().isAfter(first));
    }

    @Test
    void readyFollowsTheRuntimeAndUnchangedStatusIsNotRewritten() throws Exception {
        start(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Node n = client.nodes().withName(name).get();
            return n != null && condition(n, "Ready").map(c -> c.getStatus().equals("True")).orElse(false);
        });
        // nothing changes: heartbeats alone are not written until nodeStatusReportFrequency (5 min) passes
        Thread.sleep(1000);
        String rv = client.nodes().withName(name).get().getMetadata().getResourceVersion();
        Thread.sleep(2500);
        assertThat(client.nodes().withName(name).get().getMetadata().getResourceVersion()).isEqualTo(rv);

        runtime.down(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> condition(client.nodes().withName(name).get(), "Ready")
                .map(c -> c.getStatus().equals("False") && c.getMessage().equals("container runtime is down")).orElse(false));
        runtime.down(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> condition(client.nodes().withName(name).get(), "Ready")
                .map(c -> c.getStatus().equals("True")).orElse(false));
    }

    @Test
    void reportFrequencyRewritesHeartbeats() {
        start(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> client.nodes().withName(name).get() != null);
        String beat = condition(client.nodes().withName(name).get(), "Ready").orElseThrow().getLastHeartbeatTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> !condition(client.nodes().withName(name).get(), "Ready")
                .orElseThrow().getLastHeartbeatTime().equals(beat));
    }

    @Test
    void learnsThePodCidrFromTheNode() {
        start(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(20)).until(updater::registered);
        assertThat(updater.podCidr().get()).isEmpty();
        client.nodes().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"podCIDR\":\"10.244.7.0/24\",\"podCIDRs\":[\"10.244.7.0/24\"]}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> updater.podCidr().get().equals(Optional.of("10.244.7.0/24")));
    }

    @Test
    void anExistingNodeIsKeptAndItsLabelsAndAddressesReconciled() {
        Node stale = client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", "old-name").addToLabels("keep", "me").endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress("127.0.0.9").endAddress().endStatus()
                .build()).create();
        start(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Node n = client.nodes().withName(name).get();
            return n.getStatus().getAddresses().stream().anyMatch(a -> a.getAddress().equals("127.0.0.1"));
        });
        Node n = client.nodes().withName(name).get();
        assertThat(n.getMetadata().getUid()).isEqualTo(stale.getMetadata().getUid());
        assertThat(n.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", name).containsEntry("keep", "me")
                .containsEntry("example.com/team", "blue").containsEntry("kubernetes.io/os", "linux");
    }
}
