package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubeboot.controller.util.Taints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** After upstream's TestTaintsNodeByCondition and TestNodeUnschedulable. */
class NoScheduleTaintsTest {
    private static NodeCondition c(String type, String status) {
        return new NodeConditionBuilder().withType(type).withStatus(status).build();
    }

    private static Taint ns(String key) {
        return Taints.taint(key, "NoSchedule");
    }

    private static Node node(boolean unschedulable, List<Taint> taints, NodeCondition... conditions) {
        return new NodeBuilder().withNewMetadata().withName("node0").endMetadata()
                .withNewSpec().withUnschedulable(unschedulable).withTaints(taints).endSpec()
                .withNewStatus().withConditions(conditions).endStatus().build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("NetworkUnavailable is true",
                        node(false, List.of(), c("Ready", "True"), c("NetworkUnavailable", "True")),
                        List.of(ns(Taints.NETWORK_UNAVAILABLE)), List.of()),
                Arguments.of("NetworkUnavailable and MemoryPressure are true",
                        node(false, List.of(), c("Ready", "True"), c("NetworkUnavailable", "True"), c("MemoryPressure", "True")),
                        List.of(ns(Taints.NETWORK_UNAVAILABLE), ns(Taints.MEMORY_PRESSURE)), List.of()),
                Arguments.of("Ready is false", node(false, List.of(), c("Ready", "False")), List.of(ns(Taints.NOT_READY)), List.of()),
                Arguments.of("Ready is unknown", node(false, List.of(), c("Ready", "Unknown")), List.of(ns(Taints.UNREACHABLE)), List.of()),
                Arguments.of("disk and pid pressure",
                        node(false, List.of(), c("Ready", "True"), c("DiskPressure", "True"), c("PIDPressure", "True")),
                        List.of(ns(Taints.DISK_PRESSURE), ns(Taints.PID_PRESSURE)), List.of()),
                Arguments.of("unschedulable", node(true, List.of(), c("Ready", "True")), List.of(ns(Taints.UNSCHEDULABLE)), List.of()),
                Arguments.of("ready again: the condition taint goes, other taints stay",
                        node(false, List.of(ns(Taints.NOT_READY), ns("example.com/custom"), Taints.taint(Taints.NOT_READY, "NoExecute")), c("Ready", "True")),
                        List.of(), List.of(ns(Taints.NOT_READY))),
                Arguments.of("schedulable again", node(false, List.of(ns(Taints.UNSCHEDULABLE)), c("Ready", "True")),
                        List.of(), List.of(ns(Taints.UNSCHEDULABLE))),
                Arguments.of("not ready became unknown: swapped",
                        node(false, List.of(ns(Taints.NOT_READY)), c("Ready", "Unknown")),
                        List.of(ns(Taints.UNREACHABLE)), List.of(ns(Taints.NOT_READY))),
                Arguments.of("in line already", node(false, List.of(ns(Taints.MEMORY_PRESSURE)), c("Ready", "True"), c("MemoryPressure", "True")),
                        List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, Node node, List<Taint> add, List<Taint> remove) {
        Taints.Diff d = NoScheduleTaints.diff(node);
        assertThat(d.toAdd()).containsExactlyInAnyOrderElementsOf(add);
        assertThat(d.toRemove()).containsExactlyInAnyOrderElementsOf(remove);
    }
}
