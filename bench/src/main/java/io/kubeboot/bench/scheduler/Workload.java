package io.kubeboot.bench.scheduler;

import java.util.List;
import java.util.Map;

/**
 * One scheduler_perf workload (upstream test/integration/scheduler_perf/config/performance-config.yaml):
 * the labels its nodes get, whether its pods carry the required node affinity, and the throughput the
 * issue asks for. Both use upstream's node template and the same pod requests; they differ only in the
 * zone label on the nodes and the affinity on the pods.
 */
public record Workload(String name, Map<String, String> nodeLabels, boolean nodeAffinity, double targetPodsPerSecond) {
    /** Upstream's labelNodePrepareStrategy for SchedulingNodeAffinity: every node gets zone1. */
    static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    public static final Workload SCHEDULING_BASIC = new Workload("SchedulingBasic", Map.of(), false, 1000);
    public static final Workload SCHEDULING_NODE_AFFINITY =
            new Workload("SchedulingNodeAffinity", Map.of(ZONE_LABEL, "zone1"), true, 300);

    private static final List<Workload> ALL = List.of(SCHEDULING_BASIC, SCHEDULING_NODE_AFFINITY);

    /** The workload of that name; the error lists the known ones. */
    public static Workload named(String name) {
        return ALL.stream().filter(w -> w.name.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown workload " + name + "; known: " + ALL.stream().map(Workload::name).toList()));
    }
}
