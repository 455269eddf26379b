package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;

import static io.kubeboot.scheduler.testing.NodeWrapper.node;
import static io.kubeboot.scheduler.testing.PodWrapper.pod;
import static org.assertj.core.api.Assertions.assertThat;

class MatchingPodCountsTest {
    private static final LabelSelector APP_WEB = LabelSelector.parse("app=web");

    private static NodeInfo nodeWithWebPods(int webPods, long generation) {
        NodeInfo info = NodeInfo.of(node("node-a").obj());
        for (int i = 0; i < webPods; i++) {
            info.addPod(PodInfo.of(pod("web-" + i).namespace("ns").label("app", "web").node("node-a").obj()));
        }
        info.addPod(PodInfo.of(pod("db").namespace("ns").label("app", "db").node("node-a").obj()));
        info.addPod(PodInfo.of(pod("web-elsewhere").namespace("other").label("app", "web").node("node-a").obj()));
        info.setGeneration(generation);
        return info;
    }

    @Test
    void countsMatchingPodsOfTheNamespace() {
        MatchingPodCounts.ForSelector counts = new MatchingPodCounts().forSelector(APP_WEB, "ns");
        assertThat(counts.count(nodeWithWebPods(2, 7))).isEqualTo(2);
    }

    @Test
    void reusesACountOnlyWhileTheNodeKeepsItsGeneration() {
        MatchingPodCounts.ForSelector counts = new MatchingPodCounts().forSelector(APP_WEB, "ns");
        assertThat(counts.count(nodeWithWebPods(2, 7))).isEqualTo(2);
        // same name and generation: the pods are the same by the cache's contract, so the count is remembered
        assertThat(counts.count(nodeWithWebPods(5, 7))).isEqualTo(2);
        // a new generation (the node's pods changed) is counted again
        assertThat(counts.count(nodeWithWebPods(5, 8))).isEqualTo(5);
    }

    @Test
    void neverRemembersNodesWithoutAGeneration() {
        MatchingPodCounts.ForSelector counts = new MatchingPodCounts().forSelector(APP_WEB, "ns");
        assertThat(counts.count(nodeWithWebPods(2, 0))).isEqualTo(2);
        assertThat(counts.count(nodeWithWebPods(3, 0))).isEqualTo(3);
    }

    @Test
    void keepsSelectorsAndNamespacesApart() {
        MatchingPodCounts cache = new MatchingPodCounts();
        NodeInfo n = nodeWithWebPods(2, 3);
        assertThat(cache.forSelector(APP_WEB, "ns").count(n)).isEqualTo(2);
        assertThat(cache.forSelector(LabelSelector.parse("app=db"), "ns").count(n)).isEqualTo(1);
        assertThat(cache.forSelector(APP_WEB, "other").count(n)).isEqualTo(1);
        assertThat(cache.forSelector(LabelSelector.parse("app=web"), "ns")).isSameAs(cache.forSelector(APP_WEB, "ns"));
    }
}
