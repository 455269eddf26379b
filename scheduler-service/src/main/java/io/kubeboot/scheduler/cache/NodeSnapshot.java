package io.kubeboot.scheduler.cache;

import io.kubeboot.scheduler.framework.AbstractSharedLister;
import io.kubeboot.scheduler.framework.NodeInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduling cycle's view of the cluster: copies of the cache's node infos, refreshed by
 * {@link SchedulerCache#updateSnapshot} for the nodes changed since the last cycle only (upstream's
 * {@code Snapshot} + {@code UpdateSnapshot}). Nodes are listed zone by zone in turn (upstream's node
 * tree), so that the first nodes a partial search visits are spread over zones.
 *
 * <p>Not thread safe for writes: only the scheduling thread updates it, between cycles. During a cycle it
 * is read concurrently and never changes.
 */
public final class NodeSnapshot extends AbstractSharedLister {
    final Map<String, NodeInfo> byName;
    private final List<NodeInfo> list;
    long generation = -1;

    public NodeSnapshot() {
        this(new HashMap<>(), new ArrayList<>());
    }

    private NodeSnapshot(Map<String, NodeInfo> byName, List<NodeInfo> list) {
        super(list, byName);
        this.byName = byName;
        this.list = list;
    }

    void setNamespaceLabels(Map<String, Map<String, String>> labels) {
        useNamespaceLabels(labels);
    }

    /** Rebuilds the zone-interleaved order (after nodes were added or removed). */
    void rebuildOrder() {
        Map<String, List<NodeInfo>> zones = new LinkedHashMap<>();
        List<NodeInfo> sorted = new ArrayList<>(byName.values());
        sorted.sort((a, b) -> a.nodeName().compareTo(b.nodeName()));
        for (NodeInfo n : sorted) {
            zones.computeIfAbsent(zoneKey(n), k -> new ArrayList<>()).add(n);
        }
        List<NodeInfo> out = new ArrayList<>(sorted.size());
        List<List<NodeInfo>> lists = new ArrayList<>(zones.values());
        for (int i = 0; out.size() < sorted.size(); i++) {
            for (List<NodeInfo> z : lists) {
                if (i < z.size()) {
                    out.add(z.get(i));
                }
            }
        }
        list.clear();
        list.addAll(out);
        index = null;
    }

    private Map<String, Integer> index;

    /** Puts a refreshed copy in place of the old one (same node set, so the order holds). */
    void replace(NodeInfo copy) {
        byName.put(copy.nodeName(), copy);
        if (index == null) {
            index = new HashMap<>(list.size() * 2);
            for (int i = 0; i < list.size(); i++) {
                index.put(list.get(i).nodeName(), i);
            }
        }
        Integer i = index.get(copy.nodeName());
        if (i != null) {
            list.set(i, copy);
        }
    }

    void rebuildAffinityLists() {
        indexAffinity();
    }

    static String zoneKey(NodeInfo n) {
        Map<String, String> labels = n.node().getMetadata().getLabels();
        if (labels == null) {
            return "";
        }
        String region = labels.getOrDefault("topology.kubernetes.io/region", "");
        String zone = labels.getOrDefault("topology.kubernetes.io/zone", "");
        return region.isEmpty() && zone.isEmpty() ? "" : region + ":\u0000:" + zone;
    }
}
