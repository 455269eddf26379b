package io.kubeboot.controller.cloud.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.kubeboot.controller.cloud.provider.InstanceMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases after upstream controllers/node node_controller_test.go (TestNodeInitialized, reconcile labels, addresses). */
class NodeInitializationTest {
    private static Node tainted(String providerId, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName("n1").withLabels(labels).endMetadata()
                .withNewSpec().withProviderID(providerId)
                .addNewTaint().withKey("foo").withValue("bar").withEffect("NoSchedule").endTaint()
                .addNewTaint().withKey(NodeInitialization.UNINITIALIZED_TAINT).withValue("true").withEffect("NoSchedule").endTaint()
                .endSpec().build();
    }

    private static NodeAddress addr(String type, String a) {
        return new NodeAddressBuilder().withType(type).withAddress(a).build();
    }

    private static InstanceMetadata meta(String providerId, String type, String zone, String region, Map<String, String> extra) {
        return new InstanceMetadata(providerId, type, List.of(addr("InternalIP", "127.0.0.1")), zone, region, extra);
    }

    @Test
    void initialisationSetsProviderIdLabelsAndDropsOnlyTheCloudTaintWithoutTouchingTheInput() {
        Node in = tainted(null, Map.of("kubernetes.io/hostname", "n1"));
        Node out = NodeInitialization.initialize(in, meta("kubeboot://n1", "local", "zone-a", "region-1", Map.of()));
        assertThat(out.getSpec().getProviderID()).isEqualTo("kubeboot://n1");
        assertThat(out.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "kubernetes.io/hostname", "n1",
                "node.kubernetes.io/instance-type", "local", "beta.kubernetes.io/instance-type", "local",
                "topology.kubernetes.io/zone", "zone-a", "failure-domain.beta.kubernetes.io/zone", "zone-a",
                "topology.kubernetes.io/region", "region-1", "failure-domain.beta.kubernetes.io/region", "region-1"));
        assertThat(out.getSpec().getTaints()).extracting(t -> t.getKey()).containsExactly("foo");
        assertThat(NodeInitialization.hasCloudTaint(out)).isFalse();
        assertThat(NodeInitialization.hasCloudTaint(in)).as("input unchanged").isTrue();
        assertThat(in.getSpec().getProviderID()).isNull();
        assertThat(in.getMetadata().getLabels()).hasSize(1);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("existing providerID is kept", tainted("aws:///x", Map.of()), meta("kubeboot://n1", "", "", "", Map.of()),
                        "aws:///x", Map.of()),
                Arguments.of("empty metadata sets no labels", tainted("", Map.of()), meta("", "", "", "", Map.of()), "", Map.of()),
                Arguments.of("zone only", tainted("", Map.of()), meta("p", "", "z", "", Map.of()), "p",
                        Map.of("topology.kubernetes.io/zone", "z", "failure-domain.beta.kubernetes.io/zone", "z")),
                Arguments.of("additional labels; conflicting and well-known ones skipped", tainted("", Map.of("team", "a")),
                        meta("p", "", "", "", Map.of("team", "b", "extra", "1", "topology.kubernetes.io/zone", "zz")), "p",
                        Map.of("team", "a", "extra", "1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void initialisationTable(String name, Node in, InstanceMetadata meta, String providerId, Map<String, String> labels) {
        Node out = NodeInitialization.initialize(in, meta);
        assertThat(out.getSpec().getProviderID()).isEqualTo(providerId);
        assertThat(out.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(labels);
        assertThat(NodeInitialization.hasCloudTaint(out)).isFalse();
    }

    static Stream<Arguments> labelCases() {
        return Stream.of(
                Arguments.of(Map.of(), Map.of()),
                Arguments.of(Map.of("failure-domain.beta.kubernetes.io/zone", "a"), Map.of("topology.kubernetes.io/zone", "a")),
                Arguments.of(Map.of("failure-domain.beta.kubernetes.io/zone", "a", "topology.kubernetes.io/zone", "a"), Map.of()),
                Arguments.of(Map.of("failure-domain.beta.kubernetes.io/region", "r", "topology.kubernetes.io/region", "other"),
                        Map.of("topology.kubernetes.io/region", "r")),
                Arguments.of(Map.of("topology.kubernetes.io/zone", "only-ga"), Map.of()),
                Arguments.of(Map.of("beta.kubernetes.io/instance-type", "t"), Map.of("node.kubernetes.io/instance-type", "t")));
    }

    @ParameterizedTest
    @MethodSource("labelCases")
    void reconcilesGaLabelsWithBetaOnes(Map<String, String> labels, Map<String, String> expected) {
        Node n = new NodeBuilder().withNewMetadata().withName("n").withLabels(labels).endMetadata().build();
        assertThat(NodeInitialization.labelsToReconcile(n)).containsExactlyInAnyOrderEntriesOf(expected);
    }

    static Stream<Arguments> addressCases() {
        NodeAddress ip = addr("InternalIP", "127.0.0.1");
        NodeAddress ip2 = addr("InternalIP", "127.0.0.2");
        NodeAddress host = addr("Hostname", "n1");
        return Stream.of(
                Arguments.of("none yet", List.of(), List.of(ip), List.of(ip)),
                Arguments.of("same", List.of(ip), List.of(ip), null),
                Arguments.of("same in other order", List.of(host, ip), List.of(ip, host), null),
                Arguments.of("changed", List.of(ip), List.of(ip2), List.of(ip2)),
                Arguments.of("node's hostname kept when the provider has none", List.of(ip, host), List.of(ip2), List.of(ip2, host)),
                Arguments.of("hostname kept and nothing else changed", List.of(ip, host), List.of(ip), null),
                Arguments.of("provider gave nothing", List.of(ip), List.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addressCases")
    void addressesToWrite(String name, List<NodeAddress> current, List<NodeAddress> fromProvider, List<NodeAddress> expected) {
        Node n = new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewStatus().withAddresses(current).endStatus().build();
        assertThat(NodeInitialization.addressesToWrite(n, fromProvider).orElse(null)).isEqualTo(expected);
    }

    @Test
    void addressesOfATaintedNodeAreNotWritten() {
        assertThat(NodeInitialization.addressesToWrite(tainted("", Map.of()), List.of(addr("InternalIP", "127.0.0.1")))).isEmpty();
    }
}
