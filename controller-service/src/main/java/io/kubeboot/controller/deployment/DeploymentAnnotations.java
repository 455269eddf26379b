package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Upstream deployment_util's annotation helpers: the revision of ReplicaSets and Deployments, the revision history
 * of a ReplicaSet rolled back to, the desired/max replicas a ReplicaSet was last scaled for, and which Deployment
 * annotations are copied to its ReplicaSets. The setters mutate the (copied) object passed in and say whether they
 * changed it.
 */
final class DeploymentAnnotations {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    /** apps.DeprecatedRollbackTo: the server-side rollback request of extensions/v1beta1 and apps/v1beta1. */
    static final String DEPRECATED_ROLLBACK_TO = "deprecated.deployment.rollback.to";
    static final String LAST_APPLIED_CONFIG = "kubectl.kubernetes.io/last-applied-configuration";
    /** Upstream maxRevHistoryLengthInChars. */
    static final int MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

    private static final Set<String> SKIPPED = Set.of(LAST_APPLIED_CONFIG, REVISION, REVISION_HISTORY, DESIRED_REPLICAS,
            MAX_REPLICAS, DEPRECATED_ROLLBACK_TO);
    private static final Logger log = LoggerFactory.getLogger(DeploymentAnnotations.class);

    private DeploymentAnnotations() {
    }

    /** Upstream {@code Revision}: 0 without the annotation; throws NumberFormatException when it is not an int64. */
    static long revision(HasMetadata obj) {
        String v = annotations(obj.getMetadata()).get(REVISION);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** Upstream {@code MaxRevision}: the highest parsable revision, 0 for none. */
    static long maxRevision(List<ReplicaSet> rss) {
        long max = 0;
        for (ReplicaSet rs : rss) {
            try {
                max = Math.max(max, revision(rs));
            } catch (NumberFormatException e) {
                log.debug("Couldn't parse revision for replica set {}, deployment controller will skip it when reconciling revisions",
                        rs.getMetadata().getName());
            }
        }
        return max;
    }

    /** Upstream {@code LastRevision}: the second highest revision (the one before the current). */
    static long lastRevision(List<ReplicaSet> rss) {
        long max = 0;
        long secMax = 0;
        for (ReplicaSet rs : rss) {
            if (rs == null) {
                continue;
            }
            long v;
            try {
                v = revision(rs);
            } catch (NumberFormatException e) {
                continue;
            }
            if (v >= max) {
                secMax = max;
                max = v;
            } else if (v > secMax) {
                secMax = v;
            }
        }
        return secMax;
    }

    /**
     * Upstream {@code SetNewReplicaSetAnnotations}: copy the Deployment's annotations (all but the skipped ones),
     * raise the revision to {@code newRevision} if it is higher (when the ReplicaSet had a revision, that one goes to
     * the revision history, trimmed from the front to {@code revHistoryLimitInChars}), and for a ReplicaSet about to
     * be created also the desired/max replicas annotations.
     */
    static boolean setNewReplicaSetAnnotations(Deployment d, ReplicaSet newRS, String newRevision, boolean exists,
                                               int revHistoryLimitInChars) {
        boolean changed = copyDeploymentAnnotationsToReplicaSet(d, newRS);
        Map<String, String> ann = mutableAnnotations(newRS.getMetadata());
        String oldRevision = ann.get(REVISION);
        boolean had = oldRevision != null;
        long oldRevisionInt;
        try {
            oldRevisionInt = had && !oldRevision.isEmpty() ? Long.parseLong(oldRevision) : 0;
        } catch (NumberFormatException e) {
            log.warn("Updating replica set revision OldRevision not int {}", e.getMessage());
            return false;
        }
        long newRevisionInt;
        try {
            newRevisionInt = Long.parseLong(newRevision);
        } catch (NumberFormatException e) {
            log.warn("Updating replica set revision NewRevision not int {}", e.getMessage());
            return false;
        }
        if (oldRevisionInt < newRevisionInt) {
            ann.put(REVISION, newRevision);
            changed = true;
        }
        if (had && oldRevisionInt < newRevisionInt) {
            String history = ann.getOrDefault(REVISION_HISTORY, "");
            List<String> oldRevisions = new ArrayList<>(Arrays.asList(history.split(",", -1)));
            if (oldRevisions.get(0).isEmpty()) {
                ann.put(REVISION_HISTORY, oldRevision);
            } else {
                int totalLen = history.length() + oldRevision.length() + 1;
                int start = 0;
                while (totalLen > revHistoryLimitInChars && start < oldRevisions.size()) {
                    totalLen = totalLen - oldRevisions.get(start).length() - 1;
                    start++;
                }
                if (totalLen <= revHistoryLimitInChars) {
                    List<String> kept = new ArrayList<>(oldRevisions.subList(start, oldRevisions.size()));
                    kept.add(oldRevision);
                    ann.put(REVISION_HISTORY, String.join(",", kept));
                } else {
                    log.warn("Not appending revision due to revision history length limit of {} reached", revHistoryLimitInChars);
                }
            }
        }
        if (!exists) {
            int replicas = DeploymentSpecs.replicas(d);
            if (setReplicasAnnotations(newRS, replicas, replicas + Fenceposts.maxSurge(d))) {
                changed = true;
            }
        }
        return changed;
    }

    /** Upstream {@code copyDeploymentAnnotationsToReplicaSet}. */
    static boolean copyDeploymentAnnotationsToReplicaSet(Deployment d, ReplicaSet rs) {
        boolean changed = false;
        Map<String, String> target = mutableAnnotations(rs.getMetadata());
        for (Map.Entry<String, String> e : annotations(d.getMetadata()).entrySet()) {
            if (SKIPPED.contains(e.getKey()) || e.getValue().equals(target.getOrDefault(e.getKey(), ""))) {
                continue;
            }
            target.put(e.getKey(), e.getValue());
            changed = true;
        }
        return changed;
    }

    /** Upstream {@code SetDeploymentAnnotationsTo}: the Deployment takes the ReplicaSet's copyable annotations (rollback). */
    static void setDeploymentAnnotationsTo(Deployment d, ReplicaSet rollbackTo) {
        Map<String, String> kept = new LinkedHashMap<>();
        annotations(d.getMetadata()).forEach((k, v) -> {
            if (SKIPPED.contains(k)) {
                kept.put(k, v);
            }
        });
        annotations(rollbackTo.getMetadata()).forEach((k, v) -> {
            if (!SKIPPED.contains(k)) {
                kept.put(k, v);
            }
        });
        d.getMetadata().setAnnotations(kept);
    }

    /** Upstream {@code SetDeploymentRevision}. */
    static boolean setDeploymentRevision(Deployment d, String revision) {
        Map<String, String> ann = mutableAnnotations(d.getMetadata());
        String wanted = revision == null ? "" : revision;
        // Go's map lookup: a missing key reads as ""
        if (wanted.equals(ann.getOrDefault(REVISION, ""))) {
            return false;
        }
        ann.put(REVISION, wanted);
        return true;
    }

    /** Upstream {@code SetReplicasAnnotations}. */
    static boolean setReplicasAnnotations(ReplicaSet rs, int desiredReplicas, int maxReplicas) {
        boolean updated = false;
        Map<String, String> ann = mutableAnnotations(rs.getMetadata());
        String desired = Integer.toString(desiredReplicas);
        if (!desired.equals(ann.get(DESIRED_REPLICAS))) {
            ann.put(DESIRED_REPLICAS, desired);
            updated = true;
        }
        String max = Integer.toString(maxReplicas);
        if (!max.equals(ann.get(MAX_REPLICAS))) {
            ann.put(MAX_REPLICAS, max);
            updated = true;
        }
        return updated;
    }

    /** Upstream {@code ReplicasAnnotationsNeedUpdate}. */
    static boolean replicasAnnotationsNeedUpdate(ReplicaSet rs, int desiredReplicas, int maxReplicas) {
        Map<String, String> ann = rs.getMetadata().getAnnotations();
        if (ann == null) {
            return true;
        }
        return !Integer.toString(desiredReplicas).equals(ann.get(DESIRED_REPLICAS))
                || !Integer.toString(maxReplicas).equals(ann.get(MAX_REPLICAS));
    }

    static OptionalInt desiredReplicas(ReplicaSet rs) {
        return intAnnotation(rs, DESIRED_REPLICAS);
    }

    static OptionalInt maxReplicas(ReplicaSet rs) {
        return intAnnotation(rs, MAX_REPLICAS);
    }

    private static OptionalInt intAnnotation(ReplicaSet rs, String key) {
        String v = annotations(rs.getMetadata()).get(key);
        if (v == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            log.debug("Cannot convert the value {} with annotation key {} for the replica set {}", v, key, rs.getMetadata().getName());
            return OptionalInt.empty();
        }
    }

    static Map<String, String> annotations(ObjectMeta meta) {
        return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    }

    /** The object's annotations as a mutable map it holds (created, or copied if it held an immutable one). */
    static Map<String, String> mutableAnnotations(ObjectMeta meta) {
        Map<String, String> ann = meta.getAnnotations() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getAnnotations());
        meta.setAnnotations(ann);
        return ann;
    }
}
