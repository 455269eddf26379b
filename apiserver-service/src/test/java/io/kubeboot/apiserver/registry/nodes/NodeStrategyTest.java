package io.kubeboot.apiserver.registry.nodes;

import io.fabric8.kubernetes.api.model.*;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.apiserver.registry.pods.Expect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.registry.pods.Expect.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** After upstream's {@code TestValidateNode} / {@code TestValidateNodeUpdate}. */
class NodeStrategyTest {
    private final NodeStrategy strategy = new NodeStrategy();

    private Node node(Consumer<Node> c) {
        Node n = new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewSpec().endSpec()
                .withNewStatus().withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"), "pods", new Quantity("110")))
                .endStatus().build();
        c.accept(n);
        strategy.prepareForCreate(n);
        strategy.applyDefaults(n);
        return n;
    }

    @Test
    void keepsStatusAndDefaultsAllocatable() {
        Node n = node(x -> x.getSpec().setPodCIDR("10.244.0.0/24"));
        assertThat(strategy.keepsStatusOnCreate()).isTrue();
        assertThat(n.getStatus().getAllocatable()).containsOnlyKeys("cpu", "memory", "pods");
        assertThat(n.getSpec().getPodCIDRs()).containsExactly("10.244.0.0/24");
        assertThat(strategy.validate(n).list()).isEmpty();
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                arguments("valid", (Consumer<Node>) n -> { }, none()),
                arguments("bad taint key", (Consumer<Node>) n -> n.getSpec().setTaints(List.of(new Taint("NoSchedule", "a/b/c", null, "v"))),
                        of(invalid("metadata.taints[0].key"))),
                arguments("taint without effect", (Consumer<Node>) n -> n.getSpec().setTaints(List.of(new Taint(null, "k", null, "v"))),
                        of(required("metadata.taints[0].effect"))),
                arguments("bad taint effect", (Consumer<Node>) n -> n.getSpec().setTaints(List.of(new Taint("Sometimes", "k", null, "v"))),
                        of(notSupported("metadata.taints[0].effect"))),
                arguments("duplicate taint", (Consumer<Node>) n -> n.getSpec().setTaints(List.of(new Taint("NoSchedule", "k", null, "a"),
                        new Taint("NoSchedule", "k", null, "b"))), of(duplicate("metadata.taints[1]"))),
                arguments("same key other effect", (Consumer<Node>) n -> n.getSpec().setTaints(List.of(new Taint("NoSchedule", "k", null, "a"),
                        new Taint("NoExecute", "k", null, "b"))), none()),
                arguments("negative capacity", (Consumer<Node>) n -> n.getStatus().setCapacity(Map.of("cpu", new Quantity("-1"))),
                        of(invalid("status.capacity.cpu"), invalid("status.allocatable.cpu"))),
                arguments("bad pod CIDR", (Consumer<Node>) n -> n.getSpec().setPodCIDRs(List.of("10.244.0.0")),
                        of(invalid("spec.podCIDRs[0]"))),
                arguments("two IPv4 pod CIDRs", (Consumer<Node>) n -> n.getSpec().setPodCIDRs(List.of("10.244.0.0/24", "10.245.0.0/24")),
                        of(invalid("spec.podCIDRs"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createCases")
    void validatesCreate(String name, Consumer<Node> mutate, List<Expect> expected) {
        assertErrors(strategy.validate(node(mutate)), expected);
    }

    @Test
    void duplicateTaintMessage() {
        Node n = node(x -> x.getSpec().setTaints(List.of(new Taint("NoSchedule", "k", null, "a"), new Taint("NoSchedule", "k", null, "b"))));
        assertThat(strategy.validate(n).list()).extracting(FieldError::toString).containsExactly(
                "metadata.taints[1]: Duplicate value: core.Taint{Key:\"k\", Value:\"b\", Effect:\"NoSchedule\", TimeAdded:<nil>}: "
                        + "taints must be unique by key and effect pair");
    }

    @Test
    void podCidrsAndProviderIdAreFixedOnceSet() {
        Node old = node(x -> {
            x.getSpec().setPodCIDRs(List.of("10.244.0.0/24"));
            x.getSpec().setProviderID("kind://docker/kind/node-1");
        });
        Node n = new NodeBuilder(old).build();
        n.getSpec().setPodCIDRs(List.of("10.244.1.0/24"));
        n.getSpec().setPodCIDR("10.244.1.0/24");
        n.getSpec().setProviderID("other");
        assertErrors(strategy.validateUpdate(n, old), of(forbidden("spec.podCIDRs"), forbidden("spec.providerID")));
        Node unschedulable = new NodeBuilder(old).editSpec().withUnschedulable(true).endSpec().build();
        assertErrors(strategy.validateUpdate(unschedulable, old), none());
    }

    @Test
    void statusAddressesMustBeUnique() {
        Node old = node(x -> { });
        Node n = new NodeBuilder(old).build();
        n.getStatus().setAddresses(List.of(new NodeAddress("10.0.0.1", "InternalIP"), new NodeAddress("10.0.0.1", "InternalIP")));
        assertErrors(strategy.validateStatusUpdate(n, old), of(duplicate("status.addresses[1]")));
    }
}
