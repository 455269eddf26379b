package io.kubeboot.node.network;

import java.util.Map;

/**
 * The pod network of one node: the engine network shared by every node of the cluster and this node's pod IPs
 * from its {@code spec.podCIDR}.
 *
 * <p>Thread safety: safe for concurrent use by pod workers. {@link #allocate} is idempotent per pod uid.
 */
public interface PodNetwork {
    /** The engine network pods join (created on first use), e.g. "kubeboot". */
    String networkName();

    /**
     * The pod's IP in this node's podCIDR: the one it already has, or a free one (never the network address, the
     * broadcast address or the engine network's gateway). Throws {@link IllegalStateException} when the node has
     * no podCIDR yet or the range is full.
     */
    String allocate(String podUid);

    /** Frees the pod's IP; idempotent. */
    void release(String podUid);

    /** After a restart: the IPs in use by the sandboxes found on the engine (pod uid to IP), so none is given twice. */
    void restore(Map<String, String> ipsByPodUid);
}
