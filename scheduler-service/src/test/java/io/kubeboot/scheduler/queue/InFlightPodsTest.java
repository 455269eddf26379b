package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.testkit.ManualClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.queue.QueueFixtures.NAMESPACE_ADD;
import static io.kubeboot.scheduler.queue.QueueFixtures.NODE_ADD;
import static io.kubeboot.scheduler.queue.QueueFixtures.NODE_ALLOCATABLE;
import static io.kubeboot.scheduler.queue.QueueFixtures.NODE_LABEL;
import static io.kubeboot.scheduler.queue.QueueFixtures.NODE_TAINT;
import static io.kubeboot.scheduler.queue.QueueFixtures.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events received while pods are being scheduled, after upstream's Test_InFlightPods: which pods and
 * events are tracked, and where a pod coming back goes. Upstream's PV/PVC/CSINode events are stood in
 * for by node and namespace events, its Skip-returning hints by plugins not registered for the event.
 */
class InFlightPodsTest {
    private static final ClusterEvent ASSIGNED_POD_ADD = QueueEvents.ASSIGNED_POD_ADD;

    private static Pod pod1() {
        return TestPods.pod("targetpod", "ns", "pod1").obj();
    }

    private static Pod pod2() {
        return TestPods.pod("targetpod2", "ns", "pod2").obj();
    }

    private static Pod pod3() {
        return TestPods.pod("targetpod3", "ns", "pod3").obj();
    }

    /** The queue under test and the pods popped so far, by uid. */
    static final class Ctx {
        final PrioritySchedulingQueue q;
        final Map<String, QueuedPodInfo> popped = new HashMap<>();

        Ctx(PrioritySchedulingQueue q) {
            this.q = q;
        }
    }

    record Step(String text, Consumer<Ctx> action) {
        @Override
        public String toString() {
            return text;
        }
    }

    static Step popped(Pod pod) {
        return new Step("pop " + pod.getMetadata().getName(), c -> c.popped.put(pod.getMetadata().getUid(), QueueFixtures.pop(c.q, pod)));
    }

    static Step happens(ClusterEvent event) {
        return new Step("event " + event, c -> c.q.moveAllToActiveOrBackoffQueue(event, null, null));
    }

    static Step created(Pod pod) {
        return new Step("create " + pod.getMetadata().getName(), c -> c.q.add(PodInfo.of(pod)));
    }

    /** The popped pod comes back rejected by these plugins. */
    static Step enqueued(Pod pod, Set<String> unschedulable, Set<String> pending) {
        return new Step("enqueue " + pod.getMetadata().getName(), c -> {
            QueuedPodInfo p = c.popped.get(pod.getMetadata().getUid());
            c.q.addUnschedulableIfNotPresent(p.withRejectorPlugins(unschedulable, pending), c.q.schedulingCycle());
        });
    }

    static Step enqueued(Pod pod, String... unschedulable) {
        return enqueued(pod, Set.of(unschedulable), Set.of());
    }

    record Case(String name, Map<String, List<ClusterEvent>> registrations, List<Pod> initialPods, List<Step> steps,
                List<String> wantInFlightPods, List<ClusterEvent> wantInFlightEvents,
                List<String> wantActive, List<String> wantBackoff, List<String> wantUnschedulable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Map<String, List<ClusterEvent>> fooForAll = Map.of("fooPlugin1", List.of(NODE_LABEL, NODE_ADD, NAMESPACE_ADD, NODE_ALLOCATABLE, ASSIGNED_POD_ADD));
        return Stream.of(
                new Case("Pod and interested events are registered in inFlightPods/inFlightEvents",
                        Map.of("fooPlugin1", List.of(NODE_LABEL)), List.of(pod1()),
                        List.of(happens(NAMESPACE_ADD), // no pod in flight yet
                                popped(pod1()),
                                happens(NODE_LABEL),
                                happens(NODE_TAINT)), // no plugin is interested
                        List.of("pod1"), List.of(NODE_LABEL), List.of(), List.of(), List.of()),
                new Case("Pod, registered in inFlightPods, is enqueued back to backoffQ",
                        fooForAll, List.of(pod1(), pod2()),
                        List.of(happens(NAMESPACE_ADD), popped(pod1()), happens(NODE_LABEL), popped(pod2()), happens(NODE_ADD),
                                // no rejector plugin: an unexpected error, retried after backoff
                                enqueued(pod1())),
                        List.of("pod2"), List.of(NODE_ADD), List.of(), List.of("targetpod"), List.of()),
                new Case("All Pods registered in inFlightPods are enqueued back to backoffQ",
                        fooForAll, List.of(pod1(), pod2()),
                        List.of(happens(NAMESPACE_ADD), popped(pod1()), happens(NODE_LABEL), popped(pod2()), happens(NODE_ADD),
                                enqueued(pod1()), happens(NODE_ALLOCATABLE), enqueued(pod2())),
                        List.of(), List.of(), List.of(), List.of("targetpod", "targetpod2"), List.of()),
                new Case("One intermediate Pod registered in inFlightPods is enqueued back to backoffQ",
                        fooForAll, List.of(pod1(), pod2(), pod3()),
                        List.of(happens(NAMESPACE_ADD), popped(pod1()), happens(NODE_LABEL), popped(pod2()), happens(NODE_ADD),
                                popped(pod3()), happens(ASSIGNED_POD_ADD), enqueued(pod2())),
                        List.of("pod1", "pod3"), List.of(NODE_LABEL, NODE_ADD, ASSIGNED_POD_ADD),
                        List.of(), List.of("targetpod2"), List.of()),
                new Case("events before popping Pod are ignored when Pod is enqueued back to queue",
                        Map.of("fooPlugin1", List.of(NODE_ADD), "barPlugin", List.of(ASSIGNED_POD_ADD)), List.of(pod1()),
                        List.of(happens(QueueEvents.UNSCHEDULABLE_TIMEOUT), popped(pod1()), happens(ASSIGNED_POD_ADD),
                                // fooPlugin1 does not care about assigned pods
                                enqueued(pod1(), "fooPlugin1")),
                        List.of(), List.of(), List.of(), List.of(), List.of("targetpod")),
                new Case("pod is enqueued to backoff if no failed plugin",
                        Map.of("fooPlugin1", List.of(ASSIGNED_POD_ADD)), List.of(pod1()),
                        List.of(popped(pod1()), happens(ASSIGNED_POD_ADD), enqueued(pod1())),
                        List.of(), List.of(), List.of(), List.of("targetpod"), List.of()),
                new Case("pod is enqueued to unschedulable pod pool if no events that can make the pod schedulable",
                        Map.of("fooPlugin1", List.of(ASSIGNED_POD_ADD)), List.of(pod1()),
                        List.of(popped(pod1()), happens(NODE_ADD), enqueued(pod1(), "fooPlugin1")),
                        List.of(), List.of(), List.of(), List.of(), List.of("targetpod")),
                new Case("pod is enqueued to activeQ because the Pending plugin registered for the event",
                        Map.of("fooPlugin1", List.of(ASSIGNED_POD_ADD), "fooPlugin2", List.of(ASSIGNED_POD_ADD), "fooPlugin3", List.of(NODE_ADD)),
                        List.of(pod1()),
                        List.of(popped(pod1()), happens(ASSIGNED_POD_ADD),
                                enqueued(pod1(), Set.of("fooPlugin2", "fooPlugin3"), Set.of("fooPlugin1"))),
                        List.of(), List.of(), List.of("targetpod"), List.of(), List.of()),
                new Case("pod is enqueued to backoffQ because the failed plugin registered for the event",
                        Map.of("fooPlugin1", List.of(ASSIGNED_POD_ADD), "fooPlugin2", List.of(NODE_ADD)), List.of(pod1()),
                        List.of(popped(pod1()), happens(ASSIGNED_POD_ADD), enqueued(pod1(), "fooPlugin1", "fooPlugin2")),
                        List.of(), List.of(), List.of(), List.of("targetpod"), List.of()),
                new Case("pod is enqueued to activeQ because the pending plugin registered for a concurrent event received while some other pod was in flight",
                        Map.of("fooPlugin1", List.of(ASSIGNED_POD_ADD), "fooPlugin2", List.of(ASSIGNED_POD_ADD), "fooPlugin3", List.of(NODE_LABEL)),
                        List.of(pod1(), pod2()),
                        List.of(popped(pod1()), happens(NODE_ADD), popped(pod2()), happens(ASSIGNED_POD_ADD),
                                enqueued(pod1()),
                                enqueued(pod2(), Set.of("fooPlugin2", "fooPlugin3"), Set.of("fooPlugin1"))),
                        List.of(), List.of(), List.of("targetpod2"), List.of("targetpod"), List.of()),
                new Case("Pop is made twice for the same Pod, but the cleanup still happen correctly",
                        fooForAll, List.of(pod1(), pod2()),
                        List.of(happens(NAMESPACE_ADD), popped(pod1()), happens(NODE_LABEL), popped(pod2()),
                                // a bug elsewhere puts pod1 into the active queue while it is being scheduled
                                created(pod1()),
                                created(pod3()),
                                // pod1 is discarded, pod3 popped
                                popped(pod3()),
                                new Step("active queue empty", c -> assertThat(c.q.activeQueue()).isEmpty()),
                                happens(NODE_ADD), enqueued(pod1()), happens(NODE_ALLOCATABLE), enqueued(pod2()), enqueued(pod3())),
                        List.of(), List.of(), List.of(), List.of("targetpod", "targetpod2", "targetpod3"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inFlightPods(Case tc) {
        ManualClock clock = new ManualClock();
        Ctx c = new Ctx(QueueFixtures.queue(clock, tc.registrations()));
        for (Pod p : tc.initialPods()) {
            c.q.add(PodInfo.of(p));
            // distinct timestamps make the pop order the order of creation
            clock.step(Duration.ofSeconds(1));
        }
        for (Step s : tc.steps()) {
            s.action().accept(c);
        }

        assertThat(c.q.inFlightPods()).extracting(p -> p.getMetadata().getUid()).containsExactlyInAnyOrderElementsOf(tc.wantInFlightPods());
        assertThat(c.q.inFlightEvents()).containsExactlyElementsOf(tc.wantInFlightEvents());
        assertThat(names(c.q.activeQueue())).containsExactlyInAnyOrderElementsOf(tc.wantActive());
        assertThat(names(c.q.backoffQueue())).containsExactlyInAnyOrderElementsOf(tc.wantBackoff());
        assertThat(names(c.q.unschedulablePods())).containsExactlyInAnyOrderElementsOf(tc.wantUnschedulable());
    }
}
