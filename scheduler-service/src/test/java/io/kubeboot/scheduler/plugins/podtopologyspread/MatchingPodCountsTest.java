package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.testing.PodWrapper;
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

    /**
     * The label index gives the count a scan of every pod gives, for every kind of requirement: exact values
     * (the index is used), set and existence operators (a scan), values no pod has, other namespaces and
     * terminating pods.
     */
    @Test
    void countsFromTheLabelIndexAsFromEveryPod() {
        NodeInfo info = NodeInfo.of(node("node-a").obj());
        for (int i = 0; i < 3 * MatchingPodCounts.INDEX_MIN_PODS; i++) {
            PodWrapper p = pod("p-" + i).namespace(i % 5 == 0 ? "other" : "ns").node("node-a")
                    .label("app", i % 2 == 0 ? "web" : "db").label("hash", "h" + (i % 4));
            if (i % 3 == 0) {
                p.label("tier", "front");
            }
            if (i % 7 == 0) {
                p.terminating();
            }
            info.addPod(PodInfo.of(p.obj()));
        }
        String[] selectors = {"app=web", "app==db", "app=web,hash=h2", "app in (web,db)", "app in (web,web)",
                "hash in (h1,h3),tier", "app=web,tier=front", "app=none", "nokey=x", "tier", "!tier", "app!=web",
                "app notin (db),hash=h0", "app=web,app=db", "tier in (front),hash notin (h1)"};
        for (String sel : selectors) {
            LabelSelector selector = LabelSelector.parse(sel);
            for (String ns : new String[]{"ns", "other"}) {
                assertThat(MatchingPodCounts.countPodsMatchSelector(info, selector, ns)).as("%s in %s", sel, ns)
                        .isEqualTo(MatchingPodCounts.countPodsMatchSelector(info.pods(), selector, ns));
            }
        }
        // a spot check against counting by hand: web pods in ns are the even i not divisible by 5 or 7
        int expected = 0;
        for (int i = 0; i < 3 * MatchingPodCounts.INDEX_MIN_PODS; i += 2) {
            if (i % 5 != 0 && i % 7 != 0) {
                expected++;
            }
        }
        assertThat(MatchingPodCounts.countPodsMatchSelector(info, APP_WEB, "ns")).isEqualTo(expected);
    }

    @Test
    void theLabelIndexFollowsTheNodesPods() {
        NodeInfo info = NodeInfo.of(node("node-a").obj());
        for (int i = 0; i < MatchingPodCounts.INDEX_MIN_PODS; i++) {
            info.addPod(PodInfo.of(pod("web-" + i).namespace("ns").label("app", "web").node("node-a").obj()));
        }
        assertThat(MatchingPodCounts.countPodsMatchSelector(info, APP_WEB, "ns")).isEqualTo(MatchingPodCounts.INDEX_MIN_PODS);
        info.addPod(PodInfo.of(pod("web-new").namespace("ns").label("app", "web").node("node-a").obj()));
        assertThat(MatchingPodCounts.countPodsMatchSelector(info, APP_WEB, "ns")).isEqualTo(MatchingPodCounts.INDEX_MIN_PODS + 1);
        assertThat(info.removePod(pod("web-0").namespace("ns").node("node-a").obj())).isTrue();
        assertThat(MatchingPodCounts.countPodsMatchSelector(info, APP_WEB, "ns")).isEqualTo(MatchingPodCounts.INDEX_MIN_PODS);
        NodeInfo copy = info.copy();
        copy.addPod(PodInfo.of(pod("web-copy").namespace("ns").label("app", "web").node("node-a").obj()));
        assertThat(MatchingPodCounts.countPodsMatchSelector(copy, APP_WEB, "ns")).isEqualTo(MatchingPodCounts.INDEX_MIN_PODS + 1);
        assertThat(MatchingPodCounts.countPodsMatchSelector(info, APP_WEB, "ns")).isEqualTo(MatchingPodCounts.INDEX_MIN_PODS);
    }
}
