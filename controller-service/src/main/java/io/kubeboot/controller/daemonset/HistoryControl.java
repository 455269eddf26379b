package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.ControllerRefManager;
import io.kubeboot.controller.util.PodControllerRefManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The API side of a DaemonSet's history (upstream {@code constructHistory}, {@code dedupCurHistories},
 * {@code snapshot}, {@code cleanupHistory}): reads revisions from the informer cache, writes through the client,
 * never mutates cached objects. The rules are {@link DaemonSetHistory}'s.
 */
final class HistoryControl {
    private static final Logger log = LoggerFactory.getLogger(HistoryControl.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<ControllerRevision> informer;

    HistoryControl(KubernetesClient client, SharedIndexInformer<ControllerRevision> informer) {
        this.client = client;
        this.informer = informer;
    }

    /** The current revision (its hash label names the pods to run) and the old ones. */
    record Constructed(ControllerRevision current, List<ControllerRevision> old) {
        String hash() {
            return DaemonSetHistory.hashOf(current);
        }
    }

    /**
     * Finds (or creates) the revision of the current template and renumbers it above all others, deduplicating
     * revisions of the same template (pods relabelled to the kept one) and labelling old revisions that lack a hash
     * label with their name. {@code daemonPods} lists the DaemonSet's claimed pods (only needed to deduplicate).
     */
    Constructed construct(DaemonSet ds, Callable<Collection<Pod>> daemonPods, PodControllerRefManager.CanAdopt canAdopt) throws Exception {
        List<ControllerRevision> histories = controlled(ds, canAdopt);
        List<ControllerRevision> labelled = new ArrayList<>();
        for (ControllerRevision h : histories) {
            if (DaemonSetHistory.hashOf(h) == null) {
                // the name instead of a computed hash: no collision to worry about
                Map<String, String> labels = h.getMetadata().getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(h.getMetadata().getLabels());
                labels.put(DaemonPods.REVISION_HASH_LABEL, h.getMetadata().getName());
                ControllerRevision copy = new ControllerRevisionBuilder(h).editMetadata().withLabels(labels).endMetadata().build();
                h = revisions(ds).resource(copy).update();
            }
            labelled.add(h);
        }
        DaemonSetHistory.Split split = DaemonSetHistory.split(ds, labelled);
        long currRevision = DaemonSetHistory.maxRevision(split.old()) + 1;
        ControllerRevision cur;
        if (split.current().isEmpty()) {
            cur = snapshot(ds, currRevision);
        } else {
            cur = dedup(ds, split.current(), daemonPods);
            if (DaemonSetHistory.revisionOf(cur) < currRevision) {
                revisions(ds).resource(new ControllerRevisionBuilder(cur).withRevision(currRevision).build()).update();
            }
        }
        return new Constructed(cur, split.old());
    }

    /** Upstream {@code controlledHistories}: the namespace's revisions claimed for the DaemonSet. */
    private List<ControllerRevision> controlled(DaemonSet ds, PodControllerRefManager.CanAdopt canAdopt) throws Exception {
        List<ControllerRevision> all = informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ds.getMetadata().getNamespace());
        ControllerRefManager<ControllerRevision> cm = new ControllerRefManager<>("ControllerRevision",
                (ns, name, patch) -> client.apps().controllerRevisions().inNamespace(ns).withName(name)
                        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch),
                ds, LabelSelector.fromModel(ds.getSpec().getSelector()), DaemonSetController.API_VERSION, DaemonSetController.KIND, canAdopt);
        return cm.claim(all);
    }

    private ControllerRevision dedup(DaemonSet ds, List<ControllerRevision> current, Callable<Collection<Pod>> daemonPods) throws Exception {
        if (current.size() == 1) {
            return current.get(0);
        }
        ControllerRevision keep = DaemonSetHistory.keepOfDuplicates(current);
        String keepHash = DaemonSetHistory.hashOf(keep);
        for (Pod pod : daemonPods.call()) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (!Objects.equals(labels == null ? null : labels.get(DaemonPods.REVISION_HASH_LABEL), keepHash)) {
                var patch = Json.MAPPER.createObjectNode();
                patch.putObject("metadata").putObject("labels").put(DaemonPods.REVISION_HASH_LABEL, keepHash);
                client.pods().inNamespace(ds.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
            }
        }
        for (ControllerRevision r : current) {
            if (!r.getMetadata().getName().equals(keep.getMetadata().getName())) {
                revisions(ds).withName(r.getMetadata().getName()).delete();
            }
        }
        return keep;
    }

    /**
     * Upstream {@code snapshot}: creates the revision; if the name is taken by the same template it is reused, by
     * another one the DaemonSet's {@code status.collisionCount} is bumped (unless the count used was stale) and the
     * sync fails, to retry with the new name.
     */
    private ControllerRevision snapshot(DaemonSet ds, long revision) throws Exception {
        ControllerRevision history = DaemonSetHistory.snapshot(ds, revision);
        try {
            return revisions(ds).resource(history).create();
        } catch (KubernetesClientException e) {
            if (!isAlreadyExists(e)) {
                throw e;
            }
            ControllerRevision existing = revisions(ds).withName(history.getMetadata().getName()).get();
            if (existing == null) {
                throw e;
            }
            if (DaemonSetHistory.matches(ds, existing)) {
                return existing;
            }
            DaemonSet fresh = client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).withName(ds.getMetadata().getName()).get();
            if (fresh == null) {
                throw e;
            }
            Integer used = ds.getStatus() == null ? null : ds.getStatus().getCollisionCount();
            Integer now = fresh.getStatus() == null ? null : fresh.getStatus().getCollisionCount();
            if (!Objects.equals(used, now)) {
                throw new IllegalStateException(String.format("found a stale collision count (%s, expected %s) of DaemonSet %s while processing; "
                        + "will retry until it is updated", used, now, ds.getMetadata().getName()), e);
            }
            int next = now == null ? 1 : now + 1;
            DaemonSet bumped = new DaemonSetBuilder(fresh).editOrNewStatus().withCollisionCount(next).endStatus().build();
            client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).resource(bumped).updateStatus();
            log.info("Found a hash collision for DaemonSet {}/{} - bumping collisionCount to {} to resolve it",
                    ds.getMetadata().getNamespace(), ds.getMetadata().getName(), next);
            throw e;
        }
    }

    /**
     * Upstream {@code cleanupHistory}: deletes old revisions beyond {@code spec.revisionHistoryLimit}, oldest first,
     * never one whose hash a pod (deleted terminal ones included) still carries.
     */
    void cleanup(DaemonSet ds, List<ControllerRevision> old, Collection<Pod> pods) throws Exception {
        Set<String> liveHashes = new HashSet<>();
        for (Pod pod : pods) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            String hash = labels == null ? null : labels.get(DaemonPods.REVISION_HASH_LABEL);
            if (hash != null && !hash.isEmpty()) {
                liveHashes.add(hash);
            }
        }
        for (String name : DaemonSetHistory.toDelete(ds.getSpec().getRevisionHistoryLimit(), old, liveHashes)) {
            try {
                revisions(ds).withName(name).delete();
            } catch (KubernetesClientException e) {
                if (!ClientErrors.isNotFound(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isAlreadyExists(KubernetesClientException e) {
        return e.getCode() == 409 && e.getStatus() != null && "AlreadyExists".equals(e.getStatus().getReason());
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<ControllerRevision,
            io.fabric8.kubernetes.api.model.apps.ControllerRevisionList,
            io.fabric8.kubernetes.client.dsl.Resource<ControllerRevision>> revisions(DaemonSet ds) {
        return client.apps().controllerRevisions().inNamespace(ds.getMetadata().getNamespace());
    }
}
