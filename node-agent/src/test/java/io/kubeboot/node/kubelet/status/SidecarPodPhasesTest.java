package io.kubeboot.node.kubelet.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.kubeboot.node.kubelet.Fixtures.pod;
import static io.kubeboot.node.kubelet.status.StatusFixtures.running;
import static io.kubeboot.node.kubelet.status.StatusFixtures.started;
import static io.kubeboot.node.kubelet.status.StatusFixtures.terminated;
import static io.kubeboot.node.kubelet.status.StatusFixtures.waiting;
import static io.kubeboot.node.kubelet.status.StatusFixtures.waitingAfter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream's getPhase cases with restartable init containers (kubelet_pods_test.go
 * TestPodPhaseWithRestartAlwaysRestartableInitContainers, TestPodPhaseWithRestartAlwaysAndPodHasRun,
 * TestPodPhaseWithRestartNeverRestartableInitContainers): sidecar containerX (or regular init containerX and sidecar
 * containerY), regular containers containerA and containerB. Upstream's "stopped"/"succeeded" is exit 0, "failed" -1.
 */
class SidecarPodPhasesTest {
    record Case(String test, String policy, boolean podHasRun, List<ContainerStatus> statuses, boolean podIsTerminal, String expected) {
        @Override
        public String toString() {
            return policy + (podHasRun ? " (init and sidecar)" : "") + ": " + test;
        }
    }

    static Stream<Case> cases() {
        List<ContainerStatus> bothSucceeded = List.of(terminated("containerA", 0), terminated("containerB", 0));
        return Stream.of(
                new Case("empty, waiting", "Always", false, List.of(), false, "Pending"),
                new Case("restartable init container running", "Always", false, List.of(running("containerX")), false, "Pending"),
                new Case("restartable init container stopped", "Always", false, List.of(terminated("containerX", 0)), false, "Pending"),
                new Case("restartable init container waiting, terminated zero", "Always", false, List.of(waitingAfter("containerX", 0)), false, "Pending"),
                new Case("restartable init container waiting, terminated non-zero", "Always", false, List.of(waitingAfter("containerX", -1)), false, "Pending"),
                new Case("restartable init container waiting, not terminated", "Always", false, List.of(waiting("containerX")), false, "Pending"),
                new Case("restartable init container started, 1/2 regular container running", "Always", false,
                        List.of(started("containerX"), running("containerA")), false, "Pending"),
                new Case("restartable init container started, all regular containers running", "Always", false,
                        List.of(started("containerX"), running("containerA"), running("containerB")), false, "Running"),
                new Case("restartable init container running, all regular containers running", "Always", false,
                        List.of(running("containerX"), running("containerA"), running("containerB")), false, "Running"),
                new Case("restartable init container stopped, all regular containers running", "Always", false,
                        List.of(terminated("containerX", 0), running("containerA"), running("containerB")), false, "Running"),
                new Case("backoff crashloop restartable init container, all regular containers running", "Always", false,
                        List.of(waitingAfter("containerX", 0), running("containerA"), running("containerB")), false, "Running"),
                new Case("all regular containers succeeded and restartable init container failed with restart always, but the pod is terminal",
                        "Always", false, plus(terminated("containerX", -1), bothSucceeded), true, "Succeeded"),
                new Case("all regular containers succeeded and restartable init container succeeded with restart always, but the pod is terminal",
                        "Always", false, plus(terminated("containerX", 0), bothSucceeded), true, "Succeeded"),

                new Case("regular init containers, restartable init container and regular container are all running", "Always", true,
                        List.of(running("containerX"), running("containerY"), running("containerA")), false, "Pending"),
                new Case("regular containers is stopped, restartable init container and regular int container are both running", "Always", true,
                        List.of(running("containerX"), running("containerY"), terminated("containerA", 0)), false, "Pending"),
                new Case("regular init container is succeeded, restartable init container is running, regular containers is stopped", "Always", true,
                        List.of(terminated("containerX", 0), running("containerY"), terminated("containerA", 0)), false, "Running"),
                new Case("regular init container is succeeded, restartable init container and regular containers are both running", "Always", true,
                        List.of(terminated("containerX", 0), running("containerY"), running("containerA")), false, "Running"),

                new Case("empty, waiting", "Never", false, List.of(), false, "Pending"),
                new Case("restartable init container running", "Never", false, List.of(running("containerX")), false, "Pending"),
                new Case("restartable init container stopped", "Never", false, List.of(terminated("containerX", 0)), false, "Pending"),
                new Case("restartable init container waiting, terminated zero", "Never", false, List.of(waitingAfter("containerX", 0)), false, "Pending"),
                new Case("restartable init container waiting, terminated non-zero", "Never", false, List.of(waitingAfter("containerX", -1)), false, "Pending"),
                new Case("restartable init container waiting, not terminated", "Never", false, List.of(waiting("containerX")), false, "Pending"),
                new Case("restartable init container started, one main container running", "Never", false,
                        List.of(started("containerX"), running("containerA")), false, "Pending"),
                new Case("restartable init container started, main containers succeeded", "Never", false,
                        plus(started("containerX"), bothSucceeded), false, "Running"),
                new Case("restartable init container running, main containers succeeded", "Never", false,
                        plus(running("containerX"), bothSucceeded), false, "Running"),
                new Case("all containers succeeded", "Never", false, plus(terminated("containerX", 0), bothSucceeded), false, "Succeeded"),
                new Case("restartable init container terminated non-zero, main containers succeeded", "Never", false,
                        plus(terminated("containerX", -1), bothSucceeded), false, "Succeeded"),
                new Case("backoff crashloop restartable init container, main containers succeeded", "Never", false,
                        plus(waitingAfter("containerX", 0), bothSucceeded), false, "Succeeded"),
                new Case("backoff crashloop with non-zero restartable init container, main containers succeeded", "Never", false,
                        plus(waitingAfter("containerX", -1), bothSucceeded), false, "Succeeded"));
    }

    private static List<ContainerStatus> plus(ContainerStatus first, List<ContainerStatus> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void phase(Case c) {
        Pod p = c.podHasRun()
                ? pod(c.policy(), List.of("containerX", "containerY"), "containerA")
                : pod(c.policy(), List.of("containerX"), "containerA", "containerB");
        Set<String> sidecars = c.podHasRun() ? Set.of("containerY") : Set.of("containerX");
        Pod withSidecars = new PodBuilder(p).editSpec().editMatchingInitContainer(x -> sidecars.contains(x.getName()))
                .withRestartPolicy("Always").endInitContainer().endSpec().build();
        assertThat(PodPhases.phase(withSidecars, c.statuses(), c.podIsTerminal())).isEqualTo(c.expected());
    }
}
