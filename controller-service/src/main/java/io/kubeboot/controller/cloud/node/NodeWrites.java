package io.kubeboot.controller.cloud.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeboot.api.json.Json;

import java.util.List;
import java.util.Map;

/** The Node writes of the cloud node controllers, as JSON merge patches (lists are replaced as a whole). */
final class NodeWrites {
    private final KubernetesClient client;

    NodeWrites(KubernetesClient client) {
        this.client = client;
    }

    /** Upstream {@code AddOrUpdateLabelsOnNode}. */
    void patchLabels(String node, Map<String, String> labels) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        patch.putObject("metadata").set("labels", Json.MAPPER.valueToTree(labels));
        client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }

    /** Upstream {@code PatchNodeStatus} of the addresses. */
    void patchAddresses(String node, List<NodeAddress> addresses) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        patch.putObject("status").set("addresses", Json.MAPPER.valueToTree(addresses));
        client.nodes().withName(node).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }

    /** Replaces the taints of the node as cached (the resourceVersion makes a concurrent change a conflict). */
    void patchTaints(Node cached, List<Taint> taints) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        patch.putObject("metadata").put("resourceVersion", cached.getMetadata().getResourceVersion());
        patch.putObject("spec").set("taints", Json.MAPPER.valueToTree(taints));
        client.nodes().withName(cached.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }

    static ObjectReference ref(Node node) {
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Node").withName(node.getMetadata().getName())
                .withUid(node.getMetadata().getUid()).withNamespace("").build();
    }
}
