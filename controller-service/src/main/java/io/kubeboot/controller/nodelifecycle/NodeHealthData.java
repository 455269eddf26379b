package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;

import java.time.Instant;

/**
 * Upstream {@code nodeHealthData}: what the controller last observed of a node, with its own clock's times (not the
 * kubelet's, to be immune to clock skew): when a health signal (status heartbeat or lease renewal) was last seen,
 * when Ready last changed, the status and the lease then. Immutable: status and lease are private copies.
 */
record NodeHealthData(Instant probeTimestamp, Instant readyTransitionTimestamp, NodeStatus status, Lease lease) {
    NodeHealthData {
        status = status == null ? null : new NodeStatusBuilder(status).build();
        lease = lease == null ? null : new LeaseBuilder(lease).build();
    }

    NodeHealthData withProbe(Instant probe, Lease newLease) {
        return new NodeHealthData(probe, readyTransitionTimestamp, status, newLease);
    }

    NodeHealthData withTimestamps(Instant probe, Instant readyTransition) {
        return new NodeHealthData(probe, readyTransition, status, lease);
    }
}
