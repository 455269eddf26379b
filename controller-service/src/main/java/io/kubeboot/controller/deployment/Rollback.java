package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.runtime.events.EventRecorder;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Upstream rollback.go: the server-side rollback requested through the {@code deprecated.deployment.rollback.to}
 * annotation (what extensions/v1beta1 rollback subresources left behind; kubectl 1.32 rolls back client side by
 * patching the template, which needs nothing here). Copies the template and annotations of the ReplicaSet of the
 * requested revision (0: the previous one) into the Deployment and clears the request. Thread safe (stateless).
 */
final class Rollback {
    static final String ROLLBACK_REVISION_NOT_FOUND = "DeploymentRollbackRevisionNotFound";
    static final String ROLLBACK_TEMPLATE_UNCHANGED = "DeploymentRollbackTemplateUnchanged";
    static final String ROLLBACK_DONE = "DeploymentRollback";

    private final KubernetesClient client;
    private final EventRecorder recorder;
    private final DeploymentSync sync;

    Rollback(KubernetesClient client, EventRecorder recorder, DeploymentSync sync) {
        this.client = client;
        this.recorder = recorder;
        this.sync = sync;
    }

    /** Upstream {@code getRollbackTo}: the requested revision; empty without (or with an unparsable) annotation. */
    static OptionalLong rollbackTo(Deployment d) {
        String v = DeploymentAnnotations.annotations(d.getMetadata()).get(DeploymentAnnotations.DEPRECATED_ROLLBACK_TO);
        if (v == null || v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    void rollback(Deployment d, List<ReplicaSet> rsList) {
        DeploymentSync.ReplicaSets rss = sync.getAllReplicaSetsAndSyncRevision(d, rsList, true);
        List<ReplicaSet> all = rss.all();
        long revision = rollbackTo(d).orElse(0);
        if (revision == 0) {
            revision = DeploymentAnnotations.lastRevision(all);
            if (revision == 0) {
                recorder.event(d, EventRecorder.WARNING, ROLLBACK_REVISION_NOT_FOUND, "Unable to find last revision.");
                updateDeploymentAndClearRollbackTo(d);
                return;
            }
        }
        for (ReplicaSet rs : all) {
            if (rs == null) {
                continue;
            }
            long v;
            try {
                v = DeploymentAnnotations.revision(rs);
            } catch (NumberFormatException e) {
                continue;
            }
            if (v == revision) {
                if (rollbackToTemplate(d, rs)) {
                    recorder.event(d, EventRecorder.NORMAL, ROLLBACK_DONE,
                            "Rolled back deployment \"" + d.getMetadata().getName() + "\" to revision " + revision);
                }
                return;
            }
        }
        recorder.event(d, EventRecorder.WARNING, ROLLBACK_REVISION_NOT_FOUND, "Unable to find the revision to rollback to.");
        updateDeploymentAndClearRollbackTo(d);
    }

    private boolean rollbackToTemplate(Deployment d, ReplicaSet rs) {
        boolean performed = false;
        if (!sync.matcher().equalIgnoreHash(d.getSpec().getTemplate(), rs.getSpec().getTemplate())) {
            PodTemplateSpec template = TemplateMatcher.withoutHashLabel(rs.getSpec().getTemplate());
            d.getSpec().setTemplate(template);
            DeploymentAnnotations.setDeploymentAnnotationsTo(d, rs);
            performed = true;
        } else {
            recorder.event(d, EventRecorder.WARNING, ROLLBACK_TEMPLATE_UNCHANGED,
                    "The rollback revision contains the same template as current deployment \"" + d.getMetadata().getName() + "\"");
        }
        updateDeploymentAndClearRollbackTo(d);
        return performed;
    }

    private void updateDeploymentAndClearRollbackTo(Deployment d) {
        Map<String, String> ann = DeploymentAnnotations.mutableAnnotations(d.getMetadata());
        ann.remove(DeploymentAnnotations.DEPRECATED_ROLLBACK_TO);
        client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).update();
    }
}
