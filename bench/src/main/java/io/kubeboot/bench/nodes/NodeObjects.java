package io.kubeboot.bench.nodes;

import java.nio.charset.StandardCharsets;

/**
 * The JSON bodies of the startup phase: pods as upstream's node density test makes them (one container of the
 * pause image, nothing else) but bound up front with {@code spec.nodeName} (no scheduler runs), image already on
 * the node ({@code imagePullPolicy: IfNotPresent}), and the Node's podCIDR patch that the node IPAM controller would
 * otherwise make.
 */
final class NodeObjects {
    static final String RUN_LABEL = "bench.kubeboot.io/run";

    private NodeObjects() {
    }

    static byte[] pod(String namespace, String name, String node, String image, String runId) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace
                + "\",\"labels\":{\"" + RUN_LABEL + "\":\"" + runId + "\",\"type\":\"density\"}},"
                + "\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"pause\",\"image\":\"" + image
                + "\",\"imagePullPolicy\":\"IfNotPresent\"}]}}").getBytes(StandardCharsets.UTF_8);
    }

    /** Sets spec.podCIDR and spec.podCIDRs, as the node IPAM controller does once per node. */
    static String podCidrPatch(String cidr) {
        return "{\"spec\":{\"podCIDR\":\"" + cidr + "\",\"podCIDRs\":[\"" + cidr + "\"]}}";
    }
}
