package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.kubeboot.node.kubelet.Fixtures;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.doubles.ProbeManagerDouble;
import io.kubeboot.node.runtime.ContainerStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.kubeboot.node.kubelet.Fixtures.UID;
import static io.kubeboot.node.kubelet.Fixtures.exited;
import static io.kubeboot.node.kubelet.Fixtures.running;
import static io.kubeboot.node.kubelet.Fixtures.sandbox;
import static io.kubeboot.node.kubelet.Fixtures.spec;
import static io.kubeboot.node.kubelet.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream's TestComputePodActionsWithRestartableInitContainers (kuberuntime_manager_test.go): restartable init
 * containers restartable-init-1..3 (2 and 3 with liveness and startup probes), regular containers foo1..foo3, and
 * in the base runtime state the sandbox and the three sidecars running with their probes succeeded. The last
 * cases, with regular and restartable init containers mixed, are this project's.
 */
class SidecarPodActionsTest {
    /** A case: the pod and runtime are the base ones changed by the two functions; {@code probes} sets results. */
    record Case(String name, UnaryOperator<Pod> pod, RuntimeChange runtime, Consumer<ProbeManagerDouble> probes,
                PodActionsCalculatorTest.Expected expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface RuntimeChange {
        /** The runtime's sandbox running state and containers for the pod. */
        RuntimePod apply(Pod pod, List<ContainerStatus> baseInits);
    }

    private static final Probe PROBE = new ProbeBuilder().withNewExec().withCommand("true").endExec().build();

    static Pod basePod(String policy) {
        List<Container> inits = List.of(sidecar("restartable-init-1", false), sidecar("restartable-init-2", true),
                sidecar("restartable-init-3", true));
        return new PodBuilder(Fixtures.pod(policy, "foo1", "foo2", "foo3")).editSpec().withInitContainers(inits).endSpec().build();
    }

    static Container sidecar(String name, boolean probes) {
        ContainerBuilder b = new ContainerBuilder(Fixtures.container(name)).withRestartPolicy("Always");
        if (probes) {
            b.withLivenessProbe(PROBE).withStartupProbe(PROBE);
        }
        return b.build();
    }

    /** The three sidecars running; none for the mixed pods, which have other init containers. */
    static List<ContainerStatus> baseInits(Pod p) {
        if (p.getSpec().getInitContainers().stream().noneMatch(c -> c.getName().equals("restartable-init-1"))) {
            return List.of();
        }
        return List.of(running("initid1", spec(p, "restartable-init-1"), 0, 1), running("initid2", spec(p, "restartable-init-2"), 0, 2),
                running("initid3", spec(p, "restartable-init-3"), 0, 3));
    }

    static RuntimePod ready(List<ContainerStatus> containers) {
        return new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)), containers);
    }

    static RuntimePod notReady(List<ContainerStatus> containers) {
        return new RuntimePod(UID, List.of(sandbox("sb1", false, 0, 0)), containers);
    }

    static List<ContainerStatus> replace(List<ContainerStatus> list, int index, ContainerStatus with) {
        List<ContainerStatus> out = new ArrayList<>(list);
        out.set(index, with);
        return out;
    }

    static List<ContainerStatus> plus(List<ContainerStatus> list, List<ContainerStatus> more) {
        List<ContainerStatus> out = new ArrayList<>(list);
        out.addAll(more);
        return out;
    }

    static PodActionsCalculatorTest.Expected expect(boolean killPod, boolean createSandbox, int attempt, List<String> inits,
                                                    List<Integer> toStart, Map<String, String> toKill) {
        return new PodActionsCalculatorTest.Expected(killPod, createSandbox, attempt, inits, toStart, toKill);
    }

    static PodActionsCalculatorTest.Expected noAction() {
        return expect(false, false, 0, List.of(), List.of(), Map.of());
    }

    static final Consumer<ProbeManagerDouble> NONE = p -> { };
    static final UnaryOperator<Pod> SAME = p -> p;

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("initialization completed; start all containers", SAME,
                (p, i) -> ready(i), NONE, expect(false, false, 0, List.of(), List.of(0, 1, 2), Map.of())));
        cases.add(new Case("no init containers have been started; start the first one", SAME,
                (p, i) -> ready(List.of()), NONE, expect(false, false, 0, List.of("restartable-init-1"), List.of(), Map.of())));
        cases.add(new Case("an init container is stuck in the created state; restart it", SAME,
                (p, i) -> ready(replace(i, 2, status("initid3", spec(p, "restartable-init-3"), ContainerStatus.State.CREATED, 0, 0, 3))),
                NONE, expect(false, false, 0, List.of("restartable-init-3"), List.of(), Map.of())));
        cases.add(new Case("restartable init container has started; start the next", SAME,
                (p, i) -> ready(i.subList(0, 1)), NONE, expect(false, false, 0, List.of("restartable-init-2"), List.of(), Map.of())));
        cases.add(new Case("livenessProbe has not been run or has completed; start the next", SAME,
                (p, i) -> ready(i.subList(0, 2)), NONE, expect(false, false, 0, List.of("restartable-init-3"), List.of(), Map.of())));
        cases.add(new Case("kill and recreate the restartable init container if the liveness check has failed", SAME,
                (p, i) -> ready(i), p -> p.livenessFailed.add("initid3"),
                expect(false, false, 0, List.of("restartable-init-3"), List.of(0, 1, 2),
                        Map.of("initid3", "Init container restartable-init-3 failed liveness probe"))));
        cases.add(new Case("startupProbe has not been run or is in progress; do nothing", SAME,
                (p, i) -> ready(i.subList(0, 2)), p -> p.notStarted.add("restartable-init-2"), noAction()));
        cases.add(new Case("kill and recreate the restartable init container if the startup check has failed", SAME,
                (p, i) -> ready(i), p -> {
                    p.notStarted.add("restartable-init-3");
                    p.startupFailed.add("initid3");
                }, expect(false, false, 0, List.of("restartable-init-3"), List.of(),
                        Map.of("initid3", "Init container restartable-init-3 failed startup probe"))));
        cases.add(new Case("kill and recreate the restartable init container if the container definition changes",
                p -> new PodBuilder(p).editSpec().editInitContainer(2).withImage("foo-image").endInitContainer().endSpec().build(),
                (p, i) -> ready(List.of(running("initid1", spec(p, "restartable-init-1"), 0, 1), running("initid2", spec(p, "restartable-init-2"), 0, 2),
                        running("initid3", sidecar("restartable-init-3", true), 0, 3))), NONE,
                expect(false, false, 0, List.of("restartable-init-3"), List.of(0, 1, 2),
                        Map.of("initid3", "Init container restartable-init-3 definition changed"))));
        cases.add(new Case("restart terminated restartable init container and next init container", SAME,
                (p, i) -> ready(List.of(exited("initid1", spec(p, "restartable-init-1"), 0, 0, 1), i.get(1),
                        exited("initid3", spec(p, "restartable-init-3"), 0, 0, 3))), NONE,
                expect(false, false, 0, List.of("restartable-init-1", "restartable-init-3"), List.of(), Map.of())));
        cases.add(new Case("restart terminated restartable init container and regular containers", SAME,
                (p, i) -> ready(replace(i, 0, exited("initid1", spec(p, "restartable-init-1"), 0, 0, 1))), NONE,
                expect(false, false, 0, List.of("restartable-init-1"), List.of(0, 1, 2), Map.of())));
        cases.add(new Case("Pod sandbox not ready, restartable init container failed, but RestartPolicy == Never; kill pod only",
                p -> basePod("Never"), (p, i) -> notReady(replace(i, 2, exited("initid3", spec(p, "restartable-init-3"), 137, 0, 3))), NONE,
                expect(true, false, 1, List.of(), List.of(), Map.of())));
        cases.add(new Case("Pod sandbox not ready, and RestartPolicy == Never, but no visible restartable init containers; create a new pod sandbox",
                p -> basePod("Never"), (p, i) -> notReady(List.of()), NONE,
                expect(true, true, 1, List.of("restartable-init-1"), List.of(), Map.of())));
        for (String policy : List.of("OnFailure", "Always")) {
            cases.add(new Case("Pod sandbox not ready, restartable init container failed, and RestartPolicy == " + policy + "; create a new pod sandbox",
                    p -> basePod(policy), (p, i) -> notReady(replace(i, 2, exited("initid3", spec(p, "restartable-init-3"), 137, 0, 3))), NONE,
                    expect(true, true, 1, List.of("restartable-init-1"), List.of(), Map.of())));
        }
        cases.add(new Case("initialization failed; restart the last restartable init container even if pod's RestartPolicy == Never",
                p -> basePod("Never"), (p, i) -> ready(replace(i, 2, exited("initid3", spec(p, "restartable-init-3"), 137, 0, 3))), NONE,
                expect(false, false, 0, List.of("restartable-init-3"), List.of(), Map.of())));
        cases.add(new Case("restartable init container state unknown; kill and recreate the last restartable init container even if pod's RestartPolicy == Never",
                p -> basePod("Never"), (p, i) -> ready(replace(i, 2, status("initid3", spec(p, "restartable-init-3"), ContainerStatus.State.UNKNOWN, 0, 0, 3))), NONE,
                expect(false, false, 0, List.of("restartable-init-3"), List.of(),
                        Map.of("initid3", "Init container is in \"unknown\" state, try killing it before restart"))));
        cases.add(new Case("restart restartable init container if regular containers are running even if pod's RestartPolicy == Never",
                p -> basePod("Never"), (p, i) -> ready(plus(replace(i, 2, exited("initid3", spec(p, "restartable-init-3"), 137, 0, 3)),
                        List.of(running("id1", spec(p, "foo1"), 0, 4), running("id2", spec(p, "foo2"), 0, 5), running("id3", spec(p, "foo3"), 0, 6)))), NONE,
                expect(false, false, 0, List.of("restartable-init-3"), List.of(), Map.of())));
        cases.add(new Case("kill the pod if all main containers succeeded if pod's RestartPolicy == Never",
                p -> basePod("Never"), (p, i) -> ready(plus(i, List.of(exited("id1", spec(p, "foo1"), 0, 0, 4),
                        exited("id2", spec(p, "foo2"), 0, 0, 5), exited("id3", spec(p, "foo3"), 0, 0, 6)))), NONE,
                expect(true, false, 0, List.of(), List.of(), Map.of())));
        cases.add(new Case("kill the pod, not restarting an exited sidecar, if all main containers failed and RestartPolicy == Never",
                p -> basePod("Never"), (p, i) -> ready(plus(replace(i, 0, exited("initid1", spec(p, "restartable-init-1"), 1, 0, 1)),
                        List.of(exited("id1", spec(p, "foo1"), 1, 0, 4), exited("id2", spec(p, "foo2"), 0, 0, 5), exited("id3", spec(p, "foo3"), 0, 0, 6)))), NONE,
                expect(true, false, 0, List.of(), List.of(), Map.of())));
        cases.add(new Case("some of the init container statuses are missing but the last init container is running, restart restartable init and regular containers",
                SAME, (p, i) -> ready(i.subList(2, 3)), NONE,
                expect(false, false, 0, List.of("restartable-init-1", "restartable-init-2"), List.of(0, 1, 2), Map.of())));

        // mixed regular and restartable init containers (this project's cases)
        cases.add(new Case("mixed: a regular init container runs after a started sidecar, which keeps running",
                SidecarPodActionsTest::mixed, (p, i) -> ready(List.of(running("s1", spec(p, "sidecar"), 0, 1))), NONE,
                expect(false, false, 0, List.of("init-after"), List.of(), Map.of())));
        cases.add(new Case("mixed: a completed regular init container is not rerun, the exited sidecar before it is",
                SidecarPodActionsTest::mixed, (p, i) -> ready(List.of(exited("s1", spec(p, "sidecar"), 1, 0, 1),
                        exited("i1", spec(p, "init-after"), 0, 0, 2))), NONE,
                expect(false, false, 0, List.of("sidecar"), List.of(0, 1, 2), Map.of())));
        cases.add(new Case("mixed: a failed regular init container after a sidecar fails the pod with RestartPolicy == Never",
                p -> new PodBuilder(mixed(p)).editSpec().withRestartPolicy("Never").endSpec().build(),
                (p, i) -> ready(List.of(running("s1", spec(p, "sidecar"), 0, 1), exited("i1", spec(p, "init-after"), 1, 0, 2))), NONE,
                expect(true, false, 0, List.of(), List.of(), Map.of())));
        cases.add(new Case("mixed: a sidecar not started yet holds back the regular init container after it",
                SidecarPodActionsTest::mixed, (p, i) -> ready(List.of(running("s1", spec(p, "sidecar"), 0, 1))),
                p -> p.notStarted.add("sidecar"), noAction()));
        return cases.stream();
    }

    /** A sidecar with a startup probe, then a regular init container. */
    static Pod mixed(Pod p) {
        Container sidecar = new ContainerBuilder(sidecar("sidecar", false)).withStartupProbe(PROBE).build();
        return new PodBuilder(p).editSpec().withInitContainers(sidecar, Fixtures.container("init-after")).endSpec().build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void computePodActions(Case c) {
        ProbeManagerDouble probes = new ProbeManagerDouble();
        c.probes().accept(probes);
        Pod pod = c.pod().apply(basePod("Always"));
        PodActions actions = new PodActionsCalculator(probes).compute(pod, c.runtime().apply(pod, baseInits(pod)));
        PodActionsCalculatorTest.Expected e = c.expected();
        assertThat(actions.killPod()).as("killPod").isEqualTo(e.killPod());
        assertThat(actions.createSandbox()).as("createSandbox").isEqualTo(e.createSandbox());
        assertThat(actions.attempt()).as("attempt").isEqualTo(e.attempt());
        assertThat(actions.initContainersToStart().stream().map(i -> pod.getSpec().getInitContainers().get(i).getName()).toList())
                .as("init containers to start").isEqualTo(e.initsToStart());
        assertThat(actions.containersToStart()).as("containers to start").isEqualTo(e.toStart());
        Map<String, String> killed = new TreeMap<>();
        actions.containersToKill().forEach((id, info) -> killed.put(id, info.message()));
        assertThat(killed).as("containers to kill").isEqualTo(new TreeMap<>(e.toKill()));
    }
}
