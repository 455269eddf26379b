package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.doubles.ProbeManagerDouble;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.SandboxStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.kubeboot.node.kubelet.Fixtures.UID;
import static io.kubeboot.node.kubelet.Fixtures.exited;
import static io.kubeboot.node.kubelet.Fixtures.pod;
import static io.kubeboot.node.kubelet.Fixtures.running;
import static io.kubeboot.node.kubelet.Fixtures.sandbox;
import static io.kubeboot.node.kubelet.Fixtures.spec;
import static io.kubeboot.node.kubelet.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases of upstream's TestComputePodActions and TestComputePodActionsWithInitContainers (kuberuntime_manager_test.go)
 * for pods with regular containers foo1..foo3 (and init containers init1, init2).
 */
class PodActionsCalculatorTest {
    /** The expected outcome; {@code toKill} maps container ID to the Killing message. */
    record Expected(boolean killPod, boolean createSandbox, int attempt, List<String> initsToStart, List<Integer> toStart,
                    Map<String, String> toKill) {
    }

    record Case(String name, Pod pod, Function<Pod, RuntimePod> runtime, Set<String> livenessFailed, Expected expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<String> INITS = List.of("init1", "init2");

    static RuntimePod rp(List<SandboxStatus> sandboxes, List<ContainerStatus> containers) {
        return new RuntimePod(UID, sandboxes, containers);
    }

    /** Sandbox sb1 (running unless said otherwise) and all three regular containers running. */
    static RuntimePod allRunning(Pod p, boolean sandboxRunning) {
        return rp(List.of(sandbox("sb1", sandboxRunning, 0, 0)), List.of(
                running("c1", spec(p, "foo1"), 0, 1), running("c2", spec(p, "foo2"), 0, 2), running("c3", spec(p, "foo3"), 0, 3)));
    }

    static Expected noAction() {
        return new Expected(false, false, 0, List.of(), List.of(), Map.of());
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("Start all containers when there is no sandbox", pod("Always", "foo1", "foo2", "foo3"),
                p -> rp(List.of(), List.of()), Set.of(),
                new Expected(true, true, 0, List.of(), List.of(0, 1, 2), Map.of())));
        cases.add(new Case("Keep everything running", pod("Always", "foo1", "foo2", "foo3"),
                p -> allRunning(p, true), Set.of(), noAction()));
        cases.add(new Case("Kill pod and recreate everything if the pod sandbox is dead, and RestartPolicy == Always",
                pod("Always", "foo1", "foo2", "foo3"), p -> allRunning(p, false), Set.of(),
                new Expected(true, true, 1, List.of(), List.of(0, 1, 2), Map.of())));
        cases.add(new Case("Restart exited containers if RestartPolicy == Always", pod("Always", "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("c1", spec(p, "foo1"), 0, 0, 1),
                        exited("c2", spec(p, "foo2"), 1, 0, 2), running("c3", spec(p, "foo3"), 0, 3))), Set.of(),
                new Expected(false, false, 0, List.of(), List.of(0, 1), Map.of())));
        cases.add(new Case("Restart failed containers if RestartPolicy == OnFailure", pod("OnFailure", "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("c1", spec(p, "foo1"), 0, 0, 1),
                        exited("c2", spec(p, "foo2"), 1, 0, 2), running("c3", spec(p, "foo3"), 0, 3))), Set.of(),
                new Expected(false, false, 0, List.of(), List.of(1), Map.of())));
        cases.add(new Case("Don't restart containers if RestartPolicy == Never", pod("Never", "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("c1", spec(p, "foo1"), 0, 0, 1),
                        exited("c2", spec(p, "foo2"), 1, 0, 2), running("c3", spec(p, "foo3"), 0, 3))), Set.of(),
                noAction()));
        cases.add(new Case("Kill pod and recreate all containers (except for the succeeded one) if the pod sandbox is dead",
                pod("OnFailure", "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", false, 0, 0)), List.of(running("c1", spec(p, "foo1"), 0, 1),
                        exited("c2", spec(p, "foo2"), 0, 0, 2), running("c3", spec(p, "foo3"), 0, 3))), Set.of(),
                new Expected(true, true, 1, List.of(), List.of(0, 2), Map.of())));
        cases.add(new Case("Kill and recreate the container if the container's spec changed", pod("Always", "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(running("c1", spec(p, "foo1"), 0, 1),
                        running("c2", new ContainerBuilder(spec(p, "foo2")).withImage("busybox:1.27").build(), 0, 2),
                        running("c3", spec(p, "foo3"), 0, 3))), Set.of(),
                new Expected(false, false, 0, List.of(), List.of(1), Map.of("c2", "Container foo2 definition changed, will be restarted"))));
        cases.add(new Case("Kill and recreate a changed container even if RestartPolicy == Never", pod("Never", "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(running("c1", spec(p, "foo1"), 0, 1),
                        running("c2", new ContainerBuilder(spec(p, "foo2")).withImage("busybox:1.27").build(), 0, 2),
                        running("c3", spec(p, "foo3"), 0, 3))), Set.of(),
                new Expected(false, false, 0, List.of(), List.of(1), Map.of("c2", "Container foo2 definition changed, will be restarted"))));
        cases.add(new Case("Kill and recreate the container if the liveness check has failed", pod("Always", "foo1", "foo2", "foo3"),
                p -> allRunning(p, true), Set.of("c1"),
                new Expected(false, false, 0, List.of(), List.of(0), Map.of("c1", "Container foo1 failed liveness probe, will be restarted"))));
        cases.add(new Case("Kill and don't restart the container if the liveness check has failed and RestartPolicy == Never",
                pod("Never", "foo1", "foo2", "foo3"), p -> allRunning(p, true), Set.of("c1"),
                new Expected(false, false, 0, List.of(), List.of(), Map.of("c1", "Container foo1 failed liveness probe"))));
        cases.add(new Case("Verify we do not create a pod sandbox if no ready sandbox for pod with RestartPolicy=Never and all containers exited",
                pod("Never", "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", false, 0, 0)), List.of(exited("c1", spec(p, "foo1"), 0, 0, 1),
                        exited("c2", spec(p, "foo2"), 1, 0, 2), exited("c3", spec(p, "foo3"), 0, 0, 3))), Set.of(),
                new Expected(true, false, 1, List.of(), List.of(), Map.of())));
        cases.add(new Case("Verify we do not create a pod sandbox if no ready sandbox for pod with RestartPolicy=OnFailure and all containers succeeded",
                pod("OnFailure", "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", false, 0, 0)), List.of(exited("c1", spec(p, "foo1"), 0, 0, 1),
                        exited("c2", spec(p, "foo2"), 0, 0, 2), exited("c3", spec(p, "foo3"), 0, 0, 3))), Set.of(),
                new Expected(true, false, 1, List.of(), List.of(), Map.of())));
        cases.add(new Case("Verify we create a pod sandbox if no ready sandbox for pod with RestartPolicy=Never and no containers have ever been created",
                pod("Never", "foo1", "foo2", "foo3"), p -> rp(List.of(sandbox("sb1", false, 0, 0)), List.of()), Set.of(),
                new Expected(true, true, 1, List.of(), List.of(0, 1, 2), Map.of())));
        cases.add(new Case("Kill and recreate the container if the container is in unknown state", pod("Never", "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(running("c1", spec(p, "foo1"), 0, 1),
                        status("c2", spec(p, "foo2"), ContainerStatus.State.UNKNOWN, 0, 0, 2), running("c3", spec(p, "foo3"), 0, 3))), Set.of(),
                new Expected(false, false, 0, List.of(), List.of(1), Map.of("c2", "Container is in \"unknown\" state, try killing it before restart"))));
        cases.add(new Case("Kill the pod when all containers exited and none may restart", pod("Never", "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("c1", spec(p, "foo1"), 0, 0, 1),
                        exited("c2", spec(p, "foo2"), 1, 0, 2), exited("c3", spec(p, "foo3"), 0, 0, 3))), Set.of(),
                new Expected(true, false, 0, List.of(), List.of(), Map.of())));
        cases.add(new Case("The newest sandbox counts: a dead old one next to a ready one changes nothing", pod("Always", "foo1"),
                p -> rp(List.of(sandbox("sb0", false, 0, 0), sandbox("sb1", true, 1, 5)), List.of(running("c1", spec(p, "foo1"), 0, 6))), Set.of(),
                new Expected(false, false, 1, List.of(), List.of(), Map.of())));

        // init containers
        cases.add(new Case("initialization completed; start all containers", pod("Always", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("i1", spec(p, "init1"), 0, 0, 1), exited("i2", spec(p, "init2"), 0, 0, 2))), Set.of(),
                new Expected(false, false, 0, List.of(), List.of(0, 1, 2), Map.of())));
        cases.add(new Case("no init containers have been started; start the first one", pod("Always", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of()), Set.of(),
                new Expected(false, false, 0, List.of("init1"), List.of(), Map.of())));
        cases.add(new Case("initialization in progress; do nothing", pod("Always", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(running("i1", spec(p, "init1"), 0, 1))), Set.of(),
                noAction()));
        cases.add(new Case("first init container succeeded; start the second", pod("Always", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("i1", spec(p, "init1"), 0, 0, 1))), Set.of(),
                new Expected(false, false, 0, List.of("init2"), List.of(), Map.of())));
        cases.add(new Case("Kill pod and restart the first init container if the pod sandbox is dead", pod("Always", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", false, 0, 0)), List.of(exited("i1", spec(p, "init1"), 0, 0, 1))), Set.of(),
                new Expected(true, true, 1, List.of("init1"), List.of(), Map.of())));
        cases.add(new Case("initialization failed; restart the last init container if RestartPolicy == Always", pod("Always", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("i1", spec(p, "init1"), 0, 0, 1), exited("i2", spec(p, "init2"), 1, 0, 2))), Set.of(),
                new Expected(false, false, 0, List.of("init2"), List.of(), Map.of())));
        cases.add(new Case("initialization failed; restart the last init container if RestartPolicy == OnFailure", pod("OnFailure", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("i1", spec(p, "init1"), 0, 0, 1), exited("i2", spec(p, "init2"), 1, 0, 2))), Set.of(),
                new Expected(false, false, 0, List.of("init2"), List.of(), Map.of())));
        cases.add(new Case("initialization failed; kill pod if RestartPolicy == Never", pod("Never", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("i1", spec(p, "init1"), 0, 0, 1), exited("i2", spec(p, "init2"), 1, 0, 2))), Set.of(),
                new Expected(true, false, 0, List.of(), List.of(), Map.of())));
        cases.add(new Case("init container state unknown; kill and recreate the last init container if RestartPolicy == Always", pod("Always", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("i1", spec(p, "init1"), 0, 0, 1),
                        status("i2", spec(p, "init2"), ContainerStatus.State.UNKNOWN, 0, 0, 2))), Set.of(),
                new Expected(false, false, 0, List.of("init2"), List.of(), Map.of("i2", "Init container is in \"unknown\" state, try killing it before restart"))));
        cases.add(new Case("init container state unknown; kill pod if RestartPolicy == Never", pod("Never", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(exited("i1", spec(p, "init1"), 0, 0, 1),
                        status("i2", spec(p, "init2"), ContainerStatus.State.UNKNOWN, 0, 0, 2))), Set.of(),
                new Expected(true, false, 0, List.of(), List.of(), Map.of())));
        cases.add(new Case("Pod sandbox not ready, init container failed, but RestartPolicy == Never; kill pod only", pod("Never", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", false, 0, 0)), List.of(exited("i1", spec(p, "init1"), 1, 0, 1))), Set.of(),
                new Expected(true, false, 1, List.of(), List.of(), Map.of())));
        cases.add(new Case("Pod sandbox not ready, and RestartPolicy == Never, but no visible init containers; create a new pod sandbox",
                pod("Never", INITS, "foo1", "foo2", "foo3"), p -> rp(List.of(sandbox("sb1", false, 0, 0)), List.of()), Set.of(),
                new Expected(true, true, 1, List.of("init1"), List.of(), Map.of())));
        cases.add(new Case("some of the init container statuses are missing but the last init container is running, don't restart preceding ones",
                pod("Always", INITS, "foo1", "foo2", "foo3"),
                p -> rp(List.of(sandbox("sb1", true, 0, 0)), List.of(running("i2", spec(p, "init2"), 0, 2))), Set.of(), noAction()));
        cases.add(new Case("init containers gone but regular containers running: initialization is done",
                pod("Always", INITS, "foo1", "foo2", "foo3"), p -> allRunning(p, true), Set.of(), noAction()));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void computePodActions(Case c) {
        ProbeManagerDouble probes = new ProbeManagerDouble();
        probes.livenessFailed.addAll(c.livenessFailed());
        PodActions actions = new PodActionsCalculator(probes).compute(c.pod(), c.runtime().apply(c.pod()));
        Expected e = c.expected();
        assertThat(actions.killPod()).as("killPod").isEqualTo(e.killPod());
        assertThat(actions.createSandbox()).as("createSandbox").isEqualTo(e.createSandbox());
        assertThat(actions.attempt()).as("attempt").isEqualTo(e.attempt());
        assertThat(actions.initContainersToStart().stream().map(i -> c.pod().getSpec().getInitContainers().get(i).getName()).toList())
                .as("init containers to start").isEqualTo(e.initsToStart());
        assertThat(actions.containersToStart()).as("containers to start").isEqualTo(e.toStart());
        Map<String, String> killed = new TreeMap<>();
        actions.containersToKill().forEach((id, info) -> killed.put(id, info.message()));
        assertThat(killed).as("containers to kill").isEqualTo(new TreeMap<>(e.toKill()));
    }

}
