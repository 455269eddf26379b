package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;

/**
 * Upstream sync.go and progress.go: finding (or creating) the new ReplicaSet and syncing revisions, proportional
 * scaling, history cleanup, pause conditions and status writes. Works on the caller's copy {@code d} of the
 * Deployment, which it updates as upstream does (annotations, conditions, status); status writes carry the returned
 * resourceVersion back into {@code d} so later writes of the same sync do not conflict. Thread safe (stateless).
 */
final class DeploymentSync {
    private static final Logger log = LoggerFactory.getLogger(DeploymentSync.class);

    private final KubernetesClient client;
    private final EventRecorder recorder;
    private final ReplicaSetScaler scaler;
    private final TemplateMatcher matcher;
    private final PodTemplateHash hash;
    private final BiFunction<String, String, ReplicaSet> cachedReplicaSet;
    private final Clock clock;

    /** @param cachedReplicaSet (namespace, name) to the informer's ReplicaSet, or null */
    DeploymentSync(KubernetesClient client, EventRecorder recorder, ReplicaSetScaler scaler, TemplateMatcher matcher,
                   PodTemplateHash hash, BiFunction<String, String, ReplicaSet> cachedReplicaSet, Clock clock) {
        this.client = client;
        this.recorder = recorder;
        this.scaler = scaler;
        this.matcher = matcher;
        this.hash = hash;
        this.cachedReplicaSet = cachedReplicaSet;
        this.clock = clock;
    }

    ReplicaSetScaler scaler() {
        return scaler;
    }

    TemplateMatcher matcher() {
        return matcher;
    }

    /** The new ReplicaSet (null when it does not exist and is not to be created) and all the others. */
    record ReplicaSets(ReplicaSet newRS, List<ReplicaSet> oldRSs) {
        /** Old then new; the new one may be null. */
        List<ReplicaSet> all() {
            List<ReplicaSet> all = new ArrayList<>(oldRSs);
            all.add(newRS);
            return all;
        }
    }

    /** Upstream {@code getAllReplicaSetsAndSyncRevision}. */
    ReplicaSets getAllReplicaSetsAndSyncRevision(Deployment d, List<ReplicaSet> rsList, boolean createIfNotExisted) {
        List<ReplicaSet> allOld = matcher.findOldReplicaSets(d, new ArrayList<>(rsList));
        ReplicaSet newRS = getNewReplicaSet(d, new ArrayList<>(rsList), allOld, createIfNotExisted);
        return new ReplicaSets(newRS, allOld);
    }

    /**
     * Upstream {@code getNewReplicaSet}: an existing new ReplicaSet gets the Deployment's annotations, the next
     * revision (max old revision + 1, if higher than its own) and minReadySeconds; the Deployment gets its revision and
     * a FoundNewReplicaSet condition if it has no Progressing one. Otherwise (when asked) a new ReplicaSet
     * {@code <name>-<pod-template-hash>} is created with NewRSNewReplicas replicas; a name clash with a different
     * template bumps status.collisionCount and fails the sync so it is retried with a new hash.
     */
    ReplicaSet getNewReplicaSet(Deployment d, List<ReplicaSet> rsList, List<ReplicaSet> oldRSs, boolean createIfNotExisted) {
        ReplicaSet existing = matcher.findNewReplicaSet(d, rsList);
        String newRevision = Long.toString(DeploymentAnnotations.maxRevision(oldRSs) + 1);
        if (existing != null) {
            ReplicaSet rsCopy = Copies.of(existing);
            boolean annotationsUpdated = DeploymentAnnotations.setNewReplicaSetAnnotations(d, rsCopy, newRevision, true,
                    DeploymentAnnotations.MAX_REV_HISTORY_LENGTH_IN_CHARS);
            boolean minReadySecondsNeedsUpdate = nz(rsCopy.getSpec().getMinReadySeconds()) != DeploymentSpecs.minReadySeconds(d);
            if (annotationsUpdated || minReadySecondsNeedsUpdate) {
                rsCopy.getSpec().setMinReadySeconds(DeploymentSpecs.minReadySeconds(d));
                return client.apps().replicaSets().inNamespace(rsCopy.getMetadata().getNamespace()).resource(rsCopy).update();
            }
            boolean needsUpdate = DeploymentAnnotations.setDeploymentRevision(d,
                    DeploymentAnnotations.annotations(rsCopy.getMetadata()).get(DeploymentAnnotations.REVISION));
            if (DeploymentSpecs.hasProgressDeadline(d)
                    && DeploymentConditions.get(d.getStatus(), DeploymentConditions.PROGRESSING).isEmpty()) {
                DeploymentConditions.set(status(d), DeploymentConditions.newCondition(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.FOUND_NEW_RS, "Found new replica set \"" + rsCopy.getMetadata().getName() + "\"",
                        clock.instant()));
                needsUpdate = true;
            }
            if (needsUpdate) {
                updateStatus(d);
            }
            return rsCopy;
        }
        if (!createIfNotExisted) {
            return null;
        }
        return createNewReplicaSet(d, oldRSs, newRevision);
    }

    private ReplicaSet createNewReplicaSet(Deployment d, List<ReplicaSet> oldRSs, String newRevision) {
        PodTemplateSpec template = Copies.of(d.getSpec().getTemplate());
        String podTemplateHash = hash.compute(template, d.getStatus() == null ? null : d.getStatus().getCollisionCount());
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.put(TemplateMatcher.POD_TEMPLATE_HASH, podTemplateHash);
        template.getMetadata().setLabels(labels);
        String name = d.getMetadata().getName() + "-" + podTemplateHash;
        ReplicaSet newRS = new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withNamespace(d.getMetadata().getNamespace())
                .withOwnerReferences(PodControllerRefManager.controllerRef(d, ReplicaSetClaimer.API_VERSION, ReplicaSetClaimer.KIND))
                .withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withNewSpec().withReplicas(0).withMinReadySeconds(DeploymentSpecs.minReadySeconds(d))
                .withSelector(selectorWithHash(d.getSpec().getSelector(), podTemplateHash)).withTemplate(template).endSpec()
                .build();
        List<ReplicaSet> all = new ArrayList<>(oldRSs);
        all.add(newRS);
        int newReplicas = ReplicaSetMath.newRSNewReplicas(d, all, newRS);
        newRS.getSpec().setReplicas(newReplicas);
        DeploymentAnnotations.setNewReplicaSetAnnotations(d, newRS, newRevision, false,
                DeploymentAnnotations.MAX_REV_HISTORY_LENGTH_IN_CHARS);
        ReplicaSet created;
        boolean alreadyExists = false;
        try {
            created = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).resource(newRS).create();
        } catch (RuntimeException e) {
            if (ClientErrors.code(e) == 409 && isAlreadyExists(e)) {
                ReplicaSet rs = cachedReplicaSet.apply(d.getMetadata().getNamespace(), name);
                if (rs == null) {
                    throw e;
                }
                var ref = PodControllerRefManager.controllerOf(rs);
                if (ref != null && Objects.equals(ref.getUid(), d.getMetadata().getUid())
                        && matcher.equalIgnoreHash(d.getSpec().getTemplate(), rs.getSpec().getTemplate())) {
                    created = rs;
                    alreadyExists = true;
                } else {
                    // same name, other template: retry with a hash that includes a higher collisionCount
                    DeploymentStatus s = status(d);
                    int before = s.getCollisionCount() == null ? 0 : s.getCollisionCount();
                    s.setCollisionCount(before + 1);
                    try {
                        updateStatus(d);
                        log.info("Found a hash collision for deployment {}/{} - bumping collisionCount ({}->{}) to resolve it",
                                d.getMetadata().getNamespace(), d.getMetadata().getName(), before, before + 1);
                    } catch (RuntimeException ignored) {
                        // retried with the next sync
                    }
                    throw e;
                }
            } else if (ClientErrors.hasStatusCause(e, ClientErrors.NAMESPACE_TERMINATING_CAUSE)) {
                throw e;
            } else {
                String msg = "Failed to create new replica set \"" + name + "\": " + ClientErrors.message(e);
                if (DeploymentSpecs.hasProgressDeadline(d)) {
                    DeploymentConditions.set(status(d), DeploymentConditions.newCondition(DeploymentConditions.PROGRESSING,
                            "False", DeploymentConditions.FAILED_RS_CREATE, msg, clock.instant()));
                    try {
                        updateStatus(d);
                    } catch (RuntimeException ignored) {
                        // the create error is the one to report
                    }
                }
                recorder.event(d, EventRecorder.WARNING, DeploymentConditions.FAILED_RS_CREATE, msg);
                throw e;
            }
        }
        if (!alreadyExists && newReplicas > 0) {
            recorder.eventf(d, EventRecorder.NORMAL, ReplicaSetScaler.SCALING_REPLICA_SET, "Scaled up replica set %s from 0 to %d",
                    created.getMetadata().getName(), newReplicas);
        }
        boolean needsUpdate = DeploymentAnnotations.setDeploymentRevision(d, newRevision);
        if (!alreadyExists && DeploymentSpecs.hasProgressDeadline(d)) {
            DeploymentConditions.set(status(d), DeploymentConditions.newCondition(DeploymentConditions.PROGRESSING, "True",
                    DeploymentConditions.NEW_REPLICA_SET, "Created new replica set \"" + created.getMetadata().getName() + "\"",
                    clock.instant()));
            needsUpdate = true;
        }
        if (needsUpdate) {
            updateStatus(d);
        }
        return created;
    }

    private static boolean isAlreadyExists(RuntimeException e) {
        return e instanceof io.fabric8.kubernetes.client.KubernetesClientException k && k.getStatus() != null
                && "AlreadyExists".equals(k.getStatus().getReason());
    }

    /** Upstream CloneSelectorAndAddLabel. */
    static LabelSelector selectorWithHash(LabelSelector selector, String podTemplateHash) {
        LabelSelector copy = selector == null ? new LabelSelector() : new LabelSelectorBuilder(selector).build();
        Map<String, String> ml = copy.getMatchLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(copy.getMatchLabels());
        ml.put(TemplateMatcher.POD_TEMPLATE_HASH, podTemplateHash);
        copy.setMatchLabels(ml);
        return copy;
    }

    /**
     * Upstream {@code scale}: a single active (or else the newest) ReplicaSet takes spec.replicas; with a saturated
     * new ReplicaSet the old ones go to 0; otherwise (rolling updates) the difference to replicas + maxSurge is shared
     * among the active ReplicaSets in proportion to their size, the rounding leftover going to the largest.
     */
    void scale(Deployment d, ReplicaSet newRS, List<ReplicaSet> oldRSs) {
        int replicas = DeploymentSpecs.replicas(d);
        ReplicaSet activeOrLatest = ReplicaSetMath.findActiveOrLatest(newRS, oldRSs);
        if (activeOrLatest != null) {
            if (DeploymentSpecs.replicas(activeOrLatest) != replicas) {
                scaler.scaleAndRecordEvent(activeOrLatest, replicas, d);
            }
            return;
        }
        if (ReplicaSetMath.isSaturated(d, newRS)) {
            for (ReplicaSet old : ReplicaSetMath.active(oldRSs)) {
                scaler.scaleAndRecordEvent(old, 0, d);
            }
            return;
        }
        if (!DeploymentSpecs.isRollingUpdate(d)) {
            return;
        }
        List<ReplicaSet> all = new ArrayList<>(oldRSs);
        all.add(newRS);
        List<ReplicaSet> active = ReplicaSetMath.active(all);
        int allowedSize = replicas > 0 ? replicas + Fenceposts.maxSurge(d) : 0;
        int toAdd = allowedSize - ReplicaSetMath.replicaCount(active);
        if (toAdd > 0) {
            active.sort(ReplicaSetOrder.BY_SIZE_NEWER);
        } else if (toAdd < 0) {
            active.sort(ReplicaSetOrder.BY_SIZE_OLDER);
        }
        int added = 0;
        Map<String, Integer> nameToSize = new HashMap<>();
        for (ReplicaSet rs : active) {
            if (toAdd != 0) {
                int proportion = ReplicaSetMath.proportion(rs, d, toAdd, added);
                nameToSize.put(rs.getMetadata().getName(), DeploymentSpecs.replicas(rs) + proportion);
                added += proportion;
            } else {
                nameToSize.put(rs.getMetadata().getName(), DeploymentSpecs.replicas(rs));
            }
        }
        for (int i = 0; i < active.size(); i++) {
            ReplicaSet rs = active.get(i);
            String name = rs.getMetadata().getName();
            if (i == 0 && toAdd != 0) {
                nameToSize.put(name, Math.max(0, nameToSize.get(name) + toAdd - added));
            }
            scaler.scale(rs, nameToSize.get(name), d);
        }
    }

    /**
     * Upstream {@code cleanupDeployment}: deletes the oldest (by revision) old ReplicaSets beyond
     * revisionHistoryLimit, but only those scaled to 0 with no pods whose spec the ReplicaSet controller has seen.
     */
    void cleanupDeployment(List<ReplicaSet> oldRSs, Deployment d) {
        if (!DeploymentSpecs.hasRevisionHistoryLimit(d)) {
            return;
        }
        List<ReplicaSet> cleanable = new ArrayList<>();
        for (ReplicaSet rs : oldRSs) {
            if (rs != null && rs.getMetadata().getDeletionTimestamp() == null) {
                cleanable.add(rs);
            }
        }
        int diff = cleanable.size() - d.getSpec().getRevisionHistoryLimit();
        if (diff <= 0) {
            return;
        }
        cleanable.sort(ReplicaSetOrder.BY_REVISION);
        log.debug("Looking to cleanup old replica sets for deployment {}/{}", d.getMetadata().getNamespace(), d.getMetadata().getName());
        for (int i = 0; i < diff; i++) {
            ReplicaSet rs = cleanable.get(i);
            if (DeploymentSpecs.statusReplicas(rs) != 0 || DeploymentSpecs.replicas(rs) != 0
                    || DeploymentSpecs.generation(rs) > DeploymentSpecs.observedGeneration(rs)
                    || rs.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            log.debug("Trying to cleanup replica set {}/{} for deployment {}", rs.getMetadata().getNamespace(),
                    rs.getMetadata().getName(), d.getMetadata().getName());
            try {
                client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName()).delete();
            } catch (RuntimeException e) {
                if (!ClientErrors.isNotFound(e)) {
                    throw e;
                }
            }
        }
    }

    /** Upstream {@code syncStatusOnly}: for deployments being deleted. */
    void syncStatusOnly(Deployment d, List<ReplicaSet> rsList) {
        ReplicaSets rss = getAllReplicaSetsAndSyncRevision(d, rsList, false);
        syncDeploymentStatus(rss.all(), rss.newRS(), d);
    }

    /** Upstream {@code sync}: scaling events and paused deployments (no rollout). */
    void sync(Deployment d, List<ReplicaSet> rsList) {
        ReplicaSets rss = getAllReplicaSetsAndSyncRevision(d, rsList, false);
        List<ReplicaSet> oldRSs = new ArrayList<>(rss.oldRSs());
        scale(d, rss.newRS(), oldRSs);
        if (DeploymentSpecs.paused(d) && Rollback.rollbackTo(d).isEmpty()) {
            cleanupDeployment(oldRSs, d);
        }
        List<ReplicaSet> all = new ArrayList<>(oldRSs);
        all.add(rss.newRS());
        syncDeploymentStatus(all, rss.newRS(), d);
    }

    /**
     * Upstream {@code checkPausedConditions}: with a progress deadline (and no timeout reported), Progressing becomes
     * Unknown/DeploymentPaused "Deployment is paused" on pause and Unknown/DeploymentResumed "Deployment is resumed"
     * on resume.
     */
    void checkPausedConditions(Deployment d) {
        if (!DeploymentSpecs.hasProgressDeadline(d)) {
            return;
        }
        Optional<io.fabric8.kubernetes.api.model.apps.DeploymentCondition> cond =
                DeploymentConditions.get(d.getStatus(), DeploymentConditions.PROGRESSING);
        if (cond.isPresent() && DeploymentConditions.TIMED_OUT.equals(cond.get().getReason())) {
            return;
        }
        boolean pausedCondExists = cond.isPresent() && DeploymentConditions.PAUSED.equals(cond.get().getReason());
        boolean paused = DeploymentSpecs.paused(d);
        if (paused && !pausedCondExists) {
            DeploymentConditions.set(status(d), DeploymentConditions.newCondition(DeploymentConditions.PROGRESSING, "Unknown",
                    DeploymentConditions.PAUSED, "Deployment is paused", clock.instant()));
        } else if (!paused && pausedCondExists) {
            DeploymentConditions.set(status(d), DeploymentConditions.newCondition(DeploymentConditions.PROGRESSING, "Unknown",
                    DeploymentConditions.RESUMED, "Deployment is resumed", clock.instant()));
        } else {
            return;
        }
        updateStatus(d);
    }

    /** Upstream {@code isScalingEvent}: an active ReplicaSet was last scaled for a different spec.replicas. */
    boolean isScalingEvent(Deployment d, List<ReplicaSet> rsList) {
        ReplicaSets rss = getAllReplicaSetsAndSyncRevision(d, rsList, false);
        for (ReplicaSet rs : ReplicaSetMath.active(rss.all())) {
            OptionalInt desired = DeploymentAnnotations.desiredReplicas(rs);
            if (desired.isPresent() && desired.getAsInt() != DeploymentSpecs.replicas(d)) {
                return true;
            }
        }
        return false;
    }

    /** Upstream {@code syncDeploymentStatus}: writes the calculated status if it differs. */
    void syncDeploymentStatus(List<ReplicaSet> allRSs, ReplicaSet newRS, Deployment d) {
        DeploymentStatus next = DeploymentStatusCalculator.calculate(allRSs, newRS, d, clock.instant());
        if (DeploymentStatusCalculator.same(d.getStatus(), next)) {
            return;
        }
        d.setStatus(next);
        updateStatus(d);
    }

    /**
     * Upstream {@code syncRolloutStatus}: writes the rollout status if it differs; otherwise, for a rollout showing no
     * progress, asks to be looked at again when its deadline passes.
     */
    Result syncRolloutStatus(List<ReplicaSet> allRSs, ReplicaSet newRS, Deployment d) {
        DeploymentStatus next = DeploymentStatusCalculator.rollout(allRSs, newRS, d, clock.instant());
        if (DeploymentStatusCalculator.same(d.getStatus(), next)) {
            Optional<Duration> after = DeploymentStatusCalculator.requeueStuck(d, next, clock.instant());
            if (after.isEmpty()) {
                return Result.done();
            }
            return after.get().isZero() ? Result.requeue() : Result.requeueAfter(after.get());
        }
        d.setStatus(next);
        updateStatus(d);
        return Result.done();
    }

    /** UpdateStatus of {@code d}; its resourceVersion follows the write. */
    Deployment updateStatus(Deployment d) {
        Deployment written = client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).updateStatus();
        d.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
        return written;
    }

    private static DeploymentStatus status(Deployment d) {
        if (d.getStatus() == null) {
            d.setStatus(new DeploymentStatus());
        }
        return d.getStatus();
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
