package io.kubeboot.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.PodControllerRefManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream {@code ReplicaSetControllerRefManager.ClaimReplicaSets} for one Deployment sync: keeps the ReplicaSets it
 * controls whose labels still match its selector, releases (removes its controller ref from) those that no longer
 * match, and adopts matching orphans (strategic merge patch adding its controller ref, guarded by the ReplicaSet's
 * uid) after checking once, uncached, that the Deployment still exists and is not being deleted. Not thread safe:
 * one instance per sync.
 */
final class ReplicaSetClaimer {
    static final String API_VERSION = "apps/v1";
    static final String KIND = "Deployment";

    private final KubernetesClient client;
    private final Deployment d;
    private final LabelSelector selector;
    private boolean canAdoptChecked;
    private String canAdoptError;

    ReplicaSetClaimer(KubernetesClient client, Deployment d, LabelSelector selector) {
        this.client = client;
        this.d = d;
        this.selector = selector;
    }

    /** The ReplicaSets the Deployment owns after adoption and release; per-ReplicaSet failures are thrown at the end. */
    List<ReplicaSet> claim(List<ReplicaSet> rss) {
        List<ReplicaSet> claimed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ReplicaSet rs : rss) {
            try {
                if (claimOne(rs)) {
                    claimed.add(rs);
                }
            } catch (RuntimeException e) {
                errors.add(ClientErrors.message(e));
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
        return claimed;
    }

    private boolean claimOne(ReplicaSet rs) {
        boolean match = selector.matches(rs.getMetadata().getLabels());
        OwnerReference ref = PodControllerRefManager.controllerOf(rs);
        boolean deploymentDeleting = d.getMetadata().getDeletionTimestamp() != null;
        if (ref != null) {
            if (!Objects.equals(ref.getUid(), d.getMetadata().getUid())) {
                return false;
            }
            if (match) {
                return true;
            }
            if (!deploymentDeleting) {
                patch(rs, releasePatch(rs), true);
            }
            return false;
        }
        if (deploymentDeleting || !match || rs.getMetadata().getDeletionTimestamp() != null
                || !Objects.equals(rs.getMetadata().getNamespace(), d.getMetadata().getNamespace())) {
            return false;
        }
        checkCanAdopt(rs);
        return patch(rs, adoptPatch(rs), false);
    }

    /** Whether the patch went through; NotFound (and for releases Invalid: the uid changed) means nothing to do. */
    private boolean patch(ReplicaSet rs, String patch, boolean release) {
        try {
            client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
            return true;
        } catch (RuntimeException e) {
            if (ClientErrors.isNotFound(e) || release && ClientErrors.isInvalid(e)) {
                return false;
            }
            throw e;
        }
    }

    private void checkCanAdopt(ReplicaSet rs) {
        if (!canAdoptChecked) {
            canAdoptChecked = true;
            canAdoptError = recheckDeletionTimestamp();
        }
        if (canAdoptError != null) {
            throw new IllegalStateException("can't adopt ReplicaSet " + rs.getMetadata().getNamespace() + "/"
                    + rs.getMetadata().getName() + " (" + rs.getMetadata().getUid() + "): " + canAdoptError);
        }
    }

    /** Upstream RecheckDeletionTimestamp over a fresh GET of the Deployment; the error text, or null. */
    private String recheckDeletionTimestamp() {
        String ns = d.getMetadata().getNamespace();
        String name = d.getMetadata().getName();
        Deployment fresh;
        try {
            fresh = client.apps().deployments().inNamespace(ns).withName(name).get();
        } catch (RuntimeException e) {
            return ClientErrors.message(e);
        }
        if (fresh == null) {
            return "deployments.apps \"" + name + "\" not found";
        }
        if (!Objects.equals(fresh.getMetadata().getUid(), d.getMetadata().getUid())) {
            return "original Deployment " + ns + "/" + name + " is gone: got uid " + fresh.getMetadata().getUid()
                    + ", wanted " + d.getMetadata().getUid();
        }
        if (fresh.getMetadata().getDeletionTimestamp() != null) {
            return ns + "/" + name + " has just been deleted at " + fresh.getMetadata().getDeletionTimestamp();
        }
        return null;
    }

    String adoptPatch(ReplicaSet rs) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.putArray("ownerReferences").add(Json.MAPPER.valueToTree(PodControllerRefManager.controllerRef(d, API_VERSION, KIND)));
        meta.put("uid", rs.getMetadata().getUid());
        return patch.toString();
    }

    String releasePatch(ReplicaSet rs) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.putArray("ownerReferences").add(Json.MAPPER.valueToTree(Map.of("$patch", "delete", "uid", d.getMetadata().getUid())));
        meta.put("uid", rs.getMetadata().getUid());
        return patch.toString();
    }
}
