package io.kubeboot.scheduler.core;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.scheduler.cache.NodeSnapshot;
import io.kubeboot.scheduler.cache.SchedulerCache;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PodNominator;
import io.kubeboot.scheduler.framework.runtime.Framework;
import io.kubeboot.scheduler.framework.runtime.Parallelizer;
import io.kubeboot.scheduler.framework.runtime.ProfileConfig;
import io.kubeboot.scheduler.plugins.InTreePlugins;
import io.kubeboot.scheduler.plugins.podtopologyspread.DefaultSelectors;
import io.kubeboot.scheduler.queue.PluginEventRegistry;
import io.kubeboot.scheduler.queue.PrioritySchedulingQueue;
import io.kubeboot.scheduler.queue.QueuedPodInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scheduleOne end to end with the default profile and in-memory doubles, after upstream
 * schedule_one_test.go TestSchedulerScheduleOne / TestSchedulerNoPhantomPodAfterDelete: a real queue,
 * cache, snapshot and plugins; only the API server is a recording double and binding runs inline.
 */
class SchedulerTest {
    private final RecordingCluster cluster = new RecordingCluster();
    private final SchedulerCache cache = new SchedulerCache();
    private final NodeSnapshot snapshot = new NodeSnapshot();
    private final DecisionLog decisions = new DecisionLog();
    private final Parallelizer parallelizer = new Parallelizer(1);
    private PrioritySchedulingQueue queue;
    private Scheduler scheduler;

    @BeforeEach
    void setUp() {
        AtomicReference<PodNominator> nominator = new AtomicReference<>();
        ProfileConfig profile = new ProfileConfig("default-scheduler", InTreePlugins.defaultPlugins(), Map.of(), 0);
        Framework fwk = new Framework(profile, InTreePlugins.registry(DefaultSelectors.NONE),
                new Framework.Services(() -> snapshot, n -> nominator.get().nominatedPodsForNode(n), cluster, parallelizer));
        queue = PrioritySchedulingQueue.builder().pluginEvents(PluginEventRegistry.of(fwk.plugins())).build();
        nominator.set(queue);
        scheduler = new Scheduler(Map.of("default-scheduler", fwk), queue, cache, snapshot, parallelizer,
                new DirectExecutorService(), cluster, cluster, cluster::current, SchedulerMetrics.NONE, decisions, new Random(1));
    }

    @AfterEach
    void tearDown() {
        queue.close();
        parallelizer.close();
    }

    private static Node node(String name, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"),
                        "pods", new Quantity("110"))).endStatus()
                .build();
    }

    private static Pod pod(String name, Map<String, String> nodeSelector) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name)
                .withResourceVersion("1").endMetadata()
                .withNewSpec().withSchedulerName("default-scheduler").withNodeSelector(nodeSelector)
                .addNewContainer().withName("c").withImage("nginx")
                .withNewResources().addToRequests("cpu", new Quantity("100m")).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus()
                .build();
    }

    private void addNodes(Node... nodes) {
        for (Node n : nodes) {
            cache.addNode(n);
        }
    }

    /** The pod as the informer delivers it: known to the API server, added to the queue. */
    private Pod submit(Pod pod) {
        cluster.create(pod);
        queue.add(PodInfo.of(pod));
        return pod;
    }

    @Test
    void aPodWithNodeSelectorIsBoundToTheMatchingNode() throws InterruptedException {
        addNodes(node("node1", Map.of("disk", "hdd")), node("node2", Map.of("disk", "ssd")), node("node3", Map.of()));
        Pod p = submit(pod("p", Map.of("disk", "ssd")));

        assertThat(scheduler.scheduleOne()).isTrue();

        assertThat(cluster.binds).containsExactly(Map.entry("default/p", "node2"));
        assertThat(cluster.events).containsExactly(
                new RecordingCluster.Event("default/p", "Normal", "Scheduled", "Successfully assigned default/p to node2"));
        assertThat(cluster.statusWrites).isEmpty();
        assertThat(cache.isAssumed(p)).as("assumed until the informer confirms the binding").isTrue();
        assertThat(queue.getPod("default", "p")).isEmpty();
        assertThat(decisions.recent().get(0).node()).isEqualTo("node2");
        assertThat(decisions.recent().get(0).result()).isEqualTo("Scheduled");
    }

    @Test
    void anUnschedulablePodGetsFailedSchedulingAndWaitsInTheUnschedulablePool() throws InterruptedException {
        addNodes(node("node1", Map.of("disk", "hdd")), node("node2", Map.of("disk", "ssd")), node("node3", Map.of()));
        Pod p = submit(pod("p", Map.of("disk", "nvme")));

        scheduler.scheduleOne();

        String want = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. "
                + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
        assertThat(cluster.binds).isEmpty();
        assertThat(cluster.events).containsExactly(new RecordingCluster.Event("default/p", "Warning", "FailedScheduling", want));
        assertThat(cluster.statusWrites).containsExactly(new RecordingCluster.StatusWrite("default/p", "Unschedulable", want, ""));
        assertThat(cache.isAssumed(p)).isFalse();
        List<QueuedPodInfo> waiting = queue.unschedulablePods();
        assertThat(waiting).extracting(QueuedPodInfo::key).containsExactly("default/p");
        assertThat(waiting.get(0).unschedulablePlugins()).containsExactly("NodeAffinity");
    }

    @Test
    void nodesLeftOutByPreFilterCountUnderThePluginThatNarrowed() throws InterruptedException {
        Node tainted = new NodeBuilder(node("node1", Map.of())).editOrNewSpec().addNewTaint().withKey("k").withValue("v")
                .withEffect("NoSchedule").endTaint().endSpec().build();
        addNodes(tainted, node("node2", Map.of()), node("node3", Map.of()));
        Pod pinned = new PodBuilder(pod("p", Map.of())).editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchField()
                .withKey("metadata.name").withOperator("In").withValues("node1").endMatchField().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
        submit(pinned);

        scheduler.scheduleOne();

        String want = "0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, 2 node(s) didn't satisfy plugin(s) "
                + "[NodeAffinity]. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
        assertThat(cluster.events).extracting(RecordingCluster.Event::message).containsExactly(want);
        assertThat(decisions.recent().get(0).evaluated()).as("only the pinned node was filtered").isEqualTo(1);
        assertThat(queue.unschedulablePods().get(0).unschedulablePlugins()).containsExactlyInAnyOrder("NodeAffinity", "TaintToleration");
    }

    @Test
    void withoutNodesThePodIsToldSo() throws InterruptedException {
        submit(pod("p", Map.of()));

        scheduler.scheduleOne();

        assertThat(cluster.events).containsExactly(new RecordingCluster.Event("default/p", "Warning", "FailedScheduling",
                "no nodes available to schedule pods"));
        assertThat(cluster.statusWrites).containsExactly(new RecordingCluster.StatusWrite("default/p", "Unschedulable",
                "no nodes available to schedule pods", ""));
        assertThat(queue.getPod("default", "p")).as("requeued").isPresent();
    }

    @Test
    void aFailedBindForgetsThePodAndRequeuesIt() throws InterruptedException {
        addNodes(node("node1", Map.of()));
        Pod p = submit(pod("p", Map.of()));
        cluster.failBinds = "binding refused";

        scheduler.scheduleOne();

        String want = "running Bind plugin \"DefaultBinder\": binding refused";
        assertThat(cache.isAssumed(p)).isFalse();
        assertThat(cache.podCount()).as("forgotten").isZero();
        NodeSnapshot fresh = new NodeSnapshot();
        cache.updateSnapshot(fresh);
        assertThat(fresh.get("node1").pods()).isEmpty();
        assertThat(cluster.events).containsExactly(new RecordingCluster.Event("default/p", "Warning", "FailedScheduling", want));
        assertThat(cluster.statusWrites).extracting(RecordingCluster.StatusWrite::reason).containsExactly("SchedulerError");
        assertThat(queue.getPod("default", "p")).as("requeued for a retry").isPresent();
        assertThat(queue.unschedulablePods()).as("an error waits for no event").isEmpty();
    }

    @Test
    void aPodDeletedMeanwhileIsNotRequeuedOrWrittenTo() throws InterruptedException {
        Pod p = submit(pod("p", Map.of("disk", "nvme")));
        addNodes(node("node1", Map.of()));
        cluster.pods.remove("default/p");

        scheduler.scheduleOne();

        assertThat(cluster.events).isEmpty();
        assertThat(cluster.statusWrites).isEmpty();
        assertThat(queue.getPod("default", "p")).isEmpty();
        assertThat(cache.isAssumed(p)).isFalse();
    }

    @Test
    void inALargeClusterOnlyEnoughNodesAreEvaluatedAndTheSearchRotates() throws InterruptedException {
        // 200 nodes: the adaptive percentage (49%) gives 98, raised to the minimum of 100
        for (int i = 0; i < 200; i++) {
            cache.addNode(node(String.format("node-%03d", i), Map.of("group", i < 100 ? "low" : "high")));
        }
        submit(pod("first", Map.of()));
        scheduler.scheduleOne();
        Decision first = decisions.recent().get(0);
        assertThat(first.evaluated()).isEqualTo(100);
        assertThat(first.feasible()).isEqualTo(100);
        assertThat(first.node()).startsWith("node-0");

        // the second search starts at node-100: the "high" nodes pass at once; starting over at node-000
        // would have rejected the 100 "low" ones first
        submit(pod("second", Map.of("group", "high")));
        scheduler.scheduleOne();
        Decision second = decisions.recent().get(0);
        assertThat(second.pod()).isEqualTo("default/second");
        assertThat(second.evaluated()).isEqualTo(100);
        assertThat(second.feasible()).isEqualTo(100);
        assertThat(second.node()).startsWith("node-1");
        assertThat(cluster.binds).hasSize(2);
    }
}
