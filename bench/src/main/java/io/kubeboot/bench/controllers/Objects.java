package io.kubeboot.bench.controllers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON bodies of a controller benchmark run: simulated nodes (capacity cpu 64, memory 256Gi, pods
 * 1000, Ready, as KWOK's fake nodes), their Leases in kube-node-lease, and the Deployments
 * (nginx:1.14.2 requesting cpu 10m, memory 16Mi). Every node carries {@value #RUN_LABEL} so a run's
 * nodes can be deleted by label selector.
 */
final class Objects {
    static final String RUN_LABEL = "bench.kubeboot.io/run";
    static final String LEASE_NAMESPACE = "kube-node-lease";

    private final String runId;

    Objects(String runId) {
        this.runId = runId;
    }

    String runSelector() {
        return RUN_LABEL + "=" + runId;
    }

    String nodeName(int i) {
        return "ctrl-" + runId + "-node-" + i;
    }

    byte[] node(String name) {
        String now = Instant.now().toString();
        String resources = "{\"cpu\":\"64\",\"memory\":\"256Gi\",\"pods\":\"1000\"}";
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"" + RUN_LABEL
                + "\":\"" + runId + "\",\"type\":\"kwok\",\"kubernetes.io/hostname\":\"" + name + "\"}},"
                + "\"spec\":{},\"status\":{\"capacity\":" + resources + ",\"allocatable\":" + resources + ","
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\",\"lastHeartbeatTime\":\"" + now
                + "\",\"lastTransitionTime\":\"" + now + "\"}],\"phase\":\"Running\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A Lease held by the node's "kubelet"; {@code resourceVersion} null on create. */
    byte[] lease(String node, String resourceVersion) {
        String rv = resourceVersion == null ? "" : ",\"resourceVersion\":\"" + resourceVersion + "\"";
        return ("{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"" + node
                + "\",\"namespace\":\"" + LEASE_NAMESPACE + "\"" + rv + "},\"spec\":{\"holderIdentity\":\"" + node
                + "\",\"leaseDurationSeconds\":40,\"renewTime\":\"" + microTime() + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    byte[] deployment(String namespace, String name, int replicas) {
        return ("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
                + namespace + "\"},\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":{\"app\":\"" + name
                + "\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},\"spec\":{\"containers\":[{\"name\":\"nginx\","
                + "\"image\":\"nginx:1.14.2\",\"ports\":[{\"containerPort\":80}],"
                + "\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"}}}]}}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 3339 with microseconds, as metav1.MicroTime serialises. */
    static String microTime() {
        Instant now = Instant.now();
        String s = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return s.substring(0, s.length() - 1) + String.format(".%06dZ", now.getNano() / 1000);
    }
}
