package io.kubeboot.node.kubelet.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.node.kubelet.Fixtures.pod;
import static io.kubeboot.node.kubelet.status.StatusFixtures.running;
import static io.kubeboot.node.kubelet.status.StatusFixtures.terminated;
import static io.kubeboot.node.kubelet.status.StatusFixtures.waiting;
import static io.kubeboot.node.kubelet.status.StatusFixtures.waitingAfter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream's TestPodPhaseWithRestartAlways/Never/OnFailure and the init container variants (kubelet_pods_test.go):
 * containers containerA and containerB, init container initContainer. Upstream's "stopped" is exit 0, "failed" -1.
 */
class PodPhasesTest {
    record Case(String test, String policy, boolean withInit, List<ContainerStatus> statuses, boolean podIsTerminal,
                String expected) {
        @Override
        public String toString() {
            return policy + ": " + test;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("waiting", "Always", false, List.of(), false, "Pending"),
                new Case("all running", "Always", false, List.of(running("containerA"), running("containerB")), false, "Running"),
                new Case("all stopped with restart always", "Always", false, List.of(terminated("containerA", 0), terminated("containerB", 0)), false, "Running"),
                new Case("all succeeded with restart always, but the pod is terminal", "Always", false,
                        List.of(terminated("containerA", 0), terminated("containerB", 0)), true, "Succeeded"),
                new Case("all stopped with restart always, but the pod is terminal", "Always", false,
                        List.of(terminated("containerA", -1), terminated("containerB", 0)), true, "Failed"),
                new Case("mixed state #1 with restart always", "Always", false, List.of(running("containerA"), terminated("containerB", 0)), false, "Running"),
                new Case("mixed state #2 with restart always", "Always", false, List.of(running("containerA")), false, "Pending"),
                new Case("mixed state #3 with restart always", "Always", false, List.of(running("containerA"), waiting("containerB")), false, "Pending"),
                new Case("backoff crashloop container with restart always", "Always", false,
                        List.of(running("containerA"), waitingAfter("containerB", 1)), false, "Running"),

                new Case("waiting", "Never", false, List.of(), false, "Pending"),
                new Case("all running with restart never", "Never", false, List.of(running("containerA"), running("containerB")), false, "Running"),
                new Case("all succeeded with restart never", "Never", false, List.of(terminated("containerA", 0), terminated("containerB", 0)), false, "Succeeded"),
                new Case("all failed with restart never", "Never", false, List.of(terminated("containerA", -1), terminated("containerB", -1)), false, "Failed"),
                new Case("mixed state #1 with restart never", "Never", false, List.of(running("containerA"), terminated("containerB", 0)), false, "Running"),
                new Case("mixed state #2 with restart never", "Never", false, List.of(running("containerA")), false, "Pending"),
                new Case("mixed state #3 with restart never", "Never", false, List.of(running("containerA"), waiting("containerB")), false, "Pending"),

                new Case("waiting", "OnFailure", false, List.of(), false, "Pending"),
                new Case("all running with restart onfailure", "OnFailure", false, List.of(running("containerA"), running("containerB")), false, "Running"),
                new Case("all succeeded with restart onfailure", "OnFailure", false, List.of(terminated("containerA", 0), terminated("containerB", 0)), false, "Succeeded"),
                new Case("all failed with restart onfailure", "OnFailure", false, List.of(terminated("containerA", -1), terminated("containerB", -1)), false, "Running"),
                new Case("mixed state #1 with restart onfailure", "OnFailure", false, List.of(running("containerA"), terminated("containerB", 0)), false, "Running"),
                new Case("mixed state #2 with restart onfailure", "OnFailure", false, List.of(running("containerA")), false, "Pending"),
                new Case("mixed state #3 with restart onfailure", "OnFailure", false, List.of(running("containerA"), waiting("containerB")), false, "Pending"),
                new Case("backoff crashloop container with restart onfailure", "OnFailure", false,
                        List.of(running("containerA"), waitingAfter("containerB", 1)), false, "Running"),

                new Case("empty, waiting", "Always", true, List.of(), false, "Pending"),
                new Case("init container running", "Always", true, List.of(running("initContainer")), false, "Pending"),
                new Case("init container terminated non-zero", "Always", true, List.of(terminated("initContainer", -1)), false, "Pending"),
                new Case("init container waiting, terminated zero", "Always", true, List.of(waitingAfter("initContainer", 0)), false, "Pending"),
                new Case("init container waiting, terminated non-zero", "Always", true, List.of(waitingAfter("initContainer", -1)), false, "Pending"),
                new Case("init container waiting, not terminated", "Always", true, List.of(waiting("initContainer")), false, "Pending"),
                new Case("init container succeeded", "Always", true,
                        List.of(terminated("initContainer", 0), running("containerA"), running("containerB")), false, "Running"),
                new Case("init container terminated non-zero", "Never", true, List.of(terminated("initContainer", -1)), false, "Failed"),
                new Case("init container waiting, terminated non-zero", "Never", true, List.of(waitingAfter("initContainer", -1)), false, "Failed"),
                new Case("init container succeeded, containers waiting", "Never", true,
                        List.of(terminated("initContainer", 0), waiting("containerA"), waiting("containerB")), false, "Pending"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void phase(Case c) {
        Pod p = c.withInit() ? pod(c.policy(), List.of("initContainer"), "containerA", "containerB") : pod(c.policy(), "containerA", "containerB");
        assertThat(PodPhases.phase(p, c.statuses(), c.podIsTerminal())).isEqualTo(c.expected());
    }
}
