package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.ControllerRefManager;

import java.util.List;
import java.util.Objects;

/**
 * Upstream {@code ReplicaSetControllerRefManager.ClaimReplicaSets} for one Deployment sync: the
 * {@link ControllerRefManager} rules for its ReplicaSets, the adoption check being a fresh read of the Deployment
 * (it still exists with the same uid and is not being deleted). Not thread safe: one instance per sync.
 */
final class ReplicaSetClaimer {
    static final String API_VERSION = "apps/v1";
    static final String KIND = "Deployment";

    private final KubernetesClient client;
    private final Deployment d;
    private final ControllerRefManager<ReplicaSet> manager;

    ReplicaSetClaimer(KubernetesClient client, Deployment d, LabelSelector selector) {
        this.client = client;
        this.d = d;
        this.manager = new ControllerRefManager<>("ReplicaSet",
                (ns, name, patch) -> client.apps().replicaSets().inNamespace(ns).withName(name)
                        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch),
                d, selector, API_VERSION, KIND, this::recheckDeletionTimestamp);
    }

    /** The ReplicaSets the Deployment owns after adoption and release; per-ReplicaSet failures are thrown at the end. */
    List<ReplicaSet> claim(List<ReplicaSet> rss) {
        try {
            return manager.claim(rss);
        } catch (ControllerRefManager.ClaimException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Upstream RecheckDeletionTimestamp over a fresh GET of the Deployment. */
    private void recheckDeletionTimestamp() {
        String ns = d.getMetadata().getNamespace();
        String name = d.getMetadata().getName();
        Deployment fresh;
        try {
            fresh = client.apps().deployments().inNamespace(ns).withName(name).get();
        } catch (RuntimeException e) {
            throw new IllegalStateException(ClientErrors.message(e), e);
        }
        if (fresh == null) {
            throw new IllegalStateException("deployments.apps \"" + name + "\" not found");
        }
        if (!Objects.equals(fresh.getMetadata().getUid(), d.getMetadata().getUid())) {
            throw new IllegalStateException("original Deployment " + ns + "/" + name + " is gone: got uid "
                    + fresh.getMetadata().getUid() + ", wanted " + d.getMetadata().getUid());
        }
        if (fresh.getMetadata().getDeletionTimestamp() != null) {
            throw new IllegalStateException(ns + "/" + name + " has just been deleted at " + fresh.getMetadata().getDeletionTimestamp());
        }
    }
}
