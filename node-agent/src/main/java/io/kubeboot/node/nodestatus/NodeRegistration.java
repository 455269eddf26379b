package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeboot.api.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers the Node as upstream's {@code registerWithAPIServer}/{@code tryRegisterWithAPIServer}: creates the
 * kubelet's initial Node (labels, the attach-detach annotation, a full status); when it already exists keeps it
 * (its uid, spec and the labels others set) and brings the kubelet's default labels and the configured labels up
 * to date. Addresses and the rest of the status follow with the status update that comes right after. Not thread
 * safe (one registration task per node).
 */
public final class NodeRegistration {
    private static final Logger log = LoggerFactory.getLogger(NodeRegistration.class);

    public static final String LABEL_HOSTNAME = "kubernetes.io/hostname";
    public static final String LABEL_OS = "kubernetes.io/os";
    public static final String LABEL_ARCH = "kubernetes.io/arch";
    public static final String LABEL_BETA_OS = "beta.kubernetes.io/os";
    public static final String LABEL_BETA_ARCH = "beta.kubernetes.io/arch";
    /** The kubelet's default labels it keeps up to date on an existing Node (upstream updateDefaultLabels). */
    static final List<String> DEFAULT_LABELS = List.of(LABEL_HOSTNAME, "topology.kubernetes.io/zone",
            "topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/zone",
            "failure-domain.beta.kubernetes.io/region", "node.kubernetes.io/instance-type",
            "beta.kubernetes.io/instance-type", LABEL_OS, LABEL_ARCH, "node.kubernetes.io/windows-build",
            LABEL_BETA_OS, LABEL_BETA_ARCH);
    static final String ATTACH_DETACH_ANNOTATION = "volumes.kubernetes.io/controller-managed-attach-detach";

    private final KubernetesClient client;
    private final NodeStatusSettings settings;
    private final NodeStatusSetters setters;

    public NodeRegistration(KubernetesClient client, NodeStatusSettings settings, NodeStatusSetters setters) {
        this.client = client;
        this.settings = settings;
        this.setters = setters;
    }

    /** Upstream's {@code initialNode}: name, labels, annotation and the whole status as of {@code now}. */
    public Node initialNode(Instant now) {
        Node node = new NodeBuilder().withNewMetadata().withName(settings.nodeName())
                .withLabels(initialLabels(settings))
                .withAnnotations(Map.of(ATTACH_DETACH_ANNOTATION, "true"))
                .endMetadata().withNewSpec().endSpec().build();
        setters.apply(node, now);
        return node;
    }

    static Map<String, String> initialLabels(NodeStatusSettings settings) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_HOSTNAME, settings.nodeName());
        labels.put(LABEL_OS, "linux");
        labels.put(LABEL_ARCH, "amd64");
        labels.put(LABEL_BETA_OS, "linux");
        labels.put(LABEL_BETA_ARCH, "amd64");
        labels.putAll(settings.labels());
        return labels;
    }

    /**
     * One attempt. Returns the registered Node (created, or the existing one after reconciling its labels), or
     * empty when the attempt failed and should be retried.
     */
    public Optional<Node> tryRegister(Instant now) {
        Node node = initialNode(now);
        try {
            Node created = client.nodes().resource(node).create();
            log.info("registered node {}", settings.nodeName());
            return Optional.of(created);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                log.warn("unable to register node {} with the apiserver: {}", settings.nodeName(), e.getMessage());
                return Optional.empty();
            }
        }
        try {
            Node existing = client.nodes().withName(settings.nodeName()).get();
            if (existing == null) {
                return Optional.empty();
            }
            Map<String, String> before = existing.getMetadata().getLabels() == null
                    ? Map.of() : new LinkedHashMap<>(existing.getMetadata().getLabels());
            Map<String, String> after = reconcileLabels(node.getMetadata().getLabels(), before, settings.labels());
            if (!after.equals(before)) {
                Map<String, Object> patch = Map.of("metadata", Map.of("labels", labelPatch(before, after)));
                existing = client.nodes().withName(settings.nodeName())
                        .patch(PatchContext.of(PatchType.JSON_MERGE), Json.string(patch));
            }
            log.info("node {} was already registered; reconciled it", settings.nodeName());
            return Optional.of(existing);
        } catch (KubernetesClientException e) {
            log.warn("unable to reconcile existing node {}: {}", settings.nodeName(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The existing Node's labels after upstream's {@code updateDefaultLabels} (each default label the kubelet sets
     * takes the kubelet's value; an empty one is dropped) plus the configured labels (added or updated, never
     * removed: the kubelet does not know which labels others own).
     */
    static Map<String, String> reconcileLabels(Map<String, String> initial, Map<String, String> existing,
                                               Map<String, String> configured) {
        Map<String, String> out = new LinkedHashMap<>(existing);
        for (String label : DEFAULT_LABELS) {
            if (!initial.containsKey(label)) {
                continue;
            }
            out.put(label, initial.get(label));
            if (out.get(label).isEmpty()) {
                out.remove(label);
            }
        }
        out.putAll(configured);
        return out;
    }

    private static Map<String, Object> labelPatch(Map<String, String> before, Map<String, String> after) {
        Map<String, Object> patch = new LinkedHashMap<>();
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> patch.put(k, null));
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                patch.put(k, v);
            }
        });
        return patch;
    }
}
