package io.kubeboot.node.kubelet.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.node.kubelet.Fixtures.pod;
import static io.kubeboot.node.kubelet.status.StatusFixtures.ready;
import static io.kubeboot.node.kubelet.status.StatusFixtures.terminated;
import static org.assertj.core.api.Assertions.assertThat;

/** Upstream's TestGenerateContainersReadyCondition, TestGeneratePodReadyCondition and TestGeneratePodInitializedCondition. */
class PodConditionsTest {
    record Expect(String status, String reason, String message) {
    }

    record Case(String name, Pod pod, List<PodCondition> conditions, List<ContainerStatus> statuses, String phase, Expect expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Pod withGates(String... gates) {
        return new PodBuilder(pod("Always", "1234")).editSpec()
                .withReadinessGates(Stream.of(gates).map(PodReadinessGate::new).toList()).endSpec().build();
    }

    static PodCondition cond(String type, String status) {
        return PodConditions.condition(type, status, null, null);
    }

    static Stream<Case> containersReady() {
        return Stream.of(
                new Case("nil statuses", pod("Always"), null, null, "Running", new Expect("False", "UnknownContainerStatuses", null)),
                new Case("no containers", pod("Always"), null, List.of(), "Running", new Expect("True", null, null)),
                new Case("unknown container", pod("Always", "1234"), null, List.of(), "Running",
                        new Expect("False", "ContainersNotReady", "containers with unknown status: [1234]")),
                new Case("all ready", pod("Always", "1234", "5678"), null, List.of(ready("1234", true), ready("5678", true)), "Running",
                        new Expect("True", null, null)),
                new Case("one unknown", pod("Always", "1234", "5678"), null, List.of(ready("1234", true)), "Running",
                        new Expect("False", "ContainersNotReady", "containers with unknown status: [5678]")),
                new Case("one unready", pod("Always", "1234", "5678"), null, List.of(ready("1234", true), ready("5678", false)), "Running",
                        new Expect("False", "ContainersNotReady", "containers with unready status: [5678]")),
                new Case("unknown and unready", pod("Always", "1234", "5678", "9012"), null, List.of(ready("1234", false)), "Running",
                        new Expect("False", "ContainersNotReady", "containers with unknown status: [5678 9012], containers with unready status: [1234]")),
                new Case("succeeded pod", pod("Never", "1234"), null, List.of(ready("1234", false)), "Succeeded",
                        new Expect("False", "PodCompleted", null)),
                new Case("failed pod", pod("Never", "1234"), null, List.of(ready("1234", true)), "Failed",
                        new Expect("False", "PodFailed", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containersReady")
    void containersReadyCondition(Case c) {
        assertCondition(PodConditions.containersReady(c.pod(), c.statuses(), c.phase()), "ContainersReady", c.expected());
    }

    static Stream<Case> readyCases() {
        return Stream.of(
                new Case("containers not ready", pod("Always", "1234"), List.of(), List.of(ready("1234", false)), "Running",
                        new Expect("False", "ContainersNotReady", "containers with unready status: [1234]")),
                new Case("no readiness gates", pod("Always", "1234"), List.of(), List.of(ready("1234", true)), "Running",
                        new Expect("True", null, null)),
                new Case("gate condition missing", withGates("gate1"), List.of(), List.of(ready("1234", true)), "Running",
                        new Expect("False", "ReadinessGatesNotReady", "corresponding condition of pod readiness gate \"gate1\" does not exist.")),
                new Case("gate condition false", withGates("gate1"), List.of(cond("gate1", "False")), List.of(ready("1234", true)), "Running",
                        new Expect("False", "ReadinessGatesNotReady", "the status of pod readiness gate \"gate1\" is not \"True\", but False")),
                new Case("gate condition true", withGates("gate1"), List.of(cond("gate1", "True")), List.of(ready("1234", true)), "Running",
                        new Expect("True", null, null)),
                new Case("second gate missing", withGates("gate1", "gate2"), List.of(cond("gate1", "True")), List.of(ready("1234", true)), "Running",
                        new Expect("False", "ReadinessGatesNotReady", "corresponding condition of pod readiness gate \"gate2\" does not exist.")),
                new Case("second gate false", withGates("gate1", "gate2"), List.of(cond("gate1", "True"), cond("gate2", "False")),
                        List.of(ready("1234", true)), "Running",
                        new Expect("False", "ReadinessGatesNotReady", "the status of pod readiness gate \"gate2\" is not \"True\", but False")),
                new Case("both gates true", withGates("gate1", "gate2"), List.of(cond("gate1", "True"), cond("gate2", "True")),
                        List.of(ready("1234", true)), "Running", new Expect("True", null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readyCases")
    void readyCondition(Case c) {
        assertCondition(PodConditions.ready(c.pod(), c.conditions(), c.statuses(), c.phase()), "Ready", c.expected());
    }

    static ContainerStatus initDone(String name, boolean readyFlag) {
        ContainerStatus s = terminated(name, readyFlag ? 0 : 1);
        s.setReady(readyFlag);
        return s;
    }

    static Stream<Case> initialized() {
        return Stream.of(
                new Case("no init containers", pod("Always", "regular"), null, null, "Running", new Expect("True", null, null)),
                new Case("init container incomplete", pod("Always", List.of("1234"), "regular"), null, List.of(initDone("1234", false)), "Pending",
                        new Expect("False", "ContainersNotInitialized", "containers with incomplete status: [1234]")),
                new Case("all init containers done", pod("Always", List.of("1234", "5678"), "regular"), null,
                        List.of(initDone("1234", true), initDone("5678", true)), "Pending", new Expect("True", null, null)),
                new Case("one init container unknown", pod("Always", List.of("1234", "5678"), "regular"), null,
                        List.of(initDone("1234", true)), "Pending",
                        new Expect("False", "ContainersNotInitialized", "containers with unknown status: [5678]")),
                new Case("unknown and incomplete", pod("Always", List.of("1234", "5678", "9012"), "regular"), null,
                        List.of(initDone("1234", true), initDone("5678", false)), "Pending",
                        new Expect("False", "ContainersNotInitialized", "containers with unknown status: [9012], containers with incomplete status: [5678]")),
                new Case("succeeded pod", pod("Never", List.of("1234"), "regular"), null, List.of(initDone("1234", true)), "Succeeded",
                        new Expect("True", "PodCompleted", null)),
                new Case("a regular container started", pod("Always", List.of("1234"), "regular"), null,
                        List.of(initDone("1234", false), ready("regular", true)), "Running", new Expect("True", null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initialized")
    void initializedCondition(Case c) {
        assertCondition(PodConditions.initialized(c.pod(), c.statuses(), c.phase()), "Initialized", c.expected());
    }

    private static void assertCondition(PodCondition actual, String type, Expect e) {
        assertThat(actual.getType()).isEqualTo(type);
        assertThat(actual.getStatus()).isEqualTo(e.status());
        assertThat(actual.getReason()).isEqualTo(e.reason());
        assertThat(actual.getMessage()).isEqualTo(e.message());
    }
}
