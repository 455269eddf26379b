package io.kubeboot.controller.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kubeboot.api.json.Json;
import io.kubeboot.controller.util.PodControllerRefManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure rules of a DaemonSet's history (upstream {@code pkg/controller/daemon/update.go}): each distinct pod
 * template is one ControllerRevision {@code <ds>-<hash>} whose data is the strategic merge patch that restores it
 * ({@code {"spec":{"template":{..., "$patch":"replace"}}}}, what {@code kubectl rollout undo} sends back), labelled
 * with its {@value DaemonPods#REVISION_HASH_LABEL}, controlled by the DaemonSet, and numbered one above the highest
 * other revision when it becomes current.
 */
public final class DaemonSetHistory {
    /** Upstream's default {@code spec.revisionHistoryLimit} (the apiserver defaults it too). */
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

    private DaemonSetHistory() {
    }

    /**
     * Upstream {@code getPatch}: the template under {@code spec.template} with {@code "$patch":"replace"}, keys
     * sorted at every level as Go marshals a decoded map.
     */
    public static JsonNode patch(DaemonSet ds) {
        ObjectNode template = ds.getSpec().getTemplate() == null ? Json.MAPPER.createObjectNode()
                : (ObjectNode) Json.MAPPER.valueToTree(ds.getSpec().getTemplate());
        template.put("$patch", "replace");
        ObjectNode patch = Json.MAPPER.createObjectNode();
        patch.putObject("spec").set("template", template);
        return parse(TemplateHash.canonical(patch));
    }

    /**
     * Upstream {@code Match}: the revision's data restores exactly the current template. Upstream compares bytes;
     * here the canonical JSON (sorted keys, nulls dropped), so the stored form's key order and number types do not
     * matter.
     */
    public static boolean matches(DaemonSet ds, ControllerRevision revision) {
        if (revision.getData() == null) {
            return false;
        }
        JsonNode data = parse(Json.MAPPER.valueToTree(revision.getData()).toString());
        return TemplateHash.canonical(data).equals(TemplateHash.canonical(patch(ds)));
    }

    /** The revision's {@value DaemonPods#REVISION_HASH_LABEL} label, or null. */
    public static String hashOf(ControllerRevision revision) {
        Map<String, String> labels = revision.getMetadata().getLabels();
        return labels == null ? null : labels.get(DaemonPods.REVISION_HASH_LABEL);
    }

    public static long revisionOf(ControllerRevision revision) {
        return revision.getRevision() == null ? 0 : revision.getRevision();
    }

    /** Upstream {@code maxRevision}: the highest revision number, 0 for none. */
    public static long maxRevision(List<ControllerRevision> revisions) {
        long max = 0;
        for (ControllerRevision r : revisions) {
            max = Math.max(max, revisionOf(r));
        }
        return max;
    }

    /** The revisions that match the current template, and the others. */
    public record Split(List<ControllerRevision> current, List<ControllerRevision> old) {
    }

    public static Split split(DaemonSet ds, List<ControllerRevision> revisions) {
        List<ControllerRevision> current = new ArrayList<>();
        List<ControllerRevision> old = new ArrayList<>();
        for (ControllerRevision r : revisions) {
            (matches(ds, r) ? current : old).add(r);
        }
        return new Split(current, old);
    }

    /**
     * Upstream {@code dedupCurHistories}' choice among several revisions of the current template: the highest
     * revision, the last listed among equals.
     */
    public static ControllerRevision keepOfDuplicates(List<ControllerRevision> current) {
        ControllerRevision keep = null;
        long max = 0;
        for (ControllerRevision r : current) {
            if (revisionOf(r) >= max) {
                keep = r;
                max = revisionOf(r);
            }
        }
        return keep;
    }

    /** {@code <ds name>-<hash>}. */
    public static String name(DaemonSet ds, String hash) {
        return ds.getMetadata().getName() + "-" + hash;
    }

    /**
     * Upstream {@code snapshot}'s object: named by the template hash (with the status' collisionCount), labelled
     * with the template labels plus the hash, annotated as the DaemonSet, controlled by it.
     */
    public static ControllerRevision snapshot(DaemonSet ds, long revision) {
        String hash = TemplateHash.compute(ds.getSpec().getTemplate(), ds.getStatus() == null ? null : ds.getStatus().getCollisionCount());
        Map<String, String> templateLabels = ds.getSpec().getTemplate() == null || ds.getSpec().getTemplate().getMetadata() == null
                ? null : ds.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> labels = templateLabels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(templateLabels);
        labels.put(DaemonPods.REVISION_HASH_LABEL, hash);
        Map<String, String> annotations = ds.getMetadata().getAnnotations() == null ? null : new LinkedHashMap<>(ds.getMetadata().getAnnotations());
        return new ControllerRevisionBuilder().withNewMetadata().withName(name(ds, hash)).withNamespace(ds.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(annotations)
                .withOwnerReferences(PodControllerRefManager.controllerRef(ds, DaemonSetController.API_VERSION, DaemonSetController.KIND))
                .endMetadata().withData(asMap(patch(ds))).withRevision(revision).build();
    }

    /**
     * Upstream {@code cleanupHistory}'s selection: beyond {@code limit} old revisions, the oldest (lowest revision)
     * first, skipping those whose hash a live pod still carries.
     */
    public static List<String> toDelete(Integer limit, List<ControllerRevision> old, Set<String> liveHashes) {
        int toKill = old.size() - (limit == null ? DEFAULT_REVISION_HISTORY_LIMIT : limit);
        List<String> out = new ArrayList<>();
        if (toKill <= 0) {
            return out;
        }
        List<ControllerRevision> sorted = new ArrayList<>(old);
        sorted.sort(Comparator.comparingLong(DaemonSetHistory::revisionOf));
        for (ControllerRevision r : sorted) {
            if (toKill <= 0) {
                break;
            }
            String hash = hashOf(r);
            if (hash != null && liveHashes.contains(hash)) {
                continue;
            }
            out.add(r.getMetadata().getName());
            toKill--;
        }
        return out;
    }

    /**
     * The data as plain maps and lists (keys in order): the client serializes model objects with its own Jackson,
     * which does not know this one's tree nodes.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(JsonNode node) {
        return Json.MAPPER.convertValue(node, LinkedHashMap.class);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
