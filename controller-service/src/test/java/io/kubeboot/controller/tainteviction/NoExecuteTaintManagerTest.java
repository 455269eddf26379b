package io.kubeboot.controller.tainteviction;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.kubeboot.controller.util.Taints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** After upstream's taint_eviction_test: TestCreatePod, TestUpdatePod, TestCreateNode, TestUpdateNode, TestDeletePod. */
class NoExecuteTaintManagerTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final Taint UNREACHABLE = Taints.taint(Taints.UNREACHABLE, "NoExecute");
    private static final Taint OTHER = Taints.taint("example.com/other", "NoExecute");

    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, Pod> pods = new HashMap<>();
    private final List<String> deleted = new ArrayList<>();
    private final List<String> cancelEvents = new ArrayList<>();
    private final FakeDelayedExecutor executor = new FakeDelayedExecutor();
    private final TimedWorkerQueue queue = new TimedWorkerQueue((key, fireAt) -> deleted.add(key), executor);
    private final NoExecuteTaintManager manager = new NoExecuteTaintManager(new NoExecuteTaintManager.Lookup() {
        @Override
        public Node node(String name) {
            return nodes.get(name);
        }

        @Override
        public Pod pod(String namespace, String name) {
            return pods.get(namespace + "/" + name);
        }

        @Override
        public List<Pod> podsOn(String nodeName) {
            return pods.values().stream().filter(p -> nodeName.equals(p.getSpec().getNodeName())).toList();
        }
    }, queue, (ns, name) -> cancelEvents.add(ns + "/" + name), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Toleration tolerate(String key, Long seconds) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(seconds).build();
    }

    private void node(String name, Taint... taints) {
        nodes.put(name, new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withTaints(taints).endSpec().build());
    }

    private void pod(String name, String nodeName, Toleration... tolerations) {
        pods.put("default/" + name, new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(nodeName).withTolerations(tolerations).endSpec().build());
    }

    static Stream<Arguments> createPodCases() {
        return Stream.of(
                Arguments.of("not scheduled", null, new Toleration[0], false, null),
                Arguments.of("no tolerations: deleted at once", "node1", new Toleration[0], true, null),
                Arguments.of("tolerated forever: kept", "node1", new Toleration[] {tolerate(Taints.UNREACHABLE, null)}, false, null),
                Arguments.of("tolerated for 2 s: timer", "node1", new Toleration[] {tolerate(Taints.UNREACHABLE, 2L)}, false, Duration.ofSeconds(2)),
                Arguments.of("tolerated for 0 s: deleted at once", "node1", new Toleration[] {tolerate(Taints.UNREACHABLE, 0L)}, true, null),
                Arguments.of("other key tolerated: deleted at once", "node1", new Toleration[] {tolerate("example.com/other", null)}, true, null),
                Arguments.of("on an untainted node", "node2", new Toleration[0], false, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createPodCases")
    void createPod(String name, String nodeName, Toleration[] tolerations, boolean deletedAtOnce, Duration timer) {
        node("node1", UNREACHABLE);
        node("node2");
        manager.handleNodeUpdate("node1");
        manager.handleNodeUpdate("node2");
        pod("p", nodeName, tolerations);

        manager.handlePodUpdate("default", "p", nodeName == null ? "" : nodeName);

        assertThat(deleted).isEqualTo(deletedAtOnce ? List.of("default/p") : List.of());
        if (timer == null) {
            assertThat(executor.pending()).isEmpty();
        } else {
            assertThat(executor.pending()).singleElement().satisfies(t -> assertThat(t.delay).isEqualTo(timer));
            executor.fireAll();
            assertThat(deleted).containsExactly("default/p");
        }
    }

    @Test
    void taintAddedToANodeSchedulesItsPodsAndRemovingItCancelsWithAnEvent() {
        node("node1");
        pod("keep", "node1", tolerate(Taints.UNREACHABLE, null));
        pod("soon", "node1", tolerate(Taints.UNREACHABLE, 2L));
        pod("now", "node1");
        manager.handleNodeUpdate("node1");
        assertThat(deleted).isEmpty();

        node("node1", UNREACHABLE);
        manager.handleNodeUpdate("node1");
        assertThat(deleted).containsExactly("default/now");
        assertThat(executor.pending()).hasSize(1);

        node("node1");
        manager.handleNodeUpdate("node1");
        assertThat(executor.pending()).isEmpty();
        assertThat(cancelEvents).containsExactly("default/soon");
        assertThat(manager.taintsOf("node1")).isEmpty();
    }

    @Test
    void aSecondTaintNotToleratedDeletesAtOnce() {
        node("node1", UNREACHABLE);
        pod("p", "node1", tolerate(Taints.UNREACHABLE, 300L));
        manager.handleNodeUpdate("node1");
        assertThat(executor.pending()).hasSize(1);

        node("node1", UNREACHABLE, OTHER);
        manager.handleNodeUpdate("node1");

        assertThat(deleted).containsExactly("default/p");
        assertThat(executor.pending()).as("the timer was cancelled").isEmpty();
        assertThat(cancelEvents).containsExactly("default/p");
    }

    @Test
    void anEarlierScheduledDeletionStands() {
        node("node1", UNREACHABLE);
        pod("p", "node1", tolerate(Taints.UNREACHABLE, 300L));
        queue.addWork("default/p", NOW.minusSeconds(100), NOW.plusSeconds(200));

        manager.handleNodeUpdate("node1");

        assertThat(executor.pending()).singleElement().satisfies(t -> assertThat(t.delay).isEqualTo(Duration.ofSeconds(300)));
        assertThat(queue.getWorker("default/p").createdAt()).isEqualTo(NOW.minusSeconds(100));
        assertThat(cancelEvents).isEmpty();
    }

    @Test
    void tolerationsGrownToForeverCancelAndADeletedPodIsCancelled() {
        node("node1", UNREACHABLE);
        pod("a", "node1", tolerate(Taints.UNREACHABLE, 5L));
        pod("b", "node1", tolerate(Taints.UNREACHABLE, 5L));
        manager.handleNodeUpdate("node1");
        assertThat(executor.pending()).hasSize(2);

        pod("a", "node1", tolerate(Taints.UNREACHABLE, null));
        manager.handlePodUpdate("default", "a", "node1");
        pods.remove("default/b");
        manager.handlePodUpdate("default", "b", "node1");

        assertThat(executor.pending()).isEmpty();
        assertThat(cancelEvents).containsExactlyInAnyOrder("default/a", "default/b");
        executor.fireAll();
        assertThat(deleted).isEmpty();
    }

    @Test
    void aStalePodItemForAnotherNodeIsIgnoredAndADeletedNodeIsForgotten() {
        node("node1", UNREACHABLE);
        manager.handleNodeUpdate("node1");
        pod("p", "node2");

        manager.handlePodUpdate("default", "p", "node1");
        assertThat(deleted).isEmpty();

        nodes.remove("node1");
        manager.handleNodeUpdate("node1");
        assertThat(manager.taintsOf("node1")).isEmpty();
        pod("q", "node1");
        manager.handlePodUpdate("default", "q", "node1");
        assertThat(deleted).isEmpty();
    }

    @Test
    void noScheduleTaintsDoNotEvict() {
        node("node1", Taints.taint(Taints.UNREACHABLE, "NoSchedule"));
        pod("p", "node1");
        manager.handleNodeUpdate("node1");
        assertThat(deleted).isEmpty();
    }

    /**
     * The pod handler's filter: a pod change is worth handling exactly when handling it could act, i.e. its node
     * has NoExecute taints or a deletion of the pod is pending; on untainted nodes (most of them) it is not queued.
     */
    @Test
    void aPodChangeIsWorthHandlingOnlyOnATaintedNodeOrWithAPendingDeletion() {
        node("tainted", UNREACHABLE);
        node("clean");
        manager.handleNodeUpdate("tainted");
        manager.handleNodeUpdate("clean");
        assertThat(manager.mayAct("default", "p", "clean")).isFalse();
        assertThat(manager.mayAct("default", "p", "")).isFalse();
        assertThat(manager.mayAct("default", "p", "tainted")).isTrue();
        assertThat(manager.mayAct("default", "p", "unknown-node")).isFalse();

        // a deletion pending for a pod tolerating the taint for a while: its changes matter wherever it is
        pod("p", "tainted", tolerate(Taints.UNREACHABLE, 60L));
        manager.handlePodUpdate("default", "p", "tainted");
        assertThat(deleted).isEmpty();
        assertThat(manager.mayAct("default", "p", "")).isTrue();
        assertThat(manager.mayAct("default", "p", "clean")).isTrue();

        // the taint goes: the deletion is cancelled and the pod's changes no longer matter
        node("tainted");
        manager.handleNodeUpdate("tainted");
        assertThat(cancelEvents).containsExactly("default/p");
        assertThat(manager.mayAct("default", "p", "tainted")).isFalse();
        assertThat(manager.mayAct("default", "p", "")).isFalse();
    }

    /** What the filter skips, handling would not have acted on: the same pods stay, with no events. */
    @Test
    void podsOnUntaintedNodesAreLeftAloneWhetherHandledOrNot() {
        node("clean");
        manager.handleNodeUpdate("clean");
        pod("p", "clean");
        assertThat(manager.mayAct("default", "p", "clean")).isFalse();
        manager.handlePodUpdate("default", "p", "clean");
        pods.remove("default/p");
        assertThat(manager.mayAct("default", "p", "")).isFalse();
        manager.handlePodUpdate("default", "p", "clean");
        executor.fireAll();
        assertThat(deleted).isEmpty();
        assertThat(cancelEvents).isEmpty();
    }
}
