package io.kubeboot.scheduler.informers;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.scheduler.framework.ClusterEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** After upstream eventhandlers_test.go TestNodeSchedulingPropertiesChange. */
class NodeChangeEventsTest {

    private static Node base() {
        return new NodeBuilder().withNewMetadata().withName("node1").withLabels(Map.of("zone", "a"))
                .withAnnotations(Map.of("note", "x")).withResourceVersion("1").endMetadata()
                .withNewSpec().addNewTaint().withKey("k").withValue("v").withEffect("NoSchedule").endTaint().endSpec()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("4")))
                .addNewCondition().withType("Ready").withStatus("True").withLastHeartbeatTime("2025-01-01T00:00:00Z").endCondition()
                .endStatus().build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no specific change applied", (UnaryOperator<Node>) n -> new NodeBuilder(n).editMetadata()
                        .withResourceVersion("2").endMetadata().build(), 0),
                Arguments.of("only node spec unschedulable changed", (UnaryOperator<Node>) n -> new NodeBuilder(n).editSpec()
                        .withUnschedulable(true).endSpec().build(), ClusterEvent.UPDATE_NODE_TAINT),
                Arguments.of("only node allocatable changed", (UnaryOperator<Node>) n -> new NodeBuilder(n).editStatus()
                        .withAllocatable(Map.of("cpu", new Quantity("8"))).endStatus().build(), ClusterEvent.UPDATE_NODE_ALLOCATABLE),
                Arguments.of("only node label changed", (UnaryOperator<Node>) n -> new NodeBuilder(n).editMetadata()
                        .withLabels(Map.of("zone", "b")).endMetadata().build(), ClusterEvent.UPDATE_NODE_LABEL),
                Arguments.of("only node annotation changed", (UnaryOperator<Node>) n -> new NodeBuilder(n).editMetadata()
                        .withAnnotations(Map.of("note", "y")).endMetadata().build(), ClusterEvent.UPDATE_NODE_ANNOTATION),
                Arguments.of("only node taint changed", (UnaryOperator<Node>) n -> new NodeBuilder(n).editSpec()
                        .withTaints().endSpec().build(), ClusterEvent.UPDATE_NODE_TAINT),
                Arguments.of("taint and label changed", (UnaryOperator<Node>) n -> new NodeBuilder(n).editSpec().withTaints().endSpec()
                        .editMetadata().withLabels(Map.of()).endMetadata().build(),
                        ClusterEvent.UPDATE_NODE_TAINT | ClusterEvent.UPDATE_NODE_LABEL),
                Arguments.of("only node condition status changed", (UnaryOperator<Node>) n -> new NodeBuilder(n).editStatus()
                        .editFirstCondition().withStatus("False").endCondition().endStatus().build(), ClusterEvent.UPDATE_NODE_CONDITION),
                Arguments.of("only the heartbeat of a condition changed", (UnaryOperator<Node>) n -> new NodeBuilder(n).editStatus()
                        .editFirstCondition().withLastHeartbeatTime("2025-01-01T00:01:00Z").endCondition().endStatus().build(), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void actions(String name, UnaryOperator<Node> change, int want) {
        Node old = base();
        assertThat(NodeChangeEvents.actions(old, change.apply(old))).isEqualTo(want);
    }
}
