package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.testkit.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.queue.QueueFixtures.HIGH;
import static io.kubeboot.scheduler.queue.QueueFixtures.MID;
import static io.kubeboot.scheduler.queue.QueueFixtures.NODE_ADD;
import static io.kubeboot.scheduler.queue.QueueFixtures.highPriority;
import static io.kubeboot.scheduler.queue.QueueFixtures.medPriority;
import static io.kubeboot.scheduler.queue.QueueFixtures.names;
import static io.kubeboot.scheduler.queue.QueueFixtures.pop;
import static io.kubeboot.scheduler.queue.QueueFixtures.queue;
import static io.kubeboot.scheduler.queue.QueueFixtures.unschedulable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moving pods between the queues on cluster events, backoff and the periodic flushes, after upstream's
 * TestPriorityQueue_MoveAllToActiveOrBackoffQueue*, TestPriorityQueue_AssignedPod*, TestBackOffFlow,
 * TestPodTimestamp, TestHighPriority* and related cases.
 */
class QueueMovesTest {

    private final ManualClock clock = new ManualClock();

    private static Pod clonePod(Pod pod, String newName) {
        return new PodBuilder(pod).editMetadata().withName(newName)
                .withUid(newName + pod.getMetadata().getNamespace()).endMetadata().build();
    }

    private void fail(PrioritySchedulingQueue q, Pod pod, String... plugins) {
        q.add(PodInfo.of(pod));
        q.addUnschedulableIfNotPresent(pop(q, pod).withUnschedulablePlugins(plugins), q.schedulingCycle());
    }

    @Test
    void moveAllMovesOnlyPodsWhosePluginsRegisteredForTheEvent() {
        PrioritySchedulingQueue q = queue(clock, Map.of("fooPlugin", List.of(NODE_ADD), "barPlugin", List.of(QueueFixtures.NAMESPACE_ADD)));
        Pod unsched = unschedulable();
        Pod high = highPriority();
        fail(q, unsched, "fooPlugin");
        fail(q, high, "fooPlugin");
        Pod hpp1 = clonePod(high, "hpp1");
        q.add(PodInfo.of(hpp1));
        // no rejector plugin: an unexpected error, retried after backoff without waiting for an event
        q.addUnschedulableIfNotPresent(pop(q, hpp1), q.schedulingCycle());
        Pod hpp2 = clonePod(high, "hpp2");
        fail(q, hpp2, "barPlugin");
        assertThat(q.inFlightPods()).isEmpty();

        q.moveAllToActiveOrBackoffQueue(NODE_ADD, null, null);
        Pod med = medPriority();
        q.add(PodInfo.of(med));
        assertThat(q.activeQueue()).hasSize(1);
        pop(q, med);
        assertThat(names(q.backoffQueue())).containsExactlyInAnyOrder("up", "hpp", "hpp1");
        assertThat(names(q.unschedulablePods())).containsExactly("hpp2");

        // after the backoff, the same event goes straight to the active queue
        clock.step(BackoffPolicy.DEFAULT_MAX);
        q.flushBackoffQCompleted();
        assertThat(names(q.activeQueue())).containsExactly("hpp", "hpp1", "up");
        for (String name : List.of("hpp", "hpp1", "up")) {
            QueuedPodInfo p = popUnchecked(q);
            assertThat(p.pod().getMetadata().getName()).isEqualTo(name);
            q.addUnschedulableIfNotPresent(p.withUnschedulablePlugins("fooPlugin"), q.schedulingCycle());
        }
        clock.step(BackoffPolicy.DEFAULT_MAX);
        q.moveAllToActiveOrBackoffQueue(NODE_ADD, null, null);
        assertThat(names(q.activeQueue())).containsExactlyInAnyOrder("hpp", "hpp1", "up");
        assertThat(q.backoffQueue()).isEmpty();
        assertThat(names(q.unschedulablePods())).as("hpp2 is never moved by NodeAdd").containsExactly("hpp2");
    }

    private static QueuedPodInfo popUnchecked(PrioritySchedulingQueue q) {
        try {
            return q.pop();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pluginWithoutRegistrationCaresAboutEveryEvent() {
        Map<String, List<ClusterEvent>> events = new HashMap<>();
        events.put("registered", List.of(NODE_ADD));
        events.put("unregistered", null);
        PrioritySchedulingQueue q = PrioritySchedulingQueue.builder().clock(clock).pluginEvents(events).build();
        Pod a = highPriority();
        Pod b = medPriority();
        fail(q, a, "registered");
        fail(q, b, "unregistered");
        clock.step(Duration.ofSeconds(2));

        q.moveAllToActiveOrBackoffQueue(QueueFixtures.NODE_TAINT, null, null);

        assertThat(names(q.activeQueue())).containsExactly("mpp");
        assertThat(names(q.unschedulablePods())).containsExactly("hpp");
    }

    record HintCase(String name, Set<String> unschedulable, Set<String> pending, Duration elapsed, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<HintCase> hintCases() {
        return Stream.of(
                new HintCase("pending plugin registered for the event queues the pod to activeQ", Set.of(), Set.of("foo"), Duration.ZERO, "active"),
                new HintCase("unschedulable plugin queues the pod to backoffQ while it backs off", Set.of("foo"), Set.of(), Duration.ZERO, "backoff"),
                new HintCase("unschedulable plugin queues the pod to activeQ once its backoff ended",
                        Set.of("foo"), Set.of(), BackoffPolicy.DEFAULT_INITIAL.plusSeconds(1), "active"),
                new HintCase("plugin not registered for the event leaves the pod unschedulable", Set.of("bar"), Set.of(), Duration.ZERO, "unschedulable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hintCases")
    void moveAllWithRegisteredPlugins(HintCase tc) {
        PrioritySchedulingQueue q = queue(clock, Map.of("foo", List.of(NODE_ADD), "bar", List.of(QueueFixtures.NAMESPACE_ADD)));
        Pod pod = TestPods.pod("pod1", "ns1", "1").label("foo", "bar").obj();
        q.add(PodInfo.of(pod));
        q.addUnschedulableIfNotPresent(pop(q, pod).withRejectorPlugins(tc.unschedulable(), tc.pending()), q.schedulingCycle());
        clock.step(tc.elapsed());

        q.moveAllToActiveOrBackoffQueue(NODE_ADD, null, null);

        assertThat(q.pendingPods().summary()).isEqualTo(switch (tc.want()) {
            case "active" -> "activeQ:1; backoffQ:0; unschedulablePods:0";
            case "backoff" -> "activeQ:0; backoffQ:1; unschedulablePods:0";
            default -> "activeQ:0; backoffQ:0; unschedulablePods:1";
        });
    }

    record PreCheckCase(String name, ClusterEvent event, Predicate<Pod> preCheck, Set<String> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PreCheckCase> preCheckCases() {
        return Stream.of(
                new PreCheckCase("nil PreEnqueueCheck", QueueEvents.UNSCHEDULABLE_TIMEOUT, null, Set.of("p0", "p1", "p2", "p3", "p4")),
                new PreCheckCase("move Pods with priority greater than 2", QueueEvents.UNSCHEDULABLE_TIMEOUT,
                        p -> p.getSpec().getPriority() >= 2, Set.of("p2", "p3", "p4")),
                new PreCheckCase("move Pods with even priority and greater than 2", QueueEvents.UNSCHEDULABLE_TIMEOUT,
                        p -> p.getSpec().getPriority() % 2 == 0 && p.getSpec().getPriority() >= 2, Set.of("p2", "p4")),
                new PreCheckCase("move Pods with even and negative priority", QueueEvents.UNSCHEDULABLE_TIMEOUT,
                        p -> p.getSpec().getPriority() % 2 == 0 && p.getSpec().getPriority() < 0, Set.of()),
                new PreCheckCase("preCheck isn't called if the event is not interested by any plugins", QueueFixtures.NAMESPACE_ADD,
                        p -> {
                            throw new AssertionError("preCheck shouldn't be called");
                        }, Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preCheckCases")
    void moveAllConsidersOnlyPodsThePreCheckAccepts(PreCheckCase tc) {
        PrioritySchedulingQueue q = queue(clock, Map.of("plugin", List.of(NODE_ADD)));
        for (int i = 0; i < 5; i++) {
            fail(q, TestPods.pod("p" + i, "ns", "u" + i).priority(i).obj(), "plugin");
        }

        q.moveAllToActiveOrBackoffQueue(tc.event(), null, null, tc.preCheck());

        assertThat(Set.copyOf(names(q.backoffQueue()))).isEqualTo(tc.want());
    }

    // ---------------------------------------------------------------- assigned pods

    record AssignedPodCase(String name, Pod unschedPod, String plugin, Pod assignedPod, ClusterEvent event, boolean wantRequeue) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final ClusterEvent POD_LABEL = ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.UPDATE_POD_LABEL);
    private static final ClusterEvent ASSIGNED_POD_SCALE_DOWN = ClusterEvent.of(ClusterEvent.Resource.ASSIGNED_POD, ClusterEvent.UPDATE_POD_SCALE_DOWN);

    private static Pod affinityPod() {
        return TestPods.pod("afp", "ns1", "afp").annotation("annot2", "val2").podAffinityExists("service", "region").obj();
    }

    private static Pod matchingAssigned() {
        return TestPods.pod("lbp", "ns1", "lbp").label("service", "securityscan").node("node1").obj();
    }

    private static Pod unrelatedAssigned() {
        return TestPods.pod("lbp", "unrelated", "lbp").label("unrelated", "unrelated").node("node1").obj();
    }

    static Stream<AssignedPodCase> assignedPodCases() {
        Pod spread = TestPods.pod("tsp", "ns1", "tsp").spreadConstraint(1, "node").obj();
        Pod plain = TestPods.pod("afp", "ns1", "afp").annotation("annot2", "val2").obj();
        return Stream.of(
                new AssignedPodCase("Pod rejected by pod affinity is requeued with matching Pod's update",
                        affinityPod(), "InterPodAffinity", matchingAssigned(), POD_LABEL, true),
                new AssignedPodCase("Pod rejected by pod affinity isn't requeued with unrelated Pod's update",
                        affinityPod(), "InterPodAffinity", unrelatedAssigned(), POD_LABEL, false),
                new AssignedPodCase("Pod rejected by pod topology spread is requeued with Pod's update in the same namespace",
                        spread, "PodTopologySpread", matchingAssigned(), POD_LABEL, true),
                new AssignedPodCase("Pod rejected by pod topology spread isn't requeued with unrelated Pod's update",
                        affinityPod(), "PodTopologySpread", unrelatedAssigned(), POD_LABEL, false),
                new AssignedPodCase("Pod rejected by resource fit is requeued with assigned Pod's scale down",
                        TestPods.pod("rp", "ns1", "afp").cpu("1").obj(), "NodeResourcesFit",
                        TestPods.pod("lbp", "ns2", "lbp").node("node1").obj(), ASSIGNED_POD_SCALE_DOWN, true),
                new AssignedPodCase("Pod rejected by other plugins isn't requeued with any Pod's update",
                        plain, "fakePlugin", unrelatedAssigned(), POD_LABEL, false));
    }

    private PrioritySchedulingQueue assignedPodQueue() {
        ClusterEvent podAdd = QueueEvents.ASSIGNED_POD_ADD;
        ClusterEvent scaleDown = ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.UPDATE_POD_SCALE_DOWN);
        return queue(clock, Map.of(
                "fakePlugin", List.of(podAdd, POD_LABEL),
                "InterPodAffinity", List.of(podAdd, POD_LABEL),
                "PodTopologySpread", List.of(podAdd, POD_LABEL),
                "NodeResourcesFit", List.of(scaleDown)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assignedPodCases")
    void assignedPodUpdated(AssignedPodCase tc) {
        PrioritySchedulingQueue q = assignedPodQueue();
        fail(q, tc.unschedPod(), tc.plugin());
        clock.step(BackoffPolicy.DEFAULT_INITIAL.plusSeconds(1));

        q.assignedPodUpdated(null, tc.assignedPod(), tc.event());

        assertThat(!q.activeQueue().isEmpty()).isEqualTo(tc.wantRequeue());
    }

    static Stream<AssignedPodCase> assignedPodAddCases() {
        // the scale-down case concerns updates only
        return assignedPodCases().filter(c -> c.event() != ASSIGNED_POD_SCALE_DOWN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assignedPodAddCases")
    void assignedPodAdded(AssignedPodCase tc) {
        PrioritySchedulingQueue q = assignedPodQueue();
        fail(q, tc.unschedPod(), tc.plugin());
        clock.step(BackoffPolicy.DEFAULT_INITIAL.plusSeconds(1));

        q.assignedPodAdded(tc.assignedPod());

        assertThat(!q.activeQueue().isEmpty()).isEqualTo(tc.wantRequeue());
    }

    @Test
    void assignedPodAddedUsesNamespaceLabelsForNamespaceSelectors() {
        Pod withNsSelector = new PodBuilder(affinityPod()).editSpec().editAffinity().editPodAffinity()
                .editFirstRequiredDuringSchedulingIgnoredDuringExecution().withNewNamespaceSelector()
                .addToMatchLabels("team", "a").endNamespaceSelector().endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAffinity().endAffinity().endSpec().build();
        PrioritySchedulingQueue q = PrioritySchedulingQueue.builder().clock(clock)
                .pluginEvents(Map.of("InterPodAffinity", List.of(QueueEvents.ASSIGNED_POD_ADD)))
                .namespaceLabels(ns -> ns.equals("team-a") ? Map.of("team", "a") : Map.of()).build();
        fail(q, withNsSelector, "InterPodAffinity");
        clock.step(Duration.ofSeconds(2));

        q.assignedPodAdded(TestPods.pod("x", "other", "x").label("service", "s").node("n").obj());
        assertThat(q.activeQueue()).isEmpty();
        q.assignedPodAdded(TestPods.pod("y", "team-a", "y").label("service", "s").node("n").obj());
        assertThat(names(q.activeQueue())).containsExactly("afp");
    }

    // ---------------------------------------------------------------- backoff

    @Test
    void backoffDoublesPerAttemptUpToTheMaximum() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod pod = TestPods.pod("test-pod", "test-ns", "test-uid").obj();
        q.add(PodInfo.of(pod));
        List<Duration> want = Stream.of(1, 2, 4, 8, 10, 10, 10).map(Duration::ofSeconds).toList();

        for (int i = 0; i < want.size(); i++) {
            Instant timestamp = clock.instant();
            QueuedPodInfo info = pop(q, pod);
            assertThat(info.attempts()).isEqualTo(i + 1);
            q.addUnschedulableIfNotPresent(info.withUnschedulablePlugins("unsched-plugin"), i);
            q.moveAllToActiveOrBackoffQueue(QueueEvents.UNSCHEDULABLE_TIMEOUT, null, null);
            assertThat(q.backoffQueue()).hasSize(1);

            Duration backoff = Duration.between(timestamp, q.backoffExpiry(q.backoffQueue().get(0)));
            assertThat(backoff).as("step %d", i).isEqualTo(want.get(i));

            // an early flush keeps the pod backing off, one after the backoff moves it on
            clock.step(Duration.ofMillis(1));
            q.flushBackoffQCompleted();
            assertThat(q.backoffQueue()).hasSize(1);
            clock.step(backoff);
            q.flushBackoffQCompleted();
            assertThat(q.backoffQueue()).isEmpty();
            assertThat(q.activeQueue()).hasSize(1);
        }
    }

    @Test
    void backoffQueueFlushesInExpiryOrder() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod twice = TestPods.pod("twice", "ns", "1").obj();
        Pod once = TestPods.pod("once", "ns", "2").obj();
        q.add(PodInfo.of(twice));
        q.addUnschedulableIfNotPresent(pop(q, twice), 1);
        clock.step(Duration.ofSeconds(1));
        q.flushBackoffQCompleted();
        q.addUnschedulableIfNotPresent(pop(q, twice), 2); // backs off 2s from now
        q.add(PodInfo.of(once));
        q.addUnschedulableIfNotPresent(pop(q, once), 3); // backs off 1s from now

        assertThat(names(q.backoffQueue())).containsExactly("once", "twice");
        clock.step(Duration.ofMillis(1500));
        q.flushBackoffQCompleted();
        assertThat(names(q.activeQueue())).containsExactly("once");
        assertThat(names(q.backoffQueue())).containsExactly("twice");
    }

    @Test
    void highPriorityUnschedulablePodDoesNotBlockOthers() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod mid = TestPods.pod("test-midpod", "ns1", "tp-mid").priority(MID).nominatedNodeName("node1").obj();
        Pod high = TestPods.pod("test-highpod", "ns1", "tp-high").priority(HIGH).nominatedNodeName("node1").obj();
        q.add(PodInfo.of(mid));
        q.add(PodInfo.of(high));
        QueuedPodInfo p = pop(q, high);
        q.addUnschedulableIfNotPresent(p.withUnschedulablePlugins("fooPlugin"), q.schedulingCycle());
        q.moveAllToActiveOrBackoffQueue(QueueEvents.UNSCHEDULABLE_TIMEOUT, null, null);

        // the high priority pod waits out its backoff
        pop(q, mid);
    }

    @Test
    void recentlyTriedPodsGoBehindPodsOfTheSamePriority() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        List<Pod> pods = IntStream.range(0, 5).mapToObj(i -> TestPods.pod("test-pod-" + i, "ns1", "tp00" + i)
                .priority(HIGH).nominatedNodeName("node1").obj()).toList();
        pods.forEach(p -> q.add(PodInfo.of(p)));
        clock.step(Duration.ofNanos(1000));
        QueuedPodInfo p1 = popUnchecked(q);
        q.addUnschedulableIfNotPresent(p1.withUnschedulablePlugins("plugin"), q.schedulingCycle());
        clock.step(BackoffPolicy.DEFAULT_MAX);
        q.moveAllToActiveOrBackoffQueue(QueueEvents.UNSCHEDULABLE_TIMEOUT, null, null);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(popUnchecked(q).key());
        }
        assertThat(order.get(4)).isEqualTo(p1.key());
    }

    @Test
    void podFailedMultipleTimesDoesNotBlockNewerPod() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod unsched = TestPods.pod("test-pod-unscheduled", "ns1", "tp001").priority(HIGH).nominatedNodeName("node1").obj();
        q.add(PodInfo.of(unsched));
        q.addUnschedulableIfNotPresent(pop(q, unsched).withUnschedulablePlugins("plugin"), q.schedulingCycle());
        clock.step(BackoffPolicy.DEFAULT_INITIAL.plusSeconds(1));
        q.moveAllToActiveOrBackoffQueue(QueueEvents.UNSCHEDULABLE_TIMEOUT, null, null);
        QueuedPodInfo again = pop(q, unsched);

        Pod newer = TestPods.pod("test-newer-pod", "ns1", "tp002").priority(HIGH).nominatedNodeName("node1").obj();
        q.add(PodInfo.of(newer));
        q.addUnschedulableIfNotPresent(again.withUnschedulablePlugins("plugin"), q.schedulingCycle());
        clock.step(Duration.ofSeconds(3)); // the second failure backs off 2s
        q.moveAllToActiveOrBackoffQueue(QueueEvents.UNSCHEDULABLE_TIMEOUT, null, null);

        pop(q, newer);
    }

    // ---------------------------------------------------------------- unschedulable leftovers

    @Test
    void leftoversGoBackByPriorityAfterFiveMinutes() {
        PrioritySchedulingQueue q = queue(clock, Map.of("fakePlugin", List.of(NODE_ADD)));
        Pod mid = TestPods.pod("test-midpod", "ns1", "tp-mid").priority(MID).nominatedNodeName("node1").obj();
        Pod high = TestPods.pod("test-highpod", "ns1", "tp-high").priority(HIGH).nominatedNodeName("node1").obj();
        q.add(PodInfo.of(high));
        QueuedPodInfo h = pop(q, high);
        q.add(PodInfo.of(mid));
        QueuedPodInfo m = pop(q, mid);
        q.addUnschedulableIfNotPresent(h.withUnschedulablePlugins("fakePlugin"), q.schedulingCycle());
        q.addUnschedulableIfNotPresent(m.withUnschedulablePlugins("fakePlugin"), q.schedulingCycle());

        clock.step(PrioritySchedulingQueue.DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION);
        q.flushUnschedulablePodsLeftover();
        assertThat(q.unschedulablePods()).as("exactly five minutes is not longer than five minutes").hasSize(2);

        clock.step(Duration.ofSeconds(1));
        q.flushUnschedulablePodsLeftover();
        pop(q, high);
        pop(q, mid);
    }

    record LeftoverCase(String name, Duration configured, Duration elapsed, List<String> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<LeftoverCase> leftoverCases() {
        return Stream.of(
                new LeftoverCase("default podMaxInUnschedulablePodsDuration", null, Duration.ofMinutes(5).plusSeconds(1),
                        List.of("test-pod-2", "test-pod-1")),
                new LeftoverCase("default keeps a pod unschedulable for exactly five minutes", null, Duration.ofMinutes(5),
                        List.of("test-pod-2")),
                new LeftoverCase("user-defined podMaxInUnschedulablePodsDuration", Duration.ofSeconds(30), Duration.ofSeconds(31),
                        List.of("test-pod-2", "test-pod-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leftoverCases")
    void podMaxInUnschedulablePodsDuration(LeftoverCase tc) {
        PrioritySchedulingQueue.Builder b = PrioritySchedulingQueue.builder().clock(clock);
        if (tc.configured() != null) {
            b.podMaxInUnschedulablePodsDuration(tc.configured());
        }
        PrioritySchedulingQueue q = b.build();
        Pod pod1 = TestPods.pod("test-pod-1", "ns1", "tp-1").nominatedNodeName("node1").obj();
        Pod pod2 = TestPods.pod("test-pod-2", "ns2", "tp-2").nominatedNodeName("node2").obj();
        // pod2 failed one second before pod1
        q.add(PodInfo.of(pod2));
        QueuedPodInfo p2 = pop(q, pod2);
        q.add(PodInfo.of(pod1));
        QueuedPodInfo p1 = pop(q, pod1);
        q.addUnschedulableIfNotPresent(p2.withUnschedulablePlugins("plugin"), 1);
        clock.step(Duration.ofSeconds(1));
        q.addUnschedulableIfNotPresent(p1.withUnschedulablePlugins("plugin"), 2);

        // pod1 has now been unschedulable for tc.elapsed(), pod2 one second longer
        clock.step(tc.elapsed());
        q.flushUnschedulablePodsLeftover();

        // pods of equal priority leave in the order they failed
        assertThat(names(q.activeQueue())).containsExactlyElementsOf(tc.want());
    }

    // ---------------------------------------------------------------- timestamps

    @Test
    void podsMovedFromUnschedulableKeepTheirTimestampOrder() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod pod1 = TestPods.pod("test-pod-1", "ns1", "tp-1").nominatedNodeName("node1").obj();
        Pod pod2 = TestPods.pod("test-pod-2", "ns2", "tp-2").nominatedNodeName("node2").obj();
        q.add(PodInfo.of(pod2));
        clock.step(Duration.ofMillis(1));
        q.add(PodInfo.of(pod1));
        QueuedPodInfo first = popUnchecked(q);
        QueuedPodInfo second = popUnchecked(q);
        assertThat(first.key()).as("added first").isEqualTo("ns2/test-pod-2");
        // pod1 fails first, so it is older than pod2 when both come back
        q.addUnschedulableIfNotPresent(second.withUnschedulablePlugins("plugin"), 2);
        clock.step(Duration.ofSeconds(1));
        q.addUnschedulableIfNotPresent(first.withUnschedulablePlugins("plugin"), 2);
        clock.step(Duration.ofSeconds(3));

        q.moveAllToActiveOrBackoffQueue(QueueEvents.UNSCHEDULABLE_TIMEOUT, null, null);

        assertThat(names(q.activeQueue())).containsExactly("test-pod-1", "test-pod-2");
    }

    record AttemptsCase(String name, boolean updateBeforeSecondPop) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<AttemptsCase> attemptsCases() {
        return Stream.of(
                new AttemptsCase("pod is created and scheduled after 2 attempts", false),
                new AttemptsCase("pod is created and scheduled after 2 attempts but before the second pop, call update", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attemptsCases")
    void attemptsAndInitialAttemptTimestampSurviveRequeues(AttemptsCase tc) {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Instant start = clock.instant();
        Pod pod = TestPods.pod("test-pod", "test-ns", "test-uid").obj();
        q.add(PodInfo.of(pod));
        QueuedPodInfo p = pop(q, pod);
        q.addUnschedulableIfNotPresent(p.withUnschedulablePlugins("plugin"), 1);
        clock.set(start.plus(PrioritySchedulingQueue.DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION).plusNanos(1));
        q.flushUnschedulablePodsLeftover();
        if (tc.updateBeforeSecondPop()) {
            Pod newPod = new PodBuilder(pod).editMetadata().withGeneration(1L).endMetadata().build();
            q.update(PodInfo.of(pod), PodInfo.of(newPod));
        }

        QueuedPodInfo second = pop(q, pod);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.initialAttemptTimestamp()).isEqualTo(start);
    }

    @Test
    void flushesLeaveInFlightPodsAlone() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod pod = highPriority();
        q.add(PodInfo.of(pod));
        pop(q, pod);
        clock.step(Duration.ofHours(1));
        q.flushBackoffQCompleted();
        q.flushUnschedulablePodsLeftover();
        assertThat(q.pendingPods().pods()).isEmpty();
        assertThat(q.inFlightPods()).hasSize(1);
    }
}
