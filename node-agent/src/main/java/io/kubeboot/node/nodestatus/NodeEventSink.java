package io.kubeboot.node.nodestatus;

/**
 * Where the node's events go (upstream's {@code recordNodeStatusEvent}: reason e.g. {@code NodeReady}, message
 * {@code Node <name> status is now: NodeReady}). Wire it to an {@code EventRecorder} with a Node reference.
 */
@FunctionalInterface
public interface NodeEventSink {
    NodeEventSink NONE = (type, reason, message) -> { };

    void record(String type, String reason, String message);
}
