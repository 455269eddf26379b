package io.kubeboot.node.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.ContainerStatus.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which attempt a log request reads, with upstream's TestValidateContainerLogStatus cases (kubelet_pods_test.go)
 * expressed as runtime attempts and pod statuses, and the server's own 404s.
 */
class ContainerLogLocatorTest {
    static final String NS = "ns";
    static final String POD = "web";
    static final String UID = "uid-1";

    static Pod pod(UnaryOperator<PodBuilder> status) {
        return status.apply(new PodBuilder().withNewMetadata().withNamespace(NS).withName(POD).withUid(UID).endMetadata()
                .withNewSpec().addNewContainer().withName("app").endContainer()
                .addNewInitContainer().withName("init").endInitContainer().endSpec()).build();
    }

    static Pod plain() {
        return pod(b -> b);
    }

    static Pod waiting(String reason) {
        return pod(b -> b.withNewStatus().addNewContainerStatus().withName("app").withNewState().withNewWaiting()
                .withReason(reason).endWaiting().endState().endContainerStatus().endStatus());
    }

    static Pod lastTerminated(String id) {
        return pod(b -> b.withNewStatus().addNewContainerStatus().withName("app")
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withContainerID("docker://" + id).withExitCode(1).endTerminated().endLastState()
                .endContainerStatus().endStatus());
    }

    static List<ContainerStatus> runtime(ScriptedContainerRuntime r) {
        return r.listContainers();
    }

    static ScriptedContainerRuntime attempts(Object... idAttemptState) {
        ScriptedContainerRuntime r = new ScriptedContainerRuntime();
        for (int i = 0; i < idAttemptState.length; i += 3) {
            r.container((String) idAttemptState[i], NS, POD, UID, "app", (Integer) idAttemptState[i + 1], (State) idAttemptState[i + 2]);
        }
        return r;
    }

    record Case(String name, Optional<Pod> pod, boolean podKnown, String container, boolean previous,
                ScriptedContainerRuntime runtime, String expectedId, Integer expectedStatus, String expectedMessage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case ok(String name, Pod pod, boolean previous, ScriptedContainerRuntime r, String id) {
        return new Case(name, Optional.of(pod), true, "app", previous, r, id, null, null);
    }

    static Case err(String name, Pod pod, String container, boolean previous, ScriptedContainerRuntime r, int status, String message) {
        return new Case(name, Optional.ofNullable(pod), true, container, previous, r, null, status, message);
    }

    static Stream<Case> cases() {
        return Stream.of(
                ok("running", plain(), false, attempts("c0", 0, State.RUNNING), "c0"),
                ok("running after restarts", plain(), false, attempts("c0", 0, State.EXITED, "c1", 1, State.EXITED, "c2", 2, State.RUNNING), "c2"),
                ok("terminated (no restart)", plain(), false, attempts("c0", 0, State.EXITED), "c0"),
                ok("previous of a running container", plain(), true, attempts("c0", 0, State.EXITED, "c1", 1, State.RUNNING), "c0"),
                ok("previous skips older attempts", plain(), true,
                        attempts("c0", 0, State.EXITED, "c1", 1, State.EXITED, "c2", 2, State.RUNNING), "c1"),
                ok("crash loop: previous is the last terminated one the status names", lastTerminated("c1"), true,
                        attempts("c0", 0, State.EXITED, "c1", 1, State.EXITED), "c1"),
                ok("crash loop: without previous too, the last terminated one", lastTerminated("c1"), false,
                        attempts("c0", 0, State.EXITED, "c1", 1, State.EXITED), "c1"),
                ok("a created attempt falls back to the terminated one", plain(), false,
                        attempts("c0", 0, State.EXITED, "c1", 1, State.CREATED), "c0"),
                ok("other pods' containers are ignored", plain(), false, attempts("c0", 0, State.RUNNING)
                        .container("x", NS, "other", "uid-2", "app", 5, State.RUNNING)
                        .container("y", NS, POD, "uid-old", "app", 7, State.RUNNING), "c0"),
                err("previous without an earlier attempt", plain(), "app", true, attempts("c0", 0, State.RUNNING), 400,
                        "previous terminated container \"app\" in pod \"web\" not found"),
                err("previous with no attempt at all", plain(), "app", true, attempts(), 400,
                        "previous terminated container \"app\" in pod \"web\" not found"),
                err("waiting: image can't be pulled", waiting("ErrImagePull"), "app", false, attempts(), 400,
                        "container \"app\" in pod \"web\" is waiting to start: image can't be pulled"),
                err("waiting: back-off pulling", waiting("ImagePullBackOff"), "app", false, attempts(), 400,
                        "container \"app\" in pod \"web\" is waiting to start: trying and failing to pull image"),
                err("waiting: other reason", waiting("ContainerCreating"), "app", false, attempts(), 400,
                        "container \"app\" in pod \"web\" is waiting to start: ContainerCreating"),
                err("created, not started", plain(), "app", false, attempts("c0", 0, State.CREATED), 400,
                        "container \"app\" in pod \"web\" is waiting to start: ContainerCreating"),
                err("no status, no attempt", plain(), "app", false, attempts(), 400,
                        "container \"app\" in pod \"web\" is not available"),
                err("unknown pod", null, "app", false, attempts("c0", 0, State.RUNNING), 404, "pod \"web\" does not exist"),
                err("container not in the spec", plain(), "nope", false, attempts("c0", 0, State.RUNNING), 404,
                        "container \"nope\" not found in pod \"web\""),
                new Case("without a pod source, labels alone", Optional.empty(), false, "app", false,
                        attempts("c0", 0, State.RUNNING), "c0", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void locates(Case c) {
        if (c.expectedId() != null) {
            assertThat(ContainerLogLocator.locate(NS, POD, c.container(), c.previous(), c.pod(), c.podKnown(),
                    runtime(c.runtime()))).isEqualTo(c.expectedId());
            return;
        }
        assertThatThrownBy(() -> ContainerLogLocator.locate(NS, POD, c.container(), c.previous(), c.pod(), c.podKnown(),
                runtime(c.runtime()))).isInstanceOfSatisfying(KubeletHttpException.class, e -> {
            assertThat(e.status()).isEqualTo(c.expectedStatus());
            assertThat(e.getMessage()).isEqualTo(c.expectedMessage());
        });
    }
}
