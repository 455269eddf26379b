package io.kubeboot.bench.scheduler;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The objects of a scheduler_perf run, as upstream's templates define them: a node with capacity cpu 4,
 * memory 32Gi, pods 110 and a Ready condition (config/node-default.yaml, no kubelet behind it), and a
 * pause pod with one container requesting and limited to cpu 100m, memory 500Mi, port 80
 * (config/pod-default.yaml), optionally with the required node affinity of
 * config/pod-with-node-affinity.yaml (zone In [zone1, zone2]).
 *
 * <p>Allocatable is sent equal to capacity: upstream's apiserver defaults it so on create, and the
 * scheduler fits pods against allocatable. Every object carries the label {@value #RUN_LABEL} so that a
 * run's nodes can be deleted by label selector.
 */
public final class Templates {
    public static final String RUN_LABEL = "bench.kubeboot.io/run";

    private final String runId;

    public Templates(String runId) {
        this.runId = runId;
    }

    public String runSelector() {
        return RUN_LABEL + "=" + runId;
    }

    public byte[] node(String name, Map<String, String> labels) {
        StringBuilder l = new StringBuilder("\"" + RUN_LABEL + "\":\"" + runId + "\"");
        labels.forEach((k, v) -> l.append(",\"").append(k).append("\":\"").append(v).append('"'));
        String resources = "{\"cpu\":\"4\",\"memory\":\"32Gi\",\"pods\":\"110\"}";
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{" + l + "}},"
                + "\"spec\":{},\"status\":{\"capacity\":" + resources + ",\"allocatable\":" + resources + ","
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],\"phase\":\"Running\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] pod(String namespace, String name, boolean nodeAffinity) {
        String affinity = !nodeAffinity ? "" : "\"affinity\":{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
                + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"" + Workload.ZONE_LABEL + "\",\"operator\":\"In\","
                + "\"values\":[\"zone1\",\"zone2\"]}]}]}}},";
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\","
                + "\"labels\":{\"" + RUN_LABEL + "\":\"" + runId + "\"}},"
                + "\"spec\":{" + affinity + "\"containers\":[{\"name\":\"pause\",\"image\":\"k8s.gcr.io/pause:3.7\","
                + "\"ports\":[{\"containerPort\":80}],"
                + "\"resources\":{\"limits\":{\"cpu\":\"100m\",\"memory\":\"500Mi\"},\"requests\":{\"cpu\":\"100m\",\"memory\":\"500Mi\"}}}]}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
