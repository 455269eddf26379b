package io.kubeboot.controller.cloud.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubeboot.controller.cloud.provider.InstanceMetadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The cloud node controller's pure part (upstream controllers/node {@code getNodeModifiersFromCloudProvider},
 * {@code excludeCloudTaint}, {@code reconcileNodeLabels}, {@code nodeAddressesChangeDetected}): what initialising a
 * node with the instance's metadata changes. Arguments are never modified; results are copies.
 */
public final class NodeInitialization {
    /** Upstream {@code cloudproviderapi.TaintExternalCloudProvider}. */
    public static final String UNINITIALIZED_TAINT = "node.cloudprovider.kubernetes.io/uninitialized";
    /** Upstream {@code cloudproviderapi.TaintNodeShutdown}. */
    public static final String SHUTDOWN_TAINT = "node.cloudprovider.kubernetes.io/shutdown";

    public static final String LABEL_ZONE = "topology.kubernetes.io/zone";
    public static final String LABEL_ZONE_BETA = "failure-domain.beta.kubernetes.io/zone";
    public static final String LABEL_REGION = "topology.kubernetes.io/region";
    public static final String LABEL_REGION_BETA = "failure-domain.beta.kubernetes.io/region";
    public static final String LABEL_INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    public static final String LABEL_INSTANCE_TYPE_BETA = "beta.kubernetes.io/instance-type";

    /** Upstream {@code labelReconcileInfo}: beta label -> GA label, kept in step on initialised nodes. */
    static final Map<String, String> BETA_TO_GA = orderedOf(LABEL_ZONE_BETA, LABEL_ZONE, LABEL_REGION_BETA, LABEL_REGION,
            LABEL_INSTANCE_TYPE_BETA, LABEL_INSTANCE_TYPE);

    private NodeInitialization() {
    }

    private static Map<String, String> orderedOf(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    public static boolean hasCloudTaint(Node node) {
        return node.getSpec() != null && node.getSpec().getTaints() != null
                && node.getSpec().getTaints().stream().anyMatch(t -> UNINITIALIZED_TAINT.equals(t.getKey()));
    }

    /**
     * The node initialised with {@code meta}: providerID (only when the node has none), the instance type, zone and
     * region labels (beta and GA keys, as upstream) when known, the provider's additional labels that do not
     * conflict, and without the uninitialized taint. Status addresses are written separately
     * ({@link #addressesChanged}).
     */
    public static Node initialize(Node node, InstanceMetadata meta) {
        Node n = new NodeBuilder(node).build();
        if (n.getSpec() == null) {
            n.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
        }
        if (isEmpty(n.getSpec().getProviderID()) && !meta.providerId().isEmpty()) {
            n.getSpec().setProviderID(meta.providerId());
        }
        Map<String, String> labels = new LinkedHashMap<>(n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels());
        if (!meta.instanceType().isEmpty()) {
            labels.put(LABEL_INSTANCE_TYPE_BETA, meta.instanceType());
            labels.put(LABEL_INSTANCE_TYPE, meta.instanceType());
        }
        if (!meta.zone().isEmpty()) {
            labels.put(LABEL_ZONE_BETA, meta.zone());
            labels.put(LABEL_ZONE, meta.zone());
        }
        if (!meta.region().isEmpty()) {
            labels.put(LABEL_REGION_BETA, meta.region());
            labels.put(LABEL_REGION, meta.region());
        }
        Set<String> wellKnown = new HashSet<>(BETA_TO_GA.keySet());
        wellKnown.addAll(BETA_TO_GA.values());
        for (Map.Entry<String, String> e : meta.additionalLabels().entrySet()) {
            // the well-known labels come from the metadata fields; a label the node already has with another value wins
            if (wellKnown.contains(e.getKey())) {
                continue;
            }
            String existing = labels.get(e.getKey());
            if (existing == null || existing.equals(e.getValue())) {
                labels.put(e.getKey(), e.getValue());
            }
        }
        n.getMetadata().setLabels(labels);
        n.getSpec().setTaints(withoutCloudTaint(n.getSpec().getTaints()));
        return n;
    }

    /** Upstream {@code excludeCloudTaint}. */
    static List<Taint> withoutCloudTaint(List<Taint> taints) {
        List<Taint> out = new ArrayList<>();
        for (Taint t : taints == null ? List.<Taint>of() : taints) {
            if (!UNINITIALIZED_TAINT.equals(t.getKey())) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Upstream {@code reconcileNodeLabels}: for an initialised node, the GA labels to write so that each matches its
     * beta label (added when missing, overwritten when different). Empty when nothing is to do.
     */
    public static Map<String, String> labelsToReconcile(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        Map<String, String> out = new LinkedHashMap<>();
        if (labels == null) {
            return out;
        }
        for (Map.Entry<String, String> e : BETA_TO_GA.entrySet()) {
            String primary = labels.get(e.getKey());
            if (primary != null && !primary.equals(labels.get(e.getValue()))) {
                out.put(e.getValue(), primary);
            }
        }
        return out;
    }

    /**
     * Upstream {@code updateNodeAddress}: the addresses to write into the status of an initialised node, or empty
     * when nothing changes. The provider's addresses, plus the node's Hostname addresses when the provider gave none;
     * nothing when the provider returned no address.
     */
    public static java.util.Optional<List<NodeAddress>> addressesToWrite(Node node, List<NodeAddress> fromProvider) {
        if (hasCloudTaint(node) || fromProvider == null || fromProvider.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<NodeAddress> next = new ArrayList<>(fromProvider);
        List<NodeAddress> current = node.getStatus() == null || node.getStatus().getAddresses() == null
                ? List.of() : node.getStatus().getAddresses();
        if (next.stream().noneMatch(a -> "Hostname".equals(a.getType()))) {
            current.stream().filter(a -> "Hostname".equals(a.getType())).forEach(next::add);
        }
        return addressesChanged(current, next) ? java.util.Optional.of(next) : java.util.Optional.empty();
    }

    /**
     * Upstream {@code nodeAddressesChangeDetected}: the lists differ in length, or an address of {@code next} is not
     * the one {@code current} has for its type (the last one per type, as upstream's map).
     */
    public static boolean addressesChanged(List<NodeAddress> current, List<NodeAddress> next) {
        if (current.size() != next.size()) {
            return true;
        }
        Map<String, String> byType = new HashMap<>();
        for (NodeAddress x : current) {
            byType.put(x.getType(), x.getAddress());
        }
        for (NodeAddress y : next) {
            if (!Objects.equals(byType.get(y.getType()), y.getAddress())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
