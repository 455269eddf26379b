package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.queue.QueueFixtures.HIGH;
import static io.kubeboot.scheduler.queue.QueueFixtures.MID;
import static io.kubeboot.scheduler.queue.QueueFixtures.highPriNominated;
import static io.kubeboot.scheduler.queue.QueueFixtures.highPriority;
import static io.kubeboot.scheduler.queue.QueueFixtures.medPriority;
import static io.kubeboot.scheduler.queue.QueueFixtures.names;
import static io.kubeboot.scheduler.queue.QueueFixtures.pop;
import static io.kubeboot.scheduler.queue.QueueFixtures.queue;
import static io.kubeboot.scheduler.queue.QueueFixtures.unschedulable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Adding, popping, updating, deleting and activating, after upstream's TestPriorityQueue_* cases. */
class PrioritySchedulingQueueTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void addPopsByPriorityAndNominatesPodsWithNominatedNodeName() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod med = medPriority();
        Pod unsched = unschedulable();
        Pod high = highPriority();
        q.add(PodInfo.of(med));
        q.add(PodInfo.of(unsched));
        q.add(PodInfo.of(high));

        // in nomination order, high has no status.nominatedNodeName
        assertThat(q.nominatedPodsForNode("node1")).extracting(PodInfo::uid).containsExactly("mppns2", "upns1");
        pop(q, high);
        pop(q, med);
        pop(q, unsched);
        // popping does not end a nomination
        assertThat(q.nominatedPodsForNode("node1")).hasSize(2);
    }

    @Test
    void equalPriorityPopsInArrivalOrder() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pods.add(TestPods.pod("p" + (4 - i), "ns", "u" + i).priority(MID).obj());
            q.add(PodInfo.of(pods.get(i)));
            clock.step(Duration.ofMillis(1));
        }
        for (Pod p : pods) {
            pop(q, p);
        }
    }

    @Test
    void popCountsAttemptsAndCyclesAndClearsRejectorPlugins() {
        PrioritySchedulingQueue q = queue(clock, Map.of("fooPlugin", List.of(QueueFixtures.NODE_ADD)));
        Pod pod = TestPods.pod("targetpod", "ns", "pod1").obj();
        Instant added = clock.instant();
        q.add(PodInfo.of(pod));

        QueuedPodInfo first = pop(q, pod);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.initialAttemptTimestamp()).isEqualTo(added);
        assertThat(q.schedulingCycle()).isEqualTo(1);
        assertThat(q.inFlightPods()).extracting(p -> p.getMetadata().getUid()).containsExactly("pod1");

        clock.step(Duration.ofSeconds(3));
        q.addUnschedulableIfNotPresent(first.withPendingPlugins("fooPlugin"), q.schedulingCycle());
        assertThat(q.inFlightPods()).isEmpty();
        q.moveAllToActiveOrBackoffQueue(QueueFixtures.NODE_ADD, null, null);

        QueuedPodInfo second = pop(q, pod);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.initialAttemptTimestamp()).as("kept from the first attempt").isEqualTo(added);
        assertThat(second.pendingPlugins()).isEmpty();
        assertThat(second.unschedulablePlugins()).isEmpty();
        assertThat(q.schedulingCycle()).isEqualTo(2);
    }

    @Test
    void addUnschedulableIfNotPresentPutsPodWithoutConcurrentEventsInUnschedulablePool() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod unsched = unschedulable();
        Pod highNominated = highPriNominated();
        q.add(PodInfo.of(unsched));
        QueuedPodInfo popped = pop(q, unsched);
        q.add(PodInfo.of(highNominated));

        q.addUnschedulableIfNotPresent(popped.withUnschedulablePlugins("plugin"), q.schedulingCycle());

        pop(q, highNominated);
        assertThat(q.unschedulablePods()).extracting(QueuedPodInfo::key).containsExactly("ns1/up");
        assertThat(q.nominatedPodsForNode("node1")).extracting(PodInfo::uid).containsExactlyInAnyOrder("upns1", "hppns1");
    }

    static Stream<Object[]> alreadyPresent() {
        return Stream.of(
                new Object[]{"active", "Pod ns1/hpp is already present in the active queue"},
                new Object[]{"backoff", "Pod ns1/hpp is already present in the backoff queue"},
                new Object[]{"unschedulable", "Pod ns1/hpp is already present in unschedulable queue"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alreadyPresent")
    void addUnschedulableIfNotPresentRefusesQueuedPodsAndStillEndsTracking(String where, String message) {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod pod = highPriority();
        q.add(PodInfo.of(pod));
        QueuedPodInfo popped = pop(q, pod);
        switch (where) {
            case "active" -> q.add(PodInfo.of(pod));
            case "backoff" -> q.addUnschedulableIfNotPresent(popped, 1); // no rejector plugins: backoff
            default -> q.addUnschedulableIfNotPresent(popped.withUnschedulablePlugins("plugin"), 1);
        }
        QueuedPodInfo again = popped.withUnschedulablePlugins("plugin");

        assertThatThrownBy(() -> q.addUnschedulableIfNotPresent(again, 1))
                .isInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThat(q.inFlightPods()).isEmpty();
    }

    @Test
    void popBlocksUntilAddAndReturnsNullOnceClosed() throws Exception {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        CompletableFuture<QueuedPodInfo> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return q.pop();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Pod pod = highPriority();
        q.add(PodInfo.of(pod));
        assertThat(waiting.get(5, TimeUnit.SECONDS).key()).isEqualTo("ns1/hpp");

        CompletableFuture<QueuedPodInfo> closedWait = CompletableFuture.supplyAsync(() -> {
            try {
                return q.pop();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        q.close();
        assertThat(closedWait.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(q.pop()).as("pop after close").isNull();
    }

    @Test
    void concurrentProducersAndConsumersPopEveryPodExactlyOnce() throws Exception {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        int producers = 4;
        int perProducer = 250;
        Set<String> popped = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(producers + 2);
        try {
            List<Future<?>> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                consumers.add(pool.submit(() -> {
                    for (QueuedPodInfo p = popOrNull(q); p != null; p = popOrNull(q)) {
                        if (!popped.add(p.uid())) {
                            duplicates.incrementAndGet();
                        }
                        q.done(p.uid());
                    }
                }));
            }
            List<Future<?>> producing = new ArrayList<>();
            for (int t = 0; t < producers; t++) {
                int thread = t;
                producing.add(pool.submit(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        q.add(TestPods.pod("p" + thread + "-" + i, "ns", "u" + thread + "-" + i).priority(i % 7).info());
                    }
                }));
            }
            for (Future<?> f : producing) {
                f.get(10, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> popped.size() == producers * perProducer);
            q.close();
            for (Future<?> f : consumers) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).hasValue(0);
        assertThat(q.schedulingCycle()).isEqualTo(producers * perProducer);
        assertThat(q.inFlightPods()).isEmpty();
    }

    private static QueuedPodInfo popOrNull(PrioritySchedulingQueue q) {
        try {
            return q.pop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void popIsInterruptible() throws Exception {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                q.pop();
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
        });
        t.start();
        t.interrupt();
        assertThat(interrupted.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runFlushesBackoffAndLeftoversPeriodicallyUntilClosed() throws Exception {
        PrioritySchedulingQueue q = PrioritySchedulingQueue.builder().clock(clock)
                .flushPeriods(Duration.ofMillis(5), Duration.ofMillis(5)).build();
        Pod backingOff = highPriority();
        Pod leftover = medPriority();
        q.add(PodInfo.of(backingOff));
        q.add(PodInfo.of(leftover));
        q.addUnschedulableIfNotPresent(pop(q, backingOff), 1);
        q.addUnschedulableIfNotPresent(pop(q, leftover).withUnschedulablePlugins("plugin"), 2);
        q.run();
        q.run(); // a second run starts nothing more

        clock.step(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> q.activeQueue().size() == 1);
        assertThat(names(q.activeQueue())).containsExactly("hpp");
        clock.step(PrioritySchedulingQueue.DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION);
        await().atMost(Duration.ofSeconds(5)).until(() -> q.activeQueue().size() == 2);

        q.close();
        assertThat(pop(q, backingOff).key()).as("pods queued before close are still handed out").isEqualTo("ns1/hpp");
        pop(q, leftover);
        assertThat(q.pop()).isNull();
    }

    // ---------------------------------------------------------------- update

    private static final String QUEUE_PLUGIN = "queuePlugin";
    private static final String SKIP_PLUGIN = "skipPlugin";

    /** Prepares the queue and returns the old and new pod for update(). */
    record UpdateCase(String name, String wantQueue, boolean wantNominated,
                      BiFunction<PrioritySchedulingQueue, ManualClock, Pod[]> prepare) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Pod withAnnotation(Pod pod, String value) {
        return new PodBuilder(pod).editMetadata().addToAnnotations("foo", value).endMetadata().build();
    }

    static Stream<UpdateCase> updateCases() {
        return Stream.of(
                new UpdateCase("Update pod that didn't exist in the queue", "active", false, (q, c) -> {
                    Pod old = medPriority();
                    return new Pod[]{old, withAnnotation(old, "test")};
                }),
                new UpdateCase("Update highPriorityPodInfo and add a nominatedNodeName to it", "active", true,
                        (q, c) -> new Pod[]{highPriority(), highPriNominated()}),
                new UpdateCase("When updating a pod that is already in activeQ, the pod should remain in activeQ after Update()", "active", false,
                        (q, c) -> {
                            q.add(PodInfo.of(highPriority()));
                            return new Pod[]{highPriority(), highPriority()};
                        }),
                new UpdateCase("When updating a pod that is in backoff queue and is still backing off, it will be updated in backoff queue", "backoff", false,
                        (q, c) -> {
                            Pod pod = medPriority();
                            q.add(PodInfo.of(pod));
                            q.addUnschedulableIfNotPresent(popUnchecked(q), 1);
                            return new Pod[]{pod, withAnnotation(pod, "test")};
                        }),
                new UpdateCase("when updating a pod in unschedulablePods, if its backoff timer has not yet expired, it moves to backoffQ", "backoff", false,
                        (q, c) -> {
                            Pod pod = medPriority();
                            toUnschedulable(q, pod, QUEUE_PLUGIN);
                            return new Pod[]{pod, withAnnotation(pod, "test")};
                        }),
                new UpdateCase("when updating a pod in unschedulablePods, if its backoff timer has expired, it moves to activeQ", "active", false,
                        (q, c) -> {
                            Pod pod = medPriority();
                            toUnschedulable(q, pod, QUEUE_PLUGIN);
                            c.step(BackoffPolicy.DEFAULT_MAX);
                            return new Pod[]{pod, withAnnotation(pod, "test1")};
                        }),
                new UpdateCase("when updating a pod in unschedulablePods, if no rejector plugin registered for the update, it remains in unschedulablePods", "unschedulable", false,
                        (q, c) -> {
                            Pod pod = medPriority();
                            toUnschedulable(q, pod, SKIP_PLUGIN);
                            return new Pod[]{pod, withAnnotation(pod, "test1")};
                        }),
                new UpdateCase("when updating a pod which is in flightPods, the pod will not be added to any queue", "none", false,
                        (q, c) -> {
                            Pod pod = medPriority();
                            q.add(PodInfo.of(pod));
                            popUnchecked(q);
                            return new Pod[]{pod, withAnnotation(pod, "bar")};
                        }));
    }

    private static QueuedPodInfo popUnchecked(PrioritySchedulingQueue q) {
        try {
            return q.pop();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void toUnschedulable(PrioritySchedulingQueue q, Pod pod, String plugin) {
        q.add(PodInfo.of(pod));
        q.addUnschedulableIfNotPresent(popUnchecked(q).withUnschedulablePlugins(plugin), q.schedulingCycle());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCases")
    void update(UpdateCase tc) {
        PrioritySchedulingQueue q = PrioritySchedulingQueue.builder().clock(clock)
                .pluginEvents(Map.of(QUEUE_PLUGIN, List.of(QueueFixtures.UNSCHEDULED_POD_UPDATE),
                        SKIP_PLUGIN, List.of(QueueFixtures.NODE_ADD)))
                .build();
        Pod[] pods = tc.prepare().apply(q, clock);
        Pod newPod = pods[1];

        q.update(PodInfo.of(pods[0]), PodInfo.of(newPod));

        String key = PodInfo.key(newPod);
        Map<String, List<QueuedPodInfo>> queues = Map.of("active", q.activeQueue(), "backoff", q.backoffQueue(),
                "unschedulable", q.unschedulablePods());
        Map<String, QueuedPodInfo> found = new HashMap<>();
        queues.forEach((name, list) -> list.stream().filter(p -> p.key().equals(key)).forEach(p -> found.put(name, p)));
        if (tc.wantQueue().equals("none")) {
            assertThat(found).isEmpty();
            return;
        }
        assertThat(found).containsOnlyKeys(tc.wantQueue());
        assertThat(found.get(tc.wantQueue()).pod()).isEqualTo(newPod);
        if (tc.wantNominated()) {
            assertThat(q.nominatedPodsForNode("node1")).extracting(PodInfo::uid).containsExactly(newPod.getMetadata().getUid());
        }
    }

    @Test
    void updateWhileInFlightRequeuesPodWhenRejectorRegisteredForTheUpdate() {
        PrioritySchedulingQueue q = queue(clock, Map.of("fakePlugin", List.of(QueueFixtures.UNSCHEDULED_POD_UPDATE)));
        Pod pod = TestPods.pod("test-pod", "test-ns", "test-uid").obj();
        q.add(PodInfo.of(pod));
        QueuedPodInfo popped = pop(q, pod);
        Pod updated = new PodBuilder(pod).editSpec().addToTolerations(new TolerationBuilder().withKey("foo")
                .withEffect("NoSchedule").build()).endSpec().build();

        q.update(PodInfo.of(pod), PodInfo.of(updated));
        assertThat(q.pendingPods().pods()).as("in-flight pods stay with their cycle").isEmpty();
        // the scheduler requeues the latest version of the pod
        q.addUnschedulableIfNotPresent(popped.withPodInfo(PodInfo.of(updated)).withUnschedulablePlugins("fakePlugin"),
                q.schedulingCycle());

        assertThat(q.backoffQueue()).extracting(QueuedPodInfo::pod).containsExactly(updated);
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteRemovesFromQueuesAndNominations() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        q.update(PodInfo.of(highPriority()), PodInfo.of(highPriNominated()));
        q.add(PodInfo.of(unschedulable()));
        q.delete(highPriNominated());

        assertThat(q.activeQueue()).extracting(QueuedPodInfo::key).containsExactly("ns1/up");
        assertThat(q.nominatedPodsForNode("node1")).extracting(PodInfo::uid).containsExactly("upns1");
        q.delete(unschedulable());
        assertThat(q.nominatedPodsForNode("node1")).isEmpty();
        assertThat(q.pendingPods().pods()).isEmpty();
    }

    @Test
    void deleteRemovesFromBackoffAndUnschedulable() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod a = highPriority();
        Pod b = medPriority();
        q.add(PodInfo.of(a));
        q.add(PodInfo.of(b));
        q.addUnschedulableIfNotPresent(pop(q, a), 1);
        q.addUnschedulableIfNotPresent(pop(q, b).withUnschedulablePlugins("plugin"), 2);
        assertThat(q.pendingPods().summary()).isEqualTo("activeQ:0; backoffQ:1; unschedulablePods:1");

        q.delete(a);
        q.delete(b);
        assertThat(q.pendingPods().summary()).isEqualTo("activeQ:0; backoffQ:0; unschedulablePods:0");
    }

    // ---------------------------------------------------------------- activate

    record ActivateCase(String name, String podIn, boolean otherPodInFlight, int wantActive, boolean wantInFlightEvent) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ActivateCase> activateCases() {
        return Stream.of(
                new ActivateCase("pod already in activeQ", "active", false, 1, false),
                new ActivateCase("pod not in unschedulablePods/backoffQ", "none", false, 0, false),
                new ActivateCase("pod not in unschedulablePods/backoffQ but in-flight", "inflight", false, 0, true),
                new ActivateCase("pod not in unschedulablePods/backoffQ and not in-flight", "none", true, 0, false),
                new ActivateCase("pod in unschedulablePods", "unschedulable", false, 1, false),
                new ActivateCase("pod in backoffQ", "backoff", false, 1, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activateCases")
    void activate(ActivateCase tc) {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod pod = highPriNominated();
        if (tc.otherPodInFlight()) {
            q.add(PodInfo.of(medPriority()));
            pop(q, medPriority());
        }
        switch (tc.podIn()) {
            case "active" -> q.add(PodInfo.of(pod));
            case "inflight" -> {
                q.add(PodInfo.of(pod));
                pop(q, pod);
            }
            case "unschedulable" -> {
                q.add(PodInfo.of(pod));
                q.addUnschedulableIfNotPresent(pop(q, pod).withUnschedulablePlugins("plugin"), 1);
            }
            case "backoff" -> {
                q.add(PodInfo.of(pod));
                q.addUnschedulableIfNotPresent(pop(q, pod), 1);
            }
            default -> {
            }
        }

        q.activate(List.of(pod));

        assertThat(q.activeQueue()).hasSize(tc.wantActive());
        if (tc.wantActive() > 0) {
            assertThat(q.activeQueue().get(0).key()).isEqualTo("ns1/hpp");
        }
        assertThat(q.inFlightEvents()).hasSize(tc.wantInFlightEvent() ? 1 : 0);
    }

    @Test
    void activatedInFlightPodComesBackToBackoffInsteadOfUnschedulable() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod pod = highPriority();
        Pod other = medPriority();
        q.add(PodInfo.of(pod));
        q.add(PodInfo.of(other));
        QueuedPodInfo popped = pop(q, pod);
        QueuedPodInfo otherPopped = pop(q, other);

        q.activate(List.of(pod));
        q.addUnschedulableIfNotPresent(popped.withUnschedulablePlugins("plugin"), q.schedulingCycle());
        // the activation named only pod, so the other in-flight pod is not affected by it
        q.addUnschedulableIfNotPresent(otherPopped.withUnschedulablePlugins("plugin"), q.schedulingCycle());

        assertThat(names(q.backoffQueue())).containsExactly("hpp");
        assertThat(names(q.unschedulablePods())).containsExactly("mpp");
    }

    // ---------------------------------------------------------------- nominated pods, pending pods

    @Test
    void nominatedPodsForNodeReturnsLatestQueuedVersion() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        q.add(PodInfo.of(medPriority()));
        q.add(PodInfo.of(unschedulable()));
        q.add(PodInfo.of(highPriority()));
        pop(q, highPriority());

        assertThat(q.nominatedPodsForNode("node1")).extracting(p -> p.pod().getMetadata().getName()).containsExactly("mpp", "up");
        assertThat(q.nominatedPodsForNode("node2")).isEmpty();

        Pod relabelled = new PodBuilder(medPriority()).editMetadata().addToLabels("new", "label").endMetadata().build();
        q.update(PodInfo.of(medPriority()), PodInfo.of(relabelled));
        // an update re-nominates the pod, so it moves to the end of the node's list
        assertThat(q.nominatedPodsForNode("node1")).extracting(PodInfo::name).containsExactly("up", "mpp");
        assertThat(q.nominatedPodsForNode("node1").get(1).labels()).containsEntry("new", "label");
    }

    @Test
    void pendingPodsListsAndCountsEachQueue() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod unsched = unschedulable();
        Pod high = highPriority();
        Pod med = medPriority();
        q.add(PodInfo.of(unsched));
        QueuedPodInfo p1 = pop(q, unsched);
        q.add(PodInfo.of(high));
        QueuedPodInfo p2 = pop(q, high);
        q.add(PodInfo.of(med));
        q.addUnschedulableIfNotPresent(p1.withUnschedulablePlugins("plugin"), q.schedulingCycle());
        q.addUnschedulableIfNotPresent(p2.withUnschedulablePlugins("plugin"), q.schedulingCycle());

        PendingPods pending = q.pendingPods();
        assertThat(pending.pods()).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("mpp", "up", "hpp");
        assertThat(pending.summary()).isEqualTo("activeQ:1; backoffQ:0; unschedulablePods:2");
        assertThat(pending.gated()).isZero();

        q.moveAllToActiveOrBackoffQueue(QueueEvents.UNSCHEDULABLE_TIMEOUT, null, null);
        pending = q.pendingPods();
        assertThat(pending.pods()).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("mpp", "up", "hpp");
        assertThat(pending.summary()).isEqualTo("activeQ:1; backoffQ:2; unschedulablePods:0");
    }

    @Test
    void metricsSeePendingCountsAndIncomingPods() {
        Map<String, Integer> pending = new HashMap<>();
        List<String> incoming = new ArrayList<>();
        PrioritySchedulingQueue q = PrioritySchedulingQueue.builder().clock(clock).metrics(new QueueMetrics() {
            @Override
            public void pending(String queue, int count) {
                pending.put(queue, count);
            }

            @Override
            public void incomingPod(String queue, String event) {
                incoming.add(queue + "/" + event);
            }
        }).build();
        Pod a = highPriority();
        Pod b = medPriority();
        q.add(PodInfo.of(a));
        q.add(PodInfo.of(b));
        q.addUnschedulableIfNotPresent(pop(q, a).withUnschedulablePlugins("plugin"), 1);

        assertThat(pending).containsExactlyInAnyOrderEntriesOf(Map.of("active", 1, "backoff", 0, "unschedulable", 1, "gated", 0));
        clock.step(Duration.ofSeconds(2));
        q.moveAllToActiveOrBackoffQueue(QueueEvents.UNSCHEDULABLE_TIMEOUT, null, null);
        assertThat(pending).containsEntry("active", 2).containsEntry("unschedulable", 0);
        assertThat(incoming).containsExactly("active/UnschedulablePodAdd", "active/UnschedulablePodAdd",
                "unschedulable/ScheduleAttemptFailure", "active/WildCardEvent");
    }

    @Test
    void getPodFindsPodInAnyQueue() {
        PrioritySchedulingQueue q = queue(clock, Map.of());
        Pod a = highPriority();
        Pod b = medPriority();
        Pod c = unschedulable();
        q.add(PodInfo.of(a));
        q.add(PodInfo.of(b));
        q.add(PodInfo.of(c));
        q.addUnschedulableIfNotPresent(pop(q, a), 1);
        q.addUnschedulableIfNotPresent(pop(q, b).withUnschedulablePlugins("x"), 1);

        assertThat(q.getPod("ns1", "hpp")).get().extracting(QueuedPodInfo::key).isEqualTo("ns1/hpp");
        assertThat(q.getPod("ns2", "mpp")).isPresent();
        assertThat(q.getPod("ns1", "up")).isPresent();
        assertThat(q.getPod("ns1", "missing")).isEmpty();
        assertThat(names(q.backoffQueue())).containsExactly("hpp");
        assertThat(names(q.unschedulablePods())).containsExactly("mpp");
        assertThat(names(q.activeQueue())).containsExactly("up");
    }

    @Test
    void builderUsesConfiguredBackoff() {
        PrioritySchedulingQueue q = PrioritySchedulingQueue.builder().clock(clock)
                .podInitialBackoff(Duration.ofSeconds(2)).podMaxBackoff(Duration.ofSeconds(20)).build();
        Pod pod = TestPods.pod("p", "ns", "u").priority(HIGH).obj();
        q.add(PodInfo.of(pod));
        QueuedPodInfo popped = pop(q, pod);
        Instant failedAt = clock.instant();
        q.addUnschedulableIfNotPresent(popped, 1);

        assertThat(q.backoffExpiry(q.backoffQueue().get(0))).isEqualTo(failedAt.plusSeconds(2));
    }
}
