package io.kubeboot.controller.util;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.selector.LabelSelector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream {@code PodControllerRefManager.ClaimPods}: decides which pods a controller owns, adopting orphans that
 * match its selector and releasing owned pods that no longer match, by strategic merge patches of
 * {@code metadata.ownerReferences} that carry the pod's uid as a precondition.
 *
 * <ul>
 *   <li>owned by another controller: ignored;</li>
 *   <li>owned by this one: kept if the selector matches; else released, unless the controller is being deleted;</li>
 *   <li>orphan: adopted if the selector matches, neither controller nor pod is being deleted, the pod is in the
 *   controller's namespace and {@code canAdopt} (a fresh read: the controller is not being deleted) passes.</li>
 * </ul>
 * One instance per sync; not thread safe.
 */
public final class PodControllerRefManager {
    /** A fresh, uncached check that the controller may still adopt (upstream {@code RecheckDeletionTimestamp}). */
    @FunctionalInterface
    public interface CanAdopt {
        void check() throws Exception;
    }

    private final PodControl podControl;
    private final HasMetadata controller;
    private final LabelSelector selector;
    private final String apiVersion;
    private final String kind;
    private final CanAdopt canAdopt;
    private boolean canAdoptChecked;
    private Exception canAdoptError;

    public PodControllerRefManager(PodControl podControl, HasMetadata controller, LabelSelector selector,
                                   String apiVersion, String kind, CanAdopt canAdopt) {
        this.podControl = Objects.requireNonNull(podControl);
        this.controller = Objects.requireNonNull(controller);
        this.selector = Objects.requireNonNull(selector);
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.canAdopt = canAdopt;
    }

    /** The reference a controller puts on the pods it controls: controller and blockOwnerDeletion true. */
    public static OwnerReference controllerRef(HasMetadata owner, String apiVersion, String kind) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    /** The controller reference of {@code obj} ({@code controller: true}), or null. */
    public static OwnerReference controllerOf(HasMetadata obj) {
        if (obj.getMetadata() == null || obj.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        for (OwnerReference r : obj.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(r.getController())) {
                return r;
            }
        }
        return null;
    }

    /** The pods this controller owns after adoption and release. Errors of single pods are collected and thrown at the end. */
    public List<Pod> claimPods(List<Pod> pods) throws ClaimException {
        List<Pod> claimed = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        for (Pod pod : pods) {
            try {
                if (claim(pod)) {
                    claimed.add(pod);
                }
            } catch (Exception e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw new ClaimException(errors);
        }
        return claimed;
    }

    private boolean claim(Pod pod) throws Exception {
        boolean match = selector.matches(pod.getMetadata().getLabels());
        OwnerReference ref = controllerOf(pod);
        if (ref != null) {
            if (!Objects.equals(ref.getUid(), controller.getMetadata().getUid())) {
                return false;
            }
            if (match) {
                return true;
            }
            if (controller.getMetadata().getDeletionTimestamp() != null) {
                return false;
            }
            release(pod);
            return false;
        }
        if (controller.getMetadata().getDeletionTimestamp() != null || !match) {
            return false;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        if (!Objects.equals(pod.getMetadata().getNamespace(), controller.getMetadata().getNamespace())) {
            return false;
        }
        return adopt(pod);
    }

    private boolean adopt(Pod pod) throws Exception {
        checkCanAdopt(pod);
        try {
            podControl.patchPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), adoptPatch(pod));
        } catch (Exception e) {
            if (ClientErrors.isNotFound(e)) {
                return false;
            }
            throw e;
        }
        return true;
    }

    private void checkCanAdopt(Pod pod) throws Exception {
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
            throw new IllegalStateException("can't adopt Pod " + pod.getMetadata().getNamespace() + "/"
                    + pod.getMetadata().getName() + " (" + pod.getMetadata().getUid() + "): " + canAdoptError.getMessage(), canAdoptError);
        }
    }

    private void release(Pod pod) throws Exception {
        try {
            podControl.patchPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), releasePatch(pod));
        } catch (Exception e) {
            // gone, or its uid changed (invalid): nothing left to release
            if (ClientErrors.isNotFound(e) || ClientErrors.isInvalid(e)) {
                return;
            }
            throw e;
        }
    }

    /** {@code {"metadata":{"ownerReferences":[<controllerRef>],"uid":"<pod uid>"}}}. */
    String adoptPatch(Pod pod) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        ArrayNode refs = meta.putArray("ownerReferences");
        refs.add(Json.MAPPER.valueToTree(controllerRef(controller, apiVersion, kind)));
        meta.put("uid", pod.getMetadata().getUid());
        return patch.toString();
    }

    /** {@code {"metadata":{"ownerReferences":[{"$patch":"delete","uid":"<owner uid>"}],"uid":"<pod uid>"}}}. */
    String releasePatch(Pod pod) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.putArray("ownerReferences").add(Json.MAPPER.valueToTree(Map.of("$patch", "delete", "uid", controller.getMetadata().getUid())));
        meta.put("uid", pod.getMetadata().getUid());
        return patch.toString();
    }

    /** Several pods could not be claimed; the pods that could are dropped from this sync too (it is retried). */
    public static final class ClaimException extends Exception {
        private final List<Exception> errors;

        ClaimException(List<Exception> errors) {
            super(errors.size() == 1 ? errors.get(0).getMessage()
                    : "[" + String.join(", ", errors.stream().map(Throwable::getMessage).toList()) + "]", errors.get(0));
            this.errors = List.copyOf(errors);
        }

        public List<Exception> errors() {
            return errors;
        }
    }
}
