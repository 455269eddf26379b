package io.kubeboot.scheduler.informers;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.scheduler.cache.NodeSnapshot;
import io.kubeboot.scheduler.cache.SchedulerCache;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.queue.PrioritySchedulingQueue;
import io.kubeboot.scheduler.queue.QueuedPodInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing of informer events to the cache and the queue, after upstream eventhandlers_test.go. */
class SchedulerEventHandlersTest {
    private final SchedulerCache cache = new SchedulerCache();
    /** NodeAffinity retries on node additions and label changes only. */
    private final PrioritySchedulingQueue queue = PrioritySchedulingQueue.builder()
            .pluginEvents(Map.of("NodeAffinity", List.of(ClusterEvent.of(ClusterEvent.Resource.NODE,
                    ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_LABEL)))).build();
    private final SchedulerEventHandlers handlers = new SchedulerEventHandlers(cache, queue, Set.of("default-scheduler", "second"));
    private final ResourceEventHandler<Pod> pods = handlers.pods();
    private final ResourceEventHandler<Node> nodes = handlers.nodes();

    @AfterEach
    void tearDown() {
        queue.close();
    }

    private static Pod pod(String name, String schedulerName, String nodeName, String resourceVersion) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name)
                .withResourceVersion(resourceVersion).endMetadata()
                .withNewSpec().withSchedulerName(schedulerName).withNodeName(nodeName).endSpec().build();
    }

    private static Pod deleting(Pod p) {
        return new PodBuilder(p).editMetadata().withDeletionTimestamp("2025-01-01T00:00:00Z").withResourceVersion("9").endMetadata().build();
    }

    private static Node node(String name, Map<String, String> labels, Map<String, String> annotations) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).withAnnotations(annotations).endMetadata().build();
    }

    private boolean queued(String name) {
        return queue.getPod("ns", name).isPresent();
    }

    @Test
    void addRoutesByAssignmentAndSchedulerName() {
        pods.onAdd(pod("assigned", "default-scheduler", "node1", "1"));
        pods.onAdd(pod("ours", "default-scheduler", null, "1"));
        pods.onAdd(pod("second-profile", "second", null, "1"));
        pods.onAdd(pod("unnamed", null, null, "1"));
        pods.onAdd(pod("theirs", "other-scheduler", null, "1"));
        pods.onAdd(deleting(pod("terminating", "default-scheduler", null, "1")));

        assertThat(cache.podCount()).isEqualTo(1);
        assertThat(queued("assigned")).isFalse();
        assertThat(queue.activeQueue()).extracting(QueuedPodInfo::key)
                .containsExactlyInAnyOrder("ns/ours", "ns/second-profile", "ns/unnamed");
    }

    @Test
    void anAssignedPodOfAnotherSchedulerStillCountsInTheCache() {
        pods.onAdd(pod("theirs", "other-scheduler", "node1", "1"));
        assertThat(cache.podCount()).isEqualTo(1);
    }

    @Test
    void bindingMovesThePodFromTheQueueToTheCache() {
        Pod pending = pod("p", "default-scheduler", null, "1");
        pods.onAdd(pending);
        pods.onUpdate(pending, pod("p", "default-scheduler", "node1", "2"));

        assertThat(queued("p")).isFalse();
        assertThat(cache.podCount()).isEqualTo(1);
        NodeSnapshot s = new NodeSnapshot();
        cache.addNode(node("node1", Map.of(), Map.of()));
        cache.updateSnapshot(s);
        assertThat(s.get("node1").pods()).extracting(PodInfo::name).containsExactly("p");
    }

    @Test
    void anAssumedPodIsConfirmedByItsBinding() {
        Pod pending = pod("p", "default-scheduler", null, "1");
        cache.assumePod(PodInfo.of(pending), "node1");
        pods.onUpdate(pending, pod("p", "default-scheduler", "node1", "2"));
        assertThat(cache.isAssumed(pending)).isFalse();
        assertThat(cache.podCount()).isEqualTo(1);
    }

    @Test
    void updatesOfOtherSchedulersPodsAreIgnored() {
        Pod old = pod("theirs", "other-scheduler", null, "1");
        pods.onUpdate(old, pod("theirs", "other-scheduler", null, "2"));
        assertThat(queued("theirs")).isFalse();
    }

    @Test
    void anUnassignedPodMarkedForDeletionLeavesTheQueue() {
        Pod p = pod("p", "default-scheduler", null, "1");
        pods.onAdd(p);
        pods.onUpdate(p, deleting(p));
        assertThat(queued("p")).isFalse();
    }

    @Test
    void deletesRemoveFromTheCacheOrTheQueue() {
        Pod assigned = pod("assigned", "default-scheduler", "node1", "1");
        Pod pending = pod("pending", "default-scheduler", null, "1");
        Pod assumed = pod("assumed", "default-scheduler", null, "1");
        pods.onAdd(assigned);
        pods.onAdd(pending);
        cache.assumePod(PodInfo.of(assumed), "node2");

        pods.onDelete(assigned, false);
        pods.onDelete(pending, false);
        pods.onDelete(assumed, true);

        assertThat(cache.podCount()).isZero();
        assertThat(cache.isAssumed(assumed)).isFalse();
        assertThat(queue.activeQueue()).isEmpty();
    }

    @Test
    void nodeEventsReachTheCacheAndRetryOnlyInterestedPods() throws InterruptedException {
        nodes.onAdd(node("node1", Map.of("zone", "a"), Map.of()));
        assertThat(cache.nodeCount()).isEqualTo(1);

        pods.onAdd(pod("p", "default-scheduler", null, "1"));
        QueuedPodInfo popped = queue.pop();
        queue.addUnschedulableIfNotPresent(popped.withRejectorPlugins(Set.of("NodeAffinity"), Set.of()), queue.schedulingCycle());
        assertThat(queue.unschedulablePods()).hasSize(1);

        nodes.onUpdate(node("node1", Map.of("zone", "a"), Map.of()), node("node1", Map.of("zone", "a"), Map.of("note", "x")));
        assertThat(queue.unschedulablePods()).as("an annotation change does not interest NodeAffinity").hasSize(1);

        nodes.onUpdate(node("node1", Map.of("zone", "a"), Map.of()), node("node1", Map.of("zone", "b"), Map.of()));
        assertThat(queue.unschedulablePods()).as("a label change does").isEmpty();
        assertThat(queued("p")).isTrue();

        nodes.onDelete(node("node1", Map.of("zone", "b"), Map.of()), false);
        assertThat(cache.nodeCount()).isZero();
    }

    @Test
    void namespaceLabelsFollowTheNamespaceInformer() {
        ResourceEventHandler<Namespace> namespaces = handlers.namespaces();
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName("team").withLabels(Map.of("tier", "gold")).endMetadata().build();
        NodeSnapshot s = new NodeSnapshot();

        namespaces.onAdd(ns);
        cache.updateSnapshot(s);
        assertThat(s.namespaceLabels("team")).containsExactly(Map.entry("tier", "gold"));

        namespaces.onDelete(ns, false);
        cache.updateSnapshot(s);
        assertThat(s.namespaceLabels("team")).isEmpty();
    }
}
