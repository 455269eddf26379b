package io.kubeboot.node.agent;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.kubeboot.node.kubelet.Kubelet;
import io.kubeboot.node.nodelease.NodeLeaseController;
import io.kubeboot.node.nodestatus.NodeStatusUpdater;
import io.kubeboot.runtime.events.EventRecorder;

/**
 * Everything that makes one node: its status and registration, its Lease and its kubelet. Started in that order
 * (the Node must exist before pods can be bound to it), closed in reverse. Closing leaves the node's containers
 * running, as stopping a kubelet does; the next agent for the node adopts them.
 */
public final class NodeAgent implements AutoCloseable {
    private final String nodeName;
    private final NodeStatusUpdater status;
    private final NodeLeaseController lease;
    private final Kubelet kubelet;
    private final EventRecorder recorder;
    private final AutoCloseable runtime;

    /**
     * @param runtime closed last (e.g. the Docker client), or null
     */
    public NodeAgent(String nodeName, NodeStatusUpdater status, NodeLeaseController lease, Kubelet kubelet,
                     EventRecorder recorder, AutoCloseable runtime) {
        this.nodeName = nodeName;
        this.status = status;
        this.lease = lease;
        this.kubelet = kubelet;
        this.recorder = recorder;
        this.runtime = runtime;
    }

    public String nodeName() {
        return nodeName;
    }

    public Kubelet kubelet() {
        return kubelet;
    }

    public NodeStatusUpdater status() {
        return status;
    }

    public void start() {
        status.start();
        lease.start();
        kubelet.start();
    }

    @Override
    public void close() {
        kubelet.close();
        lease.close();
        status.close();
        recorder.close();
        if (runtime != null) {
            try {
                runtime.close();
            } catch (Exception e) {
                // closing a client at shutdown: nothing left to do with the failure
            }
        }
    }

    /** The reference node events are recorded against (upstream: kind Node, uid = name, no namespace). */
    static io.fabric8.kubernetes.api.model.ObjectReference nodeReference(String nodeName) {
        return new ObjectReferenceBuilder().withKind("Node").withName(nodeName).withUid(nodeName).build();
    }
}
