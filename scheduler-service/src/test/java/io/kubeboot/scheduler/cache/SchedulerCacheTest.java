package io.kubeboot.scheduler.cache;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ImageState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.kubeboot.scheduler.cache.CacheObjects.antiAffinityPod;
import static io.kubeboot.scheduler.cache.CacheObjects.names;
import static io.kubeboot.scheduler.cache.CacheObjects.node;
import static io.kubeboot.scheduler.cache.CacheObjects.nodeWithImages;
import static io.kubeboot.scheduler.cache.CacheObjects.pod;
import static io.kubeboot.scheduler.cache.CacheObjects.podNames;
import static io.kubeboot.scheduler.cache.CacheObjects.preferredAffinityPod;
import static io.kubeboot.scheduler.cache.CacheObjects.withNode;
import static io.kubeboot.scheduler.cache.CacheObjects.zonedNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** After upstream pkg/scheduler/backend/cache/cache_test.go, snapshot_test.go and node_tree_test.go. */
class SchedulerCacheTest {
    private SchedulerCache cache;
    private NodeSnapshot snapshot;

    @BeforeEach
    void setUp() {
        cache = new SchedulerCache();
        snapshot = new NodeSnapshot();
        cache.addNode(node("node1"));
        cache.addNode(node("node2"));
    }

    private NodeInfo snap(String name) {
        cache.updateSnapshot(snapshot);
        return snapshot.get(name);
    }

    // ---- assume / forget / confirm ----

    @Test
    void anAssumedPodCountsOnItsNodeUntilForgotten() {
        Pod p = pod("p", null, "500m");
        cache.assumePod(PodInfo.of(p), "node1");

        assertThat(cache.isAssumed(p)).isTrue();
        assertThat(podNames(snap("node1"))).containsExactly("p");
        assertThat(snap("node1").requested().milliCpu()).isEqualTo(500);

        cache.forgetPod(p);
        assertThat(cache.isAssumed(p)).isFalse();
        assertThat(cache.podCount()).isZero();
        assertThat(snap("node1").pods()).isEmpty();
        assertThat(snap("node1").requested().milliCpu()).isZero();
    }

    @Test
    void theInformersAddConfirmsAnAssumedPodAndForgetThenKeepsIt() {
        Pod p = pod("p", null, "500m");
        cache.assumePod(PodInfo.of(p), "node1");
        cache.addPod(withNode(p, "node1"));

        assertThat(cache.isAssumed(p)).isFalse();
        assertThat(cache.podCount()).isEqualTo(1);
        assertThat(snap("node1").pods()).hasSize(1);
        assertThat(snap("node1").requested().milliCpu()).as("counted once").isEqualTo(500);

        cache.forgetPod(p);
        assertThat(podNames(snap("node1"))).as("a bound pod is not forgotten").containsExactly("p");
    }

    @Test
    void aPodBoundElsewhereThanAssumedMovesThere() {
        Pod p = pod("p", null, "500m");
        cache.assumePod(PodInfo.of(p), "node1");
        cache.addPod(withNode(p, "node2"));

        assertThat(snap("node1").pods()).isEmpty();
        assertThat(podNames(snap("node2"))).containsExactly("p");
        assertThat(snap("node1").requested().milliCpu()).isZero();
    }

    @Test
    void anUpdateMovingThePodMovesItsAccounting() {
        Pod old = pod("p", "node1", "500m");
        cache.addPod(old);
        Pod moved = withNode(pod("p", "node1", "700m"), "node2");
        cache.updatePod(old, moved);

        assertThat(snap("node1").pods()).isEmpty();
        assertThat(snap("node2").requested().milliCpu()).isEqualTo(700);
        assertThat(cache.podCount()).isEqualTo(1);
    }

    @Test
    void aPodInTheCacheCannotBeAssumed() {
        Pod p = pod("p", "node1", "100m");
        cache.addPod(p);
        assertThatThrownBy(() -> cache.assumePod(PodInfo.of(p), "node2"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ns/p");
    }

    @Test
    void removePodFreesItsNode() {
        Pod p = pod("p", "node1", "100m");
        cache.addPod(p);
        cache.removePod(p);
        assertThat(cache.podCount()).isZero();
        assertThat(snap("node1").pods()).isEmpty();
    }

    // ---- nodes ----

    @Test
    void aRemovedNodeWithPodsKeepsANodelessEntryOutOfTheSnapshot() {
        Pod p = pod("p", "node1", "100m");
        cache.addPod(p);
        cache.updateSnapshot(snapshot);
        cache.removeNode(node("node1"));

        assertThat(snap("node1")).isNull();
        assertThat(names(snapshot.nodeInfos())).containsExactly("node2");
        assertThat(cache.nodeCount()).isEqualTo(1);
        assertThat(cache.podCount()).as("the pod waits for its own delete").isEqualTo(1);

        // the node coming back finds its pod still there, as upstream
        cache.addNode(node("node1"));
        assertThat(podNames(snap("node1"))).containsExactly("p");

        cache.removeNode(node("node1"));
        cache.removePod(p);
        cache.addNode(node("node1"));
        assertThat(snap("node1").pods()).as("the node-less entry went with its last pod").isEmpty();
    }

    @Test
    void aPodOnAnUnknownNodeIsNotInTheSnapshot() {
        cache.addPod(pod("p", "ghost", "100m"));
        cache.updateSnapshot(snapshot);
        assertThat(names(snapshot.nodeInfos())).containsExactly("node1", "node2");
        assertThat(snapshot.get("ghost")).isNull();
    }

    // ---- snapshot ----

    @Test
    void anUpdateCopiesOnlyTheChangedNodes() {
        cache.updateSnapshot(snapshot);
        NodeInfo n1 = snapshot.get("node1");
        NodeInfo n2 = snapshot.get("node2");

        cache.addPod(pod("p", "node2", "100m"));
        cache.updateSnapshot(snapshot);

        assertThat(snapshot.get("node1")).as("unchanged node keeps its copy").isSameAs(n1);
        assertThat(snapshot.get("node2")).isNotSameAs(n2);
        assertThat(snapshot.nodeInfos()).containsExactly(n1, snapshot.get("node2"));
        assertThat(n2.pods()).as("the old copy is left as it was").isEmpty();
        assertThat(podNames(snapshot.get("node2"))).containsExactly("p");
    }

    @Test
    void snapshotCopiesAreIndependentOfTheCache() {
        cache.updateSnapshot(snapshot);
        NodeInfo copy = snapshot.get("node1");

        cache.addPod(pod("later", "node1", "100m"));
        assertThat(copy.pods()).as("a cache change reaches the snapshot only on update").isEmpty();

        copy.addPod(PodInfo.of(pod("what-if", "node1", "100m")));
        NodeSnapshot fresh = new NodeSnapshot();
        cache.updateSnapshot(fresh);
        assertThat(podNames(fresh.get("node1"))).as("changing a copy leaves the cache as is").containsExactly("later");
    }

    @Test
    void nodesAreInterleavedByZone() {
        SchedulerCache c = new SchedulerCache();
        c.addNode(zonedNode("a1", "r", "a"));
        c.addNode(zonedNode("a2", "r", "a"));
        c.addNode(zonedNode("a3", "r", "a"));
        c.addNode(zonedNode("b1", "r", "b"));
        c.addNode(zonedNode("b2", "r", "b"));
        c.addNode(zonedNode("c1", "r", "c"));
        NodeSnapshot s = new NodeSnapshot();
        c.updateSnapshot(s);
        assertThat(names(s.nodeInfos())).containsExactly("a1", "b1", "c1", "a2", "b2", "a3");

        c.removeNode(zonedNode("b1", "r", "b"));
        c.addNode(zonedNode("c2", "r", "c"));
        c.updateSnapshot(s);
        assertThat(names(s.nodeInfos())).containsExactly("a1", "b2", "c1", "a2", "c2", "a3");
    }

    @Test
    void nodesWithoutZoneFormTheirOwnGroup() {
        SchedulerCache c = new SchedulerCache();
        c.addNode(zonedNode("z1", "r", "a"));
        c.addNode(zonedNode("z2", "r", "a"));
        c.addNode(node("plain1"));
        c.addNode(node("plain2"));
        NodeSnapshot s = new NodeSnapshot();
        c.updateSnapshot(s);
        assertThat(names(s.nodeInfos())).containsExactly("plain1", "z1", "plain2", "z2");
    }

    @Test
    void affinityListsFollowThePods() {
        cache.addPod(antiAffinityPod("anti", "node1"));
        cache.addPod(preferredAffinityPod("pref", "node2"));
        cache.updateSnapshot(snapshot);
        assertThat(names(snapshot.havePodsWithAffinity())).containsExactly("node1", "node2");
        assertThat(names(snapshot.havePodsWithRequiredAntiAffinity())).containsExactly("node1");

        cache.removePod(antiAffinityPod("anti", "node1"));
        cache.updateSnapshot(snapshot);
        assertThat(names(snapshot.havePodsWithAffinity())).containsExactly("node2");
        assertThat(snapshot.havePodsWithRequiredAntiAffinity()).isEmpty();
    }

    @Test
    void imageStatesCountTheNodesHavingTheImage() {
        SchedulerCache c = new SchedulerCache();
        c.addNode(nodeWithImages("node1", Map.of(100L, List.of("gcr.io/x/nginx:1.0"))));
        c.addNode(nodeWithImages("node2", Map.of(100L, List.of("gcr.io/x/nginx:1.0"), 50L, List.of("redis"))));
        NodeSnapshot s = new NodeSnapshot();
        c.updateSnapshot(s);

        assertThat(s.get("node1").imageStates()).containsExactly(Map.entry("gcr.io/x/nginx:1.0", new ImageState(100, 2)));
        assertThat(s.get("node2").imageStates()).containsOnly(
                Map.entry("gcr.io/x/nginx:1.0", new ImageState(100, 2)),
                Map.entry("redis:latest", new ImageState(50, 1)));

        c.removeNode(node("node2"));
        c.updateNode(nodeWithImages("node1", Map.of(100L, List.of("gcr.io/x/nginx:1.0"))));
        c.updateSnapshot(s);
        assertThat(s.get("node1").imageStates()).containsExactly(Map.entry("gcr.io/x/nginx:1.0", new ImageState(100, 1)));
    }

    @Test
    void namespaceLabelsReachTheSnapshot() {
        cache.setNamespaceLabels("team", Map.of("tier", "gold"));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.namespaceLabels("team")).containsExactly(Map.entry("tier", "gold"));
        assertThat(snapshot.namespaceLabels("other")).isEmpty();

        cache.setNamespaceLabels("team", null);
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.namespaceLabels("team")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "nginx, nginx:latest",
            "nginx:1.25, nginx:1.25",
            "gcr.io/x/y:1, gcr.io/x/y:1",
            "gcr.io/x/y, gcr.io/x/y:latest",
            "a@sha256:0123456789abcdef, a@sha256:0123456789abcdef",
            "localhost:5000/img, localhost:5000/img:latest",
            "localhost:5000/img:v2, localhost:5000/img:v2"})
    void normalizedImageName(String name, String want) {
        assertThat(SchedulerCache.normalizedImageName(name)).isEqualTo(want);
    }
}
