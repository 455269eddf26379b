package io.kubeboot.scheduler.testing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;

/** Upstream's {@code st.MakeNode()} wrapper: a node named {@code name} with an empty spec, built by {@link #obj()}. */
public final class NodeWrapper {
    private final NodeBuilder b;

    private NodeWrapper(String name) {
        b = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec();
    }

    public static NodeWrapper node(String name) {
        return new NodeWrapper(name);
    }

    public NodeWrapper label(String k, String v) {
        b.editMetadata().addToLabels(k, v).endMetadata();
        return this;
    }

    /** Labels from alternating keys and values. */
    public NodeWrapper labels(String... kv) {
        for (int i = 0; i < kv.length; i += 2) {
            label(kv[i], kv[i + 1]);
        }
        return this;
    }

    public NodeWrapper taints(Taint... taints) {
        b.editSpec().withTaints(taints).endSpec();
        return this;
    }

    public Node obj() {
        return b.build();
    }
}
