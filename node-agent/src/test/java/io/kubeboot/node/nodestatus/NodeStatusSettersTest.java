package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.node.server.ScriptedContainerRuntime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every status field the kubelet owns, from settings, host and a scripted runtime. */
class NodeStatusSettersTest {
    static final HostInfo HOST = new HostInfo("mid", "uuid", "boot", "5.15.0", "Debian GNU/Linux 12 (bookworm)", 4, 8589934592L);
    static final NodeStatusSettings SETTINGS = new NodeStatusSettings("n1", "127.0.0.3", 10251, Map.of(), null, null, 110,
            "/tmp/kubelet", Duration.ofSeconds(10), Duration.ofMinutes(5));
    static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123Z");

    @Test
    void setsAddressesCapacityInfoEndpointsImagesAndConditions() {
        ScriptedContainerRuntime runtime = new ScriptedContainerRuntime().version("docker://20.10.24")
                .image("sha256:a", 1000, "busybox:latest");
        NodeStatusSetters setters = new NodeStatusSetters(SETTINGS, HOST, runtime, () -> 1073741824L, NodeEventSink.NONE);
        Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build();
        setters.apply(node, NOW);

        var s = node.getStatus();
        assertThat(s.getAddresses()).containsExactly(new NodeAddress("127.0.0.3", "InternalIP"), new NodeAddress("n1", "Hostname"));
        assertThat(s.getCapacity()).containsEntry("cpu", new Quantity("4")).containsEntry("memory", new Quantity("8Gi"))
                .containsEntry("pods", new Quantity("110")).containsEntry("ephemeral-storage", new Quantity("1Gi"))
                .containsEntry("hugepages-1Gi", new Quantity("0")).containsEntry("hugepages-2Mi", new Quantity("0"));
        assertThat(s.getAllocatable()).containsEntry("memory", new Quantity("8092Mi"));
        var info = s.getNodeInfo();
        assertThat(List.of(info.getMachineID(), info.getSystemUUID(), info.getBootID(), info.getKernelVersion(),
                info.getOsImage(), info.getContainerRuntimeVersion(), info.getKubeletVersion(), info.getKubeProxyVersion(),
                info.getOperatingSystem(), info.getArchitecture()))
                .containsExactly("mid", "uuid", "boot", "5.15.0", "Debian GNU/Linux 12 (bookworm)", "docker://20.10.24",
                        "v1.32.0-kubeboot", "v1.32.0-kubeboot", "linux", "amd64");
        assertThat(s.getDaemonEndpoints().getKubeletEndpoint().getPort()).isEqualTo(10251);
        assertThat(s.getImages()).hasSize(1);
        assertThat(s.getImages().get(0).getNames()).containsExactly("busybox:latest");
        assertThat(s.getConditions()).extracting(NodeCondition::getType)
                .containsExactly("MemoryPressure", "DiskPressure", "PIDPressure", "Ready");
        NodeCondition ready = s.getConditions().get(3);
        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getLastHeartbeatTime()).isEqualTo("2024-05-06T07:08:09Z");
    }

    @Test
    void aSilentRuntimeMakesTheNodeNotReadyAndKeepsTheLastKnownVersionAndImages() {
        ScriptedContainerRuntime runtime = new ScriptedContainerRuntime().image("sha256:a", 1000, "busybox:latest");
        NodeStatusSetters setters = new NodeStatusSetters(SETTINGS, HOST, runtime, () -> 0, NodeEventSink.NONE);
        Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build();
        setters.apply(node, NOW);
        runtime.down(true);
        setters.apply(node, NOW.plusSeconds(10));
        NodeCondition ready = node.getStatus().getConditions().get(3);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("KubeletNotReady");
        assertThat(ready.getMessage()).isEqualTo("container runtime is down");
        assertThat(ready.getLastTransitionTime()).isEqualTo("2024-05-06T07:08:19Z");
        assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion()).isEqualTo("docker://20.10.24");
        assertThat(node.getStatus().getImages()).hasSize(1);
    }

    @Test
    void extendedResourcesOthersPublishAreKept() {
        NodeStatusSetters setters = new NodeStatusSetters(SETTINGS, HOST, new ScriptedContainerRuntime(), () -> 0, NodeEventSink.NONE);
        Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata()
                .withNewStatus().addToCapacity("example.com/gpu", new Quantity("2")).endStatus().build();
        setters.apply(node, NOW);
        assertThat(node.getStatus().getCapacity()).containsEntry("example.com/gpu", new Quantity("2")).containsKey("cpu");
    }
}
