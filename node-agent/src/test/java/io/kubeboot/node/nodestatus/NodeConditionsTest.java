package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cases of upstream's TestReadyCondition and TestPressureCondition (nodestatus/setters_test.go). */
class NodeConditionsTest {
    static final String BEFORE = "2024-01-01T00:00:00Z";
    static final String NOW = "2024-01-01T00:10:00Z";

    static NodeCondition cond(String type, String status, String reason, String message, String heartbeat, String transition) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(heartbeat).withLastTransitionTime(transition).build();
    }

    static NodeCondition ready(String heartbeat, String transition) {
        return cond("Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat, transition);
    }

    static NodeCondition notReady(String message, String heartbeat, String transition) {
        return cond("Ready", "False", "KubeletNotReady", message, heartbeat, transition);
    }

    static List<NodeCondition> noPressure(String heartbeat, String transition) {
        return List.of(
                cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", heartbeat, transition),
                cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", heartbeat, transition),
                cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", heartbeat, transition));
    }

    static List<NodeCondition> all(List<NodeCondition> pressure, NodeCondition ready) {
        List<NodeCondition> l = new ArrayList<>(pressure);
        l.add(ready);
        return l;
    }

    record Case(String name, List<NodeCondition> before, List<String> errors, List<NodeCondition> expected, List<String> events) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("new, ready", List.of(), List.of(),
                        all(noPressure(NOW, NOW), ready(NOW, NOW)),
                        List.of("NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID")),
                new Case("new, not ready: runtime down", List.of(), List.of(NodeStatusSetters.RUNTIME_DOWN),
                        all(noPressure(NOW, NOW), notReady("container runtime is down", NOW, NOW)),
                        List.of("NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID")),
                new Case("ready stays ready: transition kept, heartbeat moves", all(noPressure(BEFORE, BEFORE), ready(BEFORE, BEFORE)),
                        List.of(), all(noPressure(NOW, BEFORE), ready(NOW, BEFORE)), List.of()),
                new Case("ready to not ready", all(noPressure(BEFORE, BEFORE), ready(BEFORE, BEFORE)),
                        List.of(NodeStatusSetters.RUNTIME_DOWN),
                        all(noPressure(NOW, BEFORE), notReady("container runtime is down", NOW, NOW)), List.of("NodeNotReady")),
                new Case("not ready to ready", all(noPressure(BEFORE, BEFORE), notReady("container runtime is down", BEFORE, BEFORE)),
                        List.of(), all(noPressure(NOW, BEFORE), ready(NOW, NOW)), List.of("NodeReady")),
                new Case("several errors aggregate", List.of(), List.of("a", "b"),
                        all(noPressure(NOW, NOW), notReady("[a, b]", NOW, NOW)),
                        List.of("NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID")),
                new Case("pressure True (set by someone) goes back to False",
                        all(List.of(cond("MemoryPressure", "True", "KubeletHasInsufficientMemory", "x", BEFORE, BEFORE),
                                noPressure(BEFORE, BEFORE).get(1), noPressure(BEFORE, BEFORE).get(2)), ready(BEFORE, BEFORE)),
                        List.of(), all(List.of(noPressure(NOW, NOW).get(0), noPressure(NOW, BEFORE).get(1),
                                noPressure(NOW, BEFORE).get(2)), ready(NOW, BEFORE)), List.of("NodeHasSufficientMemory")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void setsConditions(Case c) {
        List<String> events = new ArrayList<>();
        NodeConditions conditions = new NodeConditions("n1", (type, reason, message) -> {
            assertThat(type).isEqualTo("Normal");
            assertThat(message).isEqualTo("Node n1 status is now: " + reason);
            events.add(reason);
        });
        NodeStatus status = new NodeStatus();
        status.setConditions(new ArrayList<>(c.before().stream().map(x -> new NodeConditionBuilder(x).build()).toList()));
        conditions.apply(status, NOW, c.errors());
        assertThat(status.getConditions()).isEqualTo(c.expected());
        assertThat(events).isEqualTo(c.events());
    }
}
