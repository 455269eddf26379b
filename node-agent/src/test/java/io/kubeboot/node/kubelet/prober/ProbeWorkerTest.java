package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream prober/worker_test.go: TestDoProbe, TestInitialDelay, TestFailureThreshold, TestSuccessThreshold, on-hold cases. */
class ProbeWorkerTest {
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final String CONTAINER_ID = "docker://cOnTaInEr_Id";

    /** A context with a scripted prober, a settable pod snapshot and a settable "started". */
    private static final class Fake implements ProbeWorker.Context {
        final Map<ProbeType, ResultsStore> results = new EnumMap<>(ProbeType.class);
        final Deque<ProbeOutcome> outcomes = new ArrayDeque<>();
        final List<String> events = new ArrayList<>();
        int probes;
        ProbeWorker.PodSnapshot snapshot;
        boolean started = true;
        final Prober prober = new Prober(null) {
            @Override
            ProbeOutcome run(Probe probe, Pod pod, Container container, String containerId, List<String> podIps) {
                probes++;
                ProbeOutcome next = outcomes.size() > 1 ? outcomes.poll() : outcomes.peek();
                if (next == null) {
                    throw new ProbeException("no outcome");
                }
                return next;
            }
        };

        Fake() {
            for (ProbeType t : ProbeType.values()) {
                results.put(t, new ResultsStore(uid -> { }));
            }
        }

        @Override
        public ProbeWorker.PodSnapshot snapshot(String podUid) {
            return snapshot;
        }

        @Override
        public boolean started(String podUid, String containerName, String containerId) {
            return started;
        }

        @Override
        public ResultsStore results(ProbeType type) {
            return results.get(type);
        }

        @Override
        public Prober prober() {
            return prober;
        }

        @Override
        public ContainerEvents events() {
            return (pod, name, reason, message) -> events.add(reason + ": " + message);
        }

        @Override
        public Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    private static Probe probe(int initialDelay, int success, int failure) {
        return new ProbeBuilder().withNewExec().withCommand("true").endExec().withInitialDelaySeconds(initialDelay)
                .withSuccessThreshold(success).withFailureThreshold(failure).withPeriodSeconds(1).build();
    }

    private static Container container(ProbeType type, Probe probe) {
        ContainerBuilder b = new ContainerBuilder().withName("foobar");
        return switch (type) {
            case LIVENESS -> b.withLivenessProbe(probe).build();
            case READINESS -> b.withReadinessProbe(probe).build();
            case STARTUP -> b.withStartupProbe(probe).build();
        };
    }

    private static Pod pod(boolean deleting) {
        return new PodBuilder().withNewMetadata().withName("pod").withNamespace("ns").withUid("uid")
                .withDeletionTimestamp(deleting ? "2025-01-01T12:00:00Z" : null).endMetadata()
                .withNewSpec().withRestartPolicy("Never").endSpec().build();
    }

    private static ContainerStatus running(String id, Instant startedAt) {
        return new ContainerStatusBuilder().withName("foobar").withContainerID(id).withNewState().withNewRunning()
                .withStartedAt(startedAt.toString()).endRunning().endState().build();
    }

    private static PodStatus status(String phase, ContainerStatus... statuses) {
        return new PodStatusBuilder().withPhase(phase).withPodIP("10.244.1.5").withContainerStatuses(statuses).build();
    }

    private static final PodStatus RUNNING = status("Running", running(CONTAINER_ID, NOW.minusSeconds(100)));
    private static final PodStatus PENDING = status("Pending", new ContainerStatusBuilder().withName("foobar")
            .withContainerID(CONTAINER_ID).withNewState().withNewWaiting().endWaiting().endState().build());
    private static final PodStatus TERMINATED = status("Running", new ContainerStatusBuilder().withName("foobar")
            .withContainerID(CONTAINER_ID).withNewState().withNewTerminated().endTerminated().endState().build());
    private static final PodStatus OTHER = status("Running", new ContainerStatusBuilder().withName("otherContainer")
            .withContainerID(CONTAINER_ID).withNewState().withNewRunning().endRunning().endState().build());
    private static final PodStatus FAILED = status("Failed", running(CONTAINER_ID, NOW.minusSeconds(100)));

    private record Case(String name, PodStatus status, boolean deleting, Map<ProbeType, Boolean> keepGoing,
                        ResultsStore.State expected) {
    }

    @Test
    void doProbe() {
        Map<ProbeType, Boolean> yes = Map.of(ProbeType.LIVENESS, true, ProbeType.READINESS, true, ProbeType.STARTUP, true);
        Map<ProbeType, Boolean> no = Map.of(ProbeType.LIVENESS, false, ProbeType.READINESS, false, ProbeType.STARTUP, false);
        List<Case> cases = List.of(
                new Case("no status", null, false, yes, null),
                new Case("pod failed", FAILED, false, no, null),
                new Case("pod deletion", RUNNING, true,
                        Map.of(ProbeType.LIVENESS, false, ProbeType.READINESS, true, ProbeType.STARTUP, false), ResultsStore.State.SUCCESS),
                new Case("no container status", OTHER, false, yes, null),
                new Case("container waiting", PENDING, false, yes, ResultsStore.State.FAILURE),
                new Case("container terminated, restartPolicy Never", TERMINATED, false, no, ResultsStore.State.FAILURE),
                new Case("probe successful", RUNNING, false, yes, ResultsStore.State.SUCCESS));
        for (ProbeType type : ProbeType.values()) {
            for (Case c : cases) {
                Fake fake = new Fake();
                fake.started = type != ProbeType.STARTUP;
                fake.outcomes.add(ProbeOutcome.success(""));
                fake.snapshot = c.status() == null ? null : new ProbeWorker.PodSnapshot(pod(c.deleting()), c.status());
                ProbeWorker worker = new ProbeWorker(fake, "uid", container(type, probe(0, 1, 3)), type);
                assertThat(worker.doProbe()).as("%s %s keepGoing", type, c.name()).isEqualTo(c.keepGoing().get(type));
                assertThat(fake.results.get(type).get(CONTAINER_ID)).as("%s %s result", type, c.name()).isEqualTo(c.expected());
            }
        }
    }

    @Test
    void initialDelay() {
        for (ProbeType type : ProbeType.values()) {
            Fake fake = new Fake();
            fake.started = type != ProbeType.STARTUP;
            fake.outcomes.add(ProbeOutcome.success(""));
            fake.snapshot = new ProbeWorker.PodSnapshot(pod(false), status("Running", running(CONTAINER_ID, NOW.minusSeconds(5))));
            ProbeWorker worker = new ProbeWorker(fake, "uid", container(type, probe(10, 1, 3)), type);
            assertThat(worker.doProbe()).isTrue();
            // still in the initial delay: the probe did not run, the result is the type's initial one
            assertThat(fake.probes).as(type.name()).isZero();
            assertThat(fake.results.get(type).get(CONTAINER_ID)).as(type.name()).isEqualTo(type.initial());

            fake.snapshot = new ProbeWorker.PodSnapshot(pod(false), RUNNING);
            assertThat(worker.doProbe()).isTrue();
            assertThat(fake.results.get(type).get(CONTAINER_ID)).as(type.name()).isEqualTo(ResultsStore.State.SUCCESS);
        }
    }

    private static List<ResultsStore.State> run(ProbeType type, int success, int failure, List<ProbeOutcome> script) {
        Fake fake = new Fake();
        fake.started = type != ProbeType.STARTUP;
        fake.snapshot = new ProbeWorker.PodSnapshot(pod(false), RUNNING);
        ProbeWorker worker = new ProbeWorker(fake, "uid", container(type, probe(0, success, failure)), type);
        List<ResultsStore.State> states = new ArrayList<>();
        for (ProbeOutcome o : script) {
            fake.outcomes.clear();
            fake.outcomes.add(o);
            worker.doProbe();
            states.add(fake.results.get(type).get(CONTAINER_ID));
        }
        return states;
    }

    @Test
    void thresholds() {
        ProbeOutcome ok = ProbeOutcome.success("");
        ProbeOutcome bad = ProbeOutcome.failure("boom");
        ResultsStore.State s = ResultsStore.State.SUCCESS;
        ResultsStore.State f = ResultsStore.State.FAILURE;
        // TestFailureThreshold: readiness, success 1, failure 3
        assertThat(run(ProbeType.READINESS, 1, 3, List.of(ok, ok, ok, bad, bad, bad, ok, ok, ok, bad, bad, bad)))
                .containsExactly(s, s, s, s, s, f, s, s, s, s, s, f);
        // TestSuccessThreshold: readiness, success 3, failure 1 (a new container starts failed)
        assertThat(run(ProbeType.READINESS, 3, 1, List.of(ok, ok, ok, ok, bad, ok, ok, ok)))
                .containsExactly(f, f, s, s, f, f, f, s);
        // TestResultRunOnLivenessCheckFailure / on hold: after a liveness failure nothing runs until a new container
        assertThat(run(ProbeType.LIVENESS, 1, 3, List.of(ok, bad, bad, bad, ok, ok)))
                .containsExactly(s, s, s, f, f, f);
    }

    @Test
    void onHoldUntilANewContainer() {
        for (ProbeType type : List.of(ProbeType.LIVENESS, ProbeType.STARTUP)) {
            Fake fake = new Fake();
            fake.started = type != ProbeType.STARTUP;
            fake.snapshot = new ProbeWorker.PodSnapshot(pod(false), RUNNING);
            ProbeWorker worker = new ProbeWorker(fake, "uid", container(type, probe(0, 1, 1)), type);
            fake.outcomes.add(ProbeOutcome.failure("boom"));
            worker.doProbe();
            assertThat(fake.results.get(type).get(CONTAINER_ID)).isEqualTo(ResultsStore.State.FAILURE);
            fake.outcomes.clear();
            fake.outcomes.add(ProbeOutcome.success(""));
            worker.doProbe();
            assertThat(fake.probes).as("held after the failure").isEqualTo(1);

            String newId = "docker://new_container";
            fake.snapshot = new ProbeWorker.PodSnapshot(pod(false), status("Running", running(newId, NOW.minusSeconds(100))));
            worker.doProbe();
            assertThat(fake.results.get(type).get(CONTAINER_ID)).as("old container forgotten").isNull();
            assertThat(fake.results.get(type).get(newId)).isEqualTo(ResultsStore.State.SUCCESS);
            assertThat(fake.probes).isEqualTo(2);
        }
    }

    @Test
    void startupGatesLivenessAndReadiness() {
        for (ProbeType type : List.of(ProbeType.LIVENESS, ProbeType.READINESS)) {
            Fake fake = new Fake();
            fake.started = false;
            fake.outcomes.add(ProbeOutcome.failure("boom"));
            fake.snapshot = new ProbeWorker.PodSnapshot(pod(false), RUNNING);
            ProbeWorker worker = new ProbeWorker(fake, "uid", container(type, probe(0, 1, 1)), type);
            worker.doProbe();
            assertThat(fake.probes).as(type.name()).isZero();
            assertThat(fake.results.get(type).get(CONTAINER_ID)).isEqualTo(type.initial());
        }
        // and a started container's startup probe no longer runs
        Fake fake = new Fake();
        fake.outcomes.add(ProbeOutcome.failure("boom"));
        fake.snapshot = new ProbeWorker.PodSnapshot(pod(false), RUNNING);
        new ProbeWorker(fake, "uid", container(ProbeType.STARTUP, probe(0, 1, 1)), ProbeType.STARTUP).doProbe();
        assertThat(fake.probes).isZero();
    }

    @Test
    void eventsAsUpstream() {
        record Case(ProbeType type, ProbeOutcome outcome, String event) {
        }
        List<Case> cases = List.of(
                new Case(ProbeType.LIVENESS, ProbeOutcome.failure("HTTP probe failed with statuscode: 500"),
                        "Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500"),
                new Case(ProbeType.READINESS, ProbeOutcome.failure("dial tcp 10.244.1.5:8080: connect: connection refused"),
                        "Unhealthy: Readiness probe failed: dial tcp 10.244.1.5:8080: connect: connection refused"),
                new Case(ProbeType.STARTUP, ProbeOutcome.failure("x"), "Unhealthy: Startup probe failed: x"),
                new Case(ProbeType.READINESS, new ProbeOutcome(ProbeOutcome.Result.WARNING, "Probe terminated redirects, Response body: "),
                        "ProbeWarning: Readiness probe warning: Probe terminated redirects, Response body: "),
                new Case(ProbeType.LIVENESS, null, "Unhealthy: Liveness probe errored and resulted in unknown state: no outcome"));
        for (Case c : cases) {
            Fake fake = new Fake();
            fake.started = c.type() != ProbeType.STARTUP;
            if (c.outcome() != null) {
                fake.outcomes.add(c.outcome());
            }
            fake.snapshot = new ProbeWorker.PodSnapshot(pod(false), RUNNING);
            new ProbeWorker(fake, "uid", container(c.type(), probe(0, 1, 3)), c.type()).doProbe();
            assertThat(fake.events).containsExactly(c.event());
        }
    }
}
