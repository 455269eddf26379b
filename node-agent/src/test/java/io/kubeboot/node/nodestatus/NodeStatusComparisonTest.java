package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** upstream TestNodeStatusHasChanged (kubelet_node_status_test.go), plus semantic quantity equality. */
class NodeStatusComparisonTest {
    static NodeCondition c(String type, String status, String heartbeat, String transition) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withLastHeartbeatTime(heartbeat)
                .withLastTransitionTime(transition).build();
    }

    static final String T0 = "2024-01-01T00:00:00Z";
    static final String T1 = "2024-01-01T00:00:10Z";
    static final NodeCondition READY = c("Ready", "True", T0, T0);
    static final NodeCondition READY_LATER_HEARTBEAT = c("Ready", "True", T1, T0);
    static final NodeCondition READY_TRANSITIONED = c("Ready", "True", T1, T1);
    static final NodeCondition NOT_READY = c("Ready", "False", T0, T0);
    static final NodeCondition MEMORY = c("MemoryPressure", "False", T0, T0);

    static NodeStatus conditions(NodeCondition... cs) {
        return new NodeStatusBuilder().withConditions(cs).build();
    }

    record Case(String name, NodeStatus original, NodeStatus status, boolean changed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("Node status does not change with nil status.", null, null, false),
                new Case("Node status does not change with default status.", new NodeStatus(), new NodeStatus(), false),
                new Case("Node status changes with nil and default status.", null, new NodeStatus(), true),
                new Case("Node status changes with nil and status.", null, conditions(READY), true),
                new Case("Node status does not change with empty conditions.", conditions(), conditions(), false),
                new Case("Node status does not change", conditions(READY, MEMORY), conditions(READY, MEMORY), false),
                new Case("Node status does not change even if heartbeat time changes.", conditions(READY, MEMORY),
                        conditions(READY_LATER_HEARTBEAT, MEMORY), false),
                new Case("Node status does not change even if the orders of conditions are different.",
                        conditions(READY, MEMORY), conditions(MEMORY, READY_LATER_HEARTBEAT), false),
                new Case("Node status changes if condition status differs.", conditions(READY, MEMORY),
                        conditions(NOT_READY, MEMORY), true),
                new Case("Node status changes if transition time changes.", conditions(READY, MEMORY),
                        conditions(READY_TRANSITIONED, MEMORY), true),
                new Case("Node status changes with different number of conditions.", conditions(READY),
                        conditions(READY, MEMORY), true),
                new Case("Node status changes with different phase.", new NodeStatusBuilder().withPhase("Pending")
                        .withConditions(READY).build(), new NodeStatusBuilder().withPhase("Running").withConditions(READY).build(), true),
                new Case("Quantities compare by value", new NodeStatusBuilder().withCapacity(Map.of("memory", new Quantity("1Gi"))).build(),
                        new NodeStatusBuilder().withCapacity(Map.of("memory", new Quantity("1073741824"))).build(), false),
                new Case("Quantities that differ are a change", new NodeStatusBuilder().withCapacity(Map.of("memory", new Quantity("1Gi"))).build(),
                        new NodeStatusBuilder().withCapacity(Map.of("memory", new Quantity("2Gi"))).build(), true),
                new Case("Addresses differ", new NodeStatusBuilder().addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress().build(),
                        new NodeStatusBuilder().addNewAddress().withType("InternalIP").withAddress("127.0.0.2").endAddress().build(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void detectsChanges(Case c) {
        assertThat(NodeStatusComparison.changed(c.original(), c.status())).isEqualTo(c.changed());
    }

    @org.junit.jupiter.api.Test
    void emptyAndMissingListsAreTheSame() {
        assertThat(NodeStatusComparison.changed(new NodeStatusBuilder().withImages(List.of()).build(), new NodeStatus())).isFalse();
    }
}
