package io.kubeboot.controller.util;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.selector.LabelSelector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream {@code ControllerRevisionControllerRefManager.ClaimControllerRevisions}: the ControllerRevisions a
 * controller (DaemonSet, StatefulSet) owns, adopting matching orphans and releasing owned ones that no longer match,
 * by strategic merge patches of {@code metadata.ownerReferences} carrying the revision's uid as precondition. The
 * same rules as {@link PodControllerRefManager}. One instance per sync; not thread safe.
 */
public final class ControllerRevisionRefManager {
    /** Applies a strategic merge patch to a ControllerRevision. */
    @FunctionalInterface
    public interface Patcher {
        void patch(String namespace, String name, String strategicMergePatch) throws Exception;
    }

    private final Patcher patcher;
    private final HasMetadata controller;
    private final LabelSelector selector;
    private final String apiVersion;
    private final String kind;
    private final PodControllerRefManager.CanAdopt canAdopt;
    private boolean canAdoptChecked;
    private Exception canAdoptError;

    public ControllerRevisionRefManager(Patcher patcher, HasMetadata controller, LabelSelector selector, String apiVersion,
                                        String kind, PodControllerRefManager.CanAdopt canAdopt) {
        this.patcher = Objects.requireNonNull(patcher);
        this.controller = Objects.requireNonNull(controller);
        this.selector = Objects.requireNonNull(selector);
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.canAdopt = canAdopt;
    }

    /** The revisions this controller owns after adoption and release; errors of single revisions are thrown at the end. */
    public List<ControllerRevision> claim(List<ControllerRevision> revisions) throws Exception {
        List<ControllerRevision> claimed = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        for (ControllerRevision r : revisions) {
            try {
                if (claimOne(r)) {
                    claimed.add(r);
                }
            } catch (Exception e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            Exception first = errors.get(0);
            errors.subList(1, errors.size()).forEach(first::addSuppressed);
            throw first;
        }
        return claimed;
    }

    private boolean claimOne(ControllerRevision r) throws Exception {
        boolean match = selector.matches(r.getMetadata().getLabels());
        OwnerReference ref = PodControllerRefManager.controllerOf(r);
        if (ref != null) {
            if (!Objects.equals(ref.getUid(), controller.getMetadata().getUid())) {
                return false;
            }
            if (match) {
                return true;
            }
            if (controller.getMetadata().getDeletionTimestamp() == null) {
                release(r);
            }
            return false;
        }
        if (controller.getMetadata().getDeletionTimestamp() != null || !match
                || r.getMetadata().getDeletionTimestamp() != null
                || !Objects.equals(r.getMetadata().getNamespace(), controller.getMetadata().getNamespace())) {
            return false;
        }
        checkCanAdopt(r);
        try {
            patcher.patch(r.getMetadata().getNamespace(), r.getMetadata().getName(), adoptPatch(r));
        } catch (Exception e) {
            if (ClientErrors.isNotFound(e)) {
                return false;
            }
            throw e;
        }
        return true;
    }

    private void checkCanAdopt(ControllerRevision r) {
        if (!canAdoptChecked) {
            canAdoptChecked = true;
            try {
                if (canAdopt != null) {
                    canAdopt.check();
                }
            } catch (Exception e) {
                canAdoptError = e;
            }
        }
        if (canAdoptError != null) {
            throw new IllegalStateException("can't adopt ControllerRevision " + r.getMetadata().getNamespace() + "/"
                    + r.getMetadata().getName() + " (" + r.getMetadata().getUid() + "): " + canAdoptError.getMessage(), canAdoptError);
        }
    }

    private void release(ControllerRevision r) throws Exception {
        try {
            patcher.patch(r.getMetadata().getNamespace(), r.getMetadata().getName(), releasePatch(r));
        } catch (Exception e) {
            if (ClientErrors.isNotFound(e) || ClientErrors.isInvalid(e)) {
                return;
            }
            throw e;
        }
    }

    String adoptPatch(ControllerRevision r) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.putArray("ownerReferences").add(Json.MAPPER.valueToTree(PodControllerRefManager.controllerRef(controller, apiVersion, kind)));
        meta.put("uid", r.getMetadata().getUid());
        return patch.toString();
    }

    String releasePatch(ControllerRevision r) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.putArray("ownerReferences").add(Json.MAPPER.valueToTree(Map.of("$patch", "delete", "uid", controller.getMetadata().getUid())));
        meta.put("uid", r.getMetadata().getUid());
        return patch.toString();
    }
}
