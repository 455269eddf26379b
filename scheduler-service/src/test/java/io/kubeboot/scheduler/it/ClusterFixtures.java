package io.kubeboot.scheduler.it;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Nodes as API objects (no kubelet): capacity, labels and taints, as a test cluster needs them. */
final class ClusterFixtures {
    private ClusterFixtures() {
    }

    static Node node(String name, String cpu, String memory, Map<String, String> labels, List<Taint> taints) {
        Map<String, String> allLabels = new HashMap<>(labels);
        allLabels.put("kubernetes.io/hostname", name);
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110"));
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(allLabels).endMetadata()
                .withNewSpec().withTaints(taints).endSpec()
                .withNewStatus().withCapacity(capacity).withAllocatable(capacity)
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                .endStatus().build();
    }

    /** Creates the node; writes its status through the status subresource when create dropped it. */
    static Node create(KubernetesClient client, Node node) {
        Node created = client.nodes().resource(node).create();
        if (created.getStatus() == null || created.getStatus().getAllocatable() == null || created.getStatus().getAllocatable().isEmpty()) {
            created.setStatus(node.getStatus());
            created = client.nodes().resource(created).updateStatus();
        }
        return created;
    }

    static Taint taint(String key, String value, String effect) {
        return new Taint(effect, key, null, value);
    }
}
