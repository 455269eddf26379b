package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.testkit.ManualClock;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pods, events and helpers shared by the queue tests, after upstream scheduling_queue_test.go. */
final class QueueFixtures {
    static final int LOW = 0;
    static final int MID = 100;
    static final int HIGH = 1000;
    static final int MEDIUM = (LOW + HIGH) / 2;

    static final ClusterEvent NODE_ADD = ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD);
    static final ClusterEvent NODE_LABEL = ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.UPDATE_NODE_LABEL);
    static final ClusterEvent NODE_TAINT = ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.UPDATE_NODE_TAINT);
    static final ClusterEvent NODE_ALLOCATABLE = ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.UPDATE_NODE_ALLOCATABLE);
    static final ClusterEvent NAMESPACE_ADD = ClusterEvent.of(ClusterEvent.Resource.NAMESPACE, ClusterEvent.ADD);
    static final ClusterEvent UNSCHEDULED_POD_UPDATE = ClusterEvent.of(ClusterEvent.Resource.UNSCHEDULED_POD, ClusterEvent.UPDATE);

    private QueueFixtures() {
    }

    static Pod highPriority() {
        return TestPods.pod("hpp", "ns1", "hppns1").priority(HIGH).obj();
    }

    static Pod highPriNominated() {
        return TestPods.pod("hpp", "ns1", "hppns1").priority(HIGH).nominatedNodeName("node1").obj();
    }

    static Pod medPriority() {
        return TestPods.pod("mpp", "ns2", "mppns2").annotation("annot2", "val2").priority(MEDIUM).nominatedNodeName("node1").obj();
    }

    static Pod unschedulable() {
        return TestPods.pod("up", "ns1", "upns1").annotation("annot2", "val2").priority(LOW).nominatedNodeName("node1").obj();
    }

    static Pod nonExistent() {
        return TestPods.pod("ne", "ns1", "nens1").obj();
    }

    static Pod scheduled() {
        return TestPods.pod("sp", "ns1", "spns1").node("foo").obj();
    }

    static PrioritySchedulingQueue queue(ManualClock clock, Map<String, List<ClusterEvent>> pluginEvents) {
        return PrioritySchedulingQueue.builder().clock(clock).pluginEvents(pluginEvents).build();
    }

    /** Pops without blocking: the test knows the active queue is not empty. */
    static QueuedPodInfo pop(PrioritySchedulingQueue q, Pod expected) {
        assertThat(q.activeQueue()).as("active queue before pop").isNotEmpty();
        try {
            QueuedPodInfo p = q.pop();
            assertThat(p.pod().getMetadata().getUid()).as("popped pod").isEqualTo(expected.getMetadata().getUid());
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<String> names(List<QueuedPodInfo> pods) {
        return pods.stream().map(p -> p.pod().getMetadata().getName()).toList();
    }
}
