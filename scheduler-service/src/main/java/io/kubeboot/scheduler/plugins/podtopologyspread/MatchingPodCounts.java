package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many pods of a node match a constraint's selector in a namespace ({@code countPodsMatchSelector}),
 * remembered per node generation. PreFilter, PreScore and Score count every pod of every node for every
 * pod they schedule, which is O(pods in the cluster) per pod: with 100 nodes of 100 pods, a quarter of the
 * scheduler's CPU in the controller benchmark (profiled). The pods of one workload come in a row and share
 * their selector, and between two of them only the nodes whose pods changed have a new generation, so the
 * other nodes' counts are reused. A node's count starts from its pods with the label value the selector demands
 * ({@link NodeInfo#podsByLabel()}), not from all of its pods.
 *
 * <p>A count is reused only for the same node name and the same, non-zero, generation: the scheduler cache
 * gives every change of a node's pods a new generation from one counter (see SchedulerCache), and snapshot
 * copies keep it. Nodes without a generation (built by tests) are always counted. At most
 * {@value #MAX_SELECTORS} selectors are kept, least recently used first out.
 *
 * <p>Thread safe: the per-node maps are concurrent (nodes are counted in parallel), the selector map is
 * synchronized and touched once per pod and constraint.
 */
final class MatchingPodCounts {
    private static final int MAX_SELECTORS = 32;
    /** Below this many pods a node's pods are all tested: building its label index would cost more. */
    static final int INDEX_MIN_PODS = 16;

    private record Key(LabelSelector selector, String namespace) {
    }

    private record Count(long generation, int count) {
    }

    /** The counts of one selector in one namespace, by node name. */
    static final class ForSelector {
        private final LabelSelector selector;
        private final String namespace;
        private final Map<String, Count> byNode = new ConcurrentHashMap<>();

        private ForSelector(LabelSelector selector, String namespace) {
            this.selector = selector;
            this.namespace = namespace;
        }

        int count(NodeInfo node) {
            long generation = node.generation();
            if (generation == 0) {
                return countPodsMatchSelector(node, selector, namespace);
            }
            Count c = byNode.get(node.nodeName());
            if (c != null && c.generation() == generation) {
                return c.count();
            }
            int n = countPodsMatchSelector(node, selector, namespace);
            byNode.put(node.nodeName(), new Count(generation, n));
            return n;
        }
    }

    private final Map<Key, ForSelector> selectors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ForSelector> eldest) {
            return size() > MAX_SELECTORS;
        }
    };

    ForSelector forSelector(LabelSelector selector, String namespace) {
        synchronized (selectors) {
            return selectors.computeIfAbsent(new Key(selector, namespace), k -> new ForSelector(selector, namespace));
        }
    }

    /**
     * {@link #countPodsMatchSelector(List, LabelSelector, String)} over the node's pods, tested only among those
     * with a value the selector demands: of its requirements {@code key = v} and {@code key in (v1, ...)}, the one
     * fewest pods meet. A pod outside those lists fails that requirement, so the count is the same.
     */
    static int countPodsMatchSelector(NodeInfo node, LabelSelector selector, String namespace) {
        List<PodInfo> pods = node.pods();
        if (pods.size() < INDEX_MIN_PODS || selector.requirements().isEmpty()) {
            return countPodsMatchSelector(pods, selector, namespace);
        }
        Map<String, Map<String, List<PodInfo>>> byLabel = null;
        LabelSelector.Requirement fewest = null;
        int fewestPods = Integer.MAX_VALUE;
        for (LabelSelector.Requirement r : selector.requirements()) {
            switch (r.operator()) {
                case EQUALS, DOUBLE_EQUALS, IN -> {
                }
                default -> {
                    continue;
                }
            }
            if (byLabel == null) {
                byLabel = node.podsByLabel();
            }
            int n = 0;
            for (List<PodInfo> l : podsWithValues(byLabel, r)) {
                n += l.size();
            }
            if (n < fewestPods) {
                fewest = r;
                fewestPods = n;
            }
        }
        if (fewest == null) {
            return countPodsMatchSelector(pods, selector, namespace);
        }
        int count = 0;
        for (List<PodInfo> l : podsWithValues(byLabel, fewest)) {
            count += countPodsMatchSelector(l, selector, namespace);
        }
        return count;
    }

    /** The node's pods with each of the requirement's values (duplicate values once: upstream's values are a set). */
    private static List<List<PodInfo>> podsWithValues(Map<String, Map<String, List<PodInfo>>> byLabel,
                                                      LabelSelector.Requirement r) {
        Map<String, List<PodInfo>> byValue = byLabel.get(r.key());
        if (byValue == null) {
            return List.of();
        }
        List<String> values = r.values();
        if (values.size() == 1) {
            List<PodInfo> l = byValue.get(values.get(0));
            return l == null ? List.of() : List.of(l);
        }
        List<List<PodInfo>> lists = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            List<PodInfo> l = byValue.get(values.get(i));
            if (l != null && values.indexOf(values.get(i)) == i) {
                lists.add(l);
            }
        }
        return lists;
    }

    /** Pods in {@code namespace} matching {@code selector}, terminating pods excluded (kubernetes#87621). */
    static int countPodsMatchSelector(List<PodInfo> pods, LabelSelector selector, String namespace) {
        int count = 0;
        for (PodInfo p : pods) {
            if (p.pod().getMetadata().getDeletionTimestamp() != null || !namespace.equals(p.namespace())) {
                continue;
            }
            if (selector.matches(p.labels())) {
                count++;
            }
        }
        return count;
    }
}
