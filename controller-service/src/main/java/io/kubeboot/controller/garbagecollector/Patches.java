package io.kubeboot.controller.garbagecollector;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubeboot.api.json.Json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The patch bodies the garbage collector sends (upstream patch.go and removeFinalizer). Stateless. */
final class Patches {
    private Patches() {
    }

    /**
     * Upstream {@code GenerateDeleteOwnerRefStrategicMergeBytes}: deletes the ownerReferences with {@code ownerUids}
     * (merge key uid); the dependent's uid rides along so a recreated object of the same name is not touched.
     */
    static String deleteOwnerRefStrategicMerge(String dependentUid, Collection<String> ownerUids) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        ArrayNode refs = meta.putArray("ownerReferences");
        for (String uid : ownerUids) {
            refs.addObject().put("$patch", "delete").put("uid", uid);
        }
        meta.put("uid", dependentUid);
        return patch.toString();
    }

    /**
     * Upstream {@code deleteOwnerRefJSONMergePatch}: the whole list without {@code ownerUids}, pinned to the
     * resourceVersion it was computed from (for servers without strategic merge patch).
     */
    static String deleteOwnerRefJsonMerge(ObjectMeta current, Collection<String> ownerUids) {
        List<OwnerReference> kept = new ArrayList<>();
        for (OwnerReference ref : OwnerReferences.nz(current.getOwnerReferences())) {
            if (!ownerUids.contains(ref.getUid())) {
                kept.add(ref);
            }
        }
        return ownerReferencesMergePatch(current.getResourceVersion(), kept);
    }

    /**
     * Upstream {@code unblockOwnerReferencesStrategicMergePatch}: the node's blocking ownerReferences with
     * {@code blockOwnerDeletion: false}, merged by uid.
     */
    static String unblockOwnerReferencesStrategicMerge(Node n) {
        List<OwnerReference> unblocked = new ArrayList<>();
        for (OwnerReference ref : n.owners()) {
            if (OwnerReferences.isBlocking(ref)) {
                unblocked.add(new OwnerReferenceBuilder(ref).withBlockOwnerDeletion(false).build());
            }
        }
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("uid", n.identity().uid());
        meta.set("ownerReferences", Json.MAPPER.valueToTree(unblocked));
        return patch.toString();
    }

    /** Upstream {@code unblockOwnerReferencesJSONMergePatch}: every ownerReference of the node made non-blocking. */
    static String unblockOwnerReferencesJsonMerge(Node n, ObjectMeta current) {
        List<OwnerReference> unblocked = new ArrayList<>();
        for (OwnerReference ref : n.owners()) {
            unblocked.add(new OwnerReferenceBuilder(ref).withBlockOwnerDeletion(false).build());
        }
        return ownerReferencesMergePatch(current.getResourceVersion(), unblocked);
    }

    /**
     * Upstream removeFinalizer's merge patch: the finalizer list without the GC finalizer, pinned to
     * {@code resourceVersion} (a conflict means someone else changed the list meanwhile); an empty list is sent as
     * null, which removes the field.
     */
    static String finalizers(String resourceVersion, List<String> finalizers) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("resourceVersion", resourceVersion);
        if (finalizers.isEmpty()) {
            meta.putNull("finalizers");
        } else {
            ArrayNode arr = meta.putArray("finalizers");
            finalizers.forEach(arr::add);
        }
        return patch.toString();
    }

    private static String ownerReferencesMergePatch(String resourceVersion, List<OwnerReference> refs) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("resourceVersion", resourceVersion);
        if (refs.isEmpty()) {
            meta.putNull("ownerReferences");
        } else {
            meta.set("ownerReferences", Json.MAPPER.valueToTree(refs));
        }
        return patch.toString();
    }
}
