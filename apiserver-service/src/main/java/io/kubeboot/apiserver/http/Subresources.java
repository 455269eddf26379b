package io.kubeboot.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.json.Json;
import io.kubeboot.apiserver.registry.ObjectCodec;
import io.kubeboot.apiserver.registry.Registry;
import io.kubeboot.apiserver.registry.WriteOptions;
import io.kubeboot.apiserver.registry.Written;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Pod binding and eviction, DeleteOptions parsing, and per-type write rules of the endpoints. */
final class Subresources {
    private Subresources() {
    }

    /** {@code pods/binding}: sets spec.nodeName once, as upstream's BindingREST (409 when already bound). */
    static CompletableFuture<Written> bind(Registry<?> pods, String ns, String name, ObjectNode binding, WriteOptions opts) {
        String target = binding.path("target").path("name").asText("");
        String kind = binding.path("target").path("kind").asText("Node");
        if (target.isEmpty()) {
            throw ApiErrors.invalid("", "Binding", name, java.util.List.of(
                    io.kubeboot.api.validation.FieldError.required("target.name", "")));
        }
        if (!kind.isEmpty() && !kind.equals("Node")) {
            throw ApiErrors.invalid("", "Binding", name, java.util.List.of(
                    io.kubeboot.api.validation.FieldError.notSupported("target.kind", kind, java.util.List.of("Node"))));
        }
        return pods.update(ns, name, (cur, w) -> {
            ObjectNode pod = cur.tree();
            if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
                throw ApiErrors.conflict("", "pods", name, "pod " + name + " is being deleted, cannot be assigned to a host");
            }
            String bound = pod.path("spec").path("nodeName").asText("");
            if (!bound.isEmpty()) {
                throw ApiErrors.conflict("", "pods", name, "pod " + name + " is already assigned to node \"" + bound + "\"");
            }
            String uid = binding.path("metadata").path("uid").asText("");
            if (!uid.isEmpty() && !uid.equals(pod.path("metadata").path("uid").asText())) {
                throw ApiErrors.conflict("", "pods", name, "Precondition failed: UID in precondition: " + uid
                        + ", UID in object meta: " + pod.path("metadata").path("uid").asText());
            }
            ((ObjectNode) pod.with("spec")).put("nodeName", target);
            ObjectNode status = (ObjectNode) pod.with("status");
            ArrayNode conditions = status.has("conditions") ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
            ObjectNode scheduled = null;
            for (JsonNode c : conditions) {
                if ("PodScheduled".equals(c.path("type").asText())) {
                    scheduled = (ObjectNode) c;
                }
            }
            if (scheduled == null) {
                scheduled = conditions.addObject();
                scheduled.put("type", "PodScheduled");
            }
            scheduled.put("status", "True");
            scheduled.remove(java.util.List.of("reason", "message"));
            scheduled.putNull("lastProbeTime");
            scheduled.put("lastTransitionTime", ObjectCodec.timestamp(Instant.now()));
            return pod;
        }, Registry.Part.SYSTEM, opts, false);
    }

    static Registry.DeleteOptions evictionDeleteOptions(ObjectNode eviction, WriteOptions opts) {
        JsonNode d = eviction.path("deleteOptions");
        Long grace = d.has("gracePeriodSeconds") && !d.get("gracePeriodSeconds").isNull() ? d.get("gracePeriodSeconds").asLong() : null;
        return new Registry.DeleteOptions(grace, null, text(d.path("preconditions").path("uid")),
                text(d.path("preconditions").path("resourceVersion")), opts.dryRun());
    }

    /** DeleteOptions from the JSON body (kubectl and fabric8 send one) and the query string. */
    static Registry.DeleteOptions deleteOptions(byte[] body, Query q) {
        JsonNode d = body.length == 0 ? Json.object() : Bodies.parseJson(body);
        Long grace = q.optionalLong("gracePeriodSeconds");
        if (grace == null && d.has("gracePeriodSeconds") && !d.get("gracePeriodSeconds").isNull()) {
            grace = d.get("gracePeriodSeconds").asLong();
        }
        String policy = q.get("propagationPolicy");
        if (policy.isEmpty()) {
            policy = d.path("propagationPolicy").asText("");
        }
        if (policy.isEmpty() && (q.has("orphanDependents") || d.has("orphanDependents"))) {
            // the deprecated flag: true orphans, an explicit false deletes dependents in the background
            boolean orphan = q.has("orphanDependents") ? q.bool("orphanDependents") : d.path("orphanDependents").asBoolean(false);
            policy = orphan ? "Orphan" : "Background";
        }
        if (!policy.isEmpty() && !Set.of("Orphan", "Background", "Foreground").contains(policy)) {
            throw ApiErrors.invalid("meta.k8s.io", "DeleteOptions", "", java.util.List.of(
                    io.kubeboot.api.validation.FieldError.notSupported("propagationPolicy", policy,
                            java.util.List.of("Background", "Foreground", "Orphan"))));
        }
        boolean dryRun = q.get("dryRun").equals("All");
        for (JsonNode n : d.path("dryRun")) {
            dryRun |= n.asText().equals("All");
        }
        return new Registry.DeleteOptions(grace, policy.isEmpty() ? null : policy,
                text(d.path("preconditions").path("uid")), text(d.path("preconditions").path("resourceVersion")), dryRun);
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }
}
