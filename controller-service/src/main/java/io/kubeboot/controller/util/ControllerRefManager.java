package io.kubeboot.controller.util;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.selector.LabelSelector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream {@code BaseControllerRefManager.ClaimObject}, for any kind of owned object (pods, ReplicaSets,
 * ControllerRevisions): decides which objects a controller owns, adopting orphans that match its selector and
 * releasing owned objects that no longer match, by strategic merge patches of {@code metadata.ownerReferences}
 * that carry the object's uid as a precondition.
 *
 * <ul>
 *   <li>owned by another controller: ignored;</li>
 *   <li>owned by this one: kept if the selector matches; else released, unless the controller is being deleted;</li>
 *   <li>orphan: adopted if the selector matches, neither controller nor object is being deleted, the object is in
 *   the controller's namespace and {@code canAdopt} (a fresh read: the controller is not being deleted) passes.</li>
 * </ul>
 * A release that finds the object gone or changed (NotFound, Invalid) and an adoption that finds it gone are not
 * errors. One instance per sync; not thread safe.
 *
 * @param <T> the owned objects' type
 */
public final class ControllerRefManager<T extends HasMetadata> {
    /** A fresh, uncached check that the controller may still adopt (upstream {@code RecheckDeletionTimestamp}). */
    @FunctionalInterface
    public interface CanAdopt {
        void check() throws Exception;
    }

    /** Applies a strategic merge patch to one owned object. */
    @FunctionalInterface
    public interface Patcher {
        void patch(String namespace, String name, String strategicMergePatch) throws Exception;
    }

    private final String objectKind;
    private final Patcher patcher;
    private final HasMetadata controller;
    private final LabelSelector selector;
    private final String apiVersion;
    private final String kind;
    private final CanAdopt canAdopt;
    private boolean canAdoptChecked;
    private Exception canAdoptError;

    /**
     * @param objectKind the owned objects' kind, for error messages ("Pod")
     * @param apiVersion the controller's apiVersion, for the controller reference
     * @param kind       the controller's kind
     * @param canAdopt   checked once, before the first adoption; null: always allowed
     */
    public ControllerRefManager(String objectKind, Patcher patcher, HasMetadata controller, LabelSelector selector,
                                String apiVersion, String kind, CanAdopt canAdopt) {
        this.objectKind = objectKind;
        this.patcher = Objects.requireNonNull(patcher);
        this.controller = Objects.requireNonNull(controller);
        this.selector = Objects.requireNonNull(selector);
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.canAdopt = canAdopt;
    }

    /** The reference a controller puts on the objects it controls: controller and blockOwnerDeletion true. */
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

    /** The objects this controller owns after adoption and release; errors of single objects are thrown at the end. */
    public List<T> claim(List<T> objects) throws ClaimException {
        List<T> claimed = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        for (T obj : objects) {
            try {
                if (claimOne(obj)) {
                    claimed.add(obj);
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

    private boolean claimOne(T obj) throws Exception {
        boolean match = selector.matches(obj.getMetadata().getLabels());
        boolean controllerDeleting = controller.getMetadata().getDeletionTimestamp() != null;
        OwnerReference ref = controllerOf(obj);
        if (ref != null) {
            if (!Objects.equals(ref.getUid(), controller.getMetadata().getUid())) {
                return false;
            }
            if (match) {
                return true;
            }
            if (!controllerDeleting) {
                patch(obj, releasePatch(obj), true);
            }
            return false;
        }
        if (controllerDeleting || !match || obj.getMetadata().getDeletionTimestamp() != null
                || !Objects.equals(obj.getMetadata().getNamespace(), controller.getMetadata().getNamespace())) {
            return false;
        }
        checkCanAdopt(obj);
        return patch(obj, adoptPatch(obj), false);
    }

    /** Whether the patch went through; NotFound (and for releases Invalid: the uid changed) means nothing to do. */
    private boolean patch(T obj, String patch, boolean release) throws Exception {
        try {
            patcher.patch(obj.getMetadata().getNamespace(), obj.getMetadata().getName(), patch);
            return true;
        } catch (Exception e) {
            if (ClientErrors.isNotFound(e) || release && ClientErrors.isInvalid(e)) {
                return false;
            }
            throw e;
        }
    }

    private void checkCanAdopt(T obj) {
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
            throw new IllegalStateException("can't adopt " + objectKind + " " + obj.getMetadata().getNamespace() + "/"
                    + obj.getMetadata().getName() + " (" + obj.getMetadata().getUid() + "): " + canAdoptError.getMessage(),
                    canAdoptError);
        }
    }

    /** {@code {"metadata":{"ownerReferences":[<controllerRef>],"uid":"<object uid>"}}}. */
    String adoptPatch(T obj) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.putArray("ownerReferences").add(Json.MAPPER.valueToTree(controllerRef(controller, apiVersion, kind)));
        meta.put("uid", obj.getMetadata().getUid());
        return patch.toString();
    }

    /** {@code {"metadata":{"ownerReferences":[{"$patch":"delete","uid":"<owner uid>"}],"uid":"<object uid>"}}}. */
    String releasePatch(T obj) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.putArray("ownerReferences").add(Json.MAPPER.valueToTree(Map.of("$patch", "delete", "uid", controller.getMetadata().getUid())));
        meta.put("uid", obj.getMetadata().getUid());
        return patch.toString();
    }

    /** Some objects could not be claimed; the ones that could are dropped from this sync too (it is retried). */
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
