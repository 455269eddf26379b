package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeboot.controller.util.Times;

import java.time.Instant;
import java.util.Comparator;

/**
 * Upstream's ReplicaSet sort orders: {@code ReplicaSetsByCreationTimestamp} (older first, then by name),
 * {@code ReplicaSetsBySizeOlder} (larger first, ties older first), {@code ReplicaSetsBySizeNewer} (larger first,
 * ties newer first) and {@code ReplicaSetsByRevision} (lower revision first, ties by creation). Pure.
 */
final class ReplicaSetOrder {
    private ReplicaSetOrder() {
    }

    static final Comparator<ReplicaSet> BY_CREATION_TIMESTAMP = (a, b) -> {
        Instant ta = created(a);
        Instant tb = created(b);
        if (ta.equals(tb)) {
            return a.getMetadata().getName().compareTo(b.getMetadata().getName());
        }
        return ta.compareTo(tb);
    };

    static final Comparator<ReplicaSet> BY_SIZE_OLDER = (a, b) -> {
        int ra = DeploymentSpecs.replicas(a);
        int rb = DeploymentSpecs.replicas(b);
        return ra == rb ? BY_CREATION_TIMESTAMP.compare(a, b) : Integer.compare(rb, ra);
    };

    static final Comparator<ReplicaSet> BY_SIZE_NEWER = (a, b) -> {
        int ra = DeploymentSpecs.replicas(a);
        int rb = DeploymentSpecs.replicas(b);
        return ra == rb ? BY_CREATION_TIMESTAMP.compare(b, a) : Integer.compare(rb, ra);
    };

    /** Unparsable revisions count as 0, as upstream ignores the parse error. */
    static final Comparator<ReplicaSet> BY_REVISION = (a, b) -> {
        long ra = revisionOrZero(a);
        long rb = revisionOrZero(b);
        return ra == rb ? BY_CREATION_TIMESTAMP.compare(a, b) : Long.compare(ra, rb);
    };

    private static long revisionOrZero(ReplicaSet rs) {
        try {
            return DeploymentAnnotations.revision(rs);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Go's zero time sorts before every real time. */
    private static Instant created(ReplicaSet rs) {
        return Times.parse(rs.getMetadata().getCreationTimestamp()).orElse(Instant.MIN);
    }
}
