package io.kubeboot.node.proxy.userspace;

/** A bound listener (TCP or UDP) forwarding to the endpoints of one service port. */
interface Listener extends AutoCloseable {
    /** Stops accepting; connections already forwarded may continue (as upstream). */
    @Override
    void close();
}
