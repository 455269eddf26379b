package io.kubeboot.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.apiserver.registry.Registry;
import io.kubeboot.apiserver.registry.WriteOptions;
import io.kubeboot.apiserver.registry.Written;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The {@code scale} subresource: an autoscaling/v1 Scale view of a Deployment's or ReplicaSet's replicas. */
final class Scales {
    private Scales() {
    }

    static ObjectNode toScale(ResourceInfo info, JsonNode obj) {
        ObjectNode s = Json.object();
        s.put("kind", "Scale");
        s.put("apiVersion", "autoscaling/v1");
        ObjectNode m = s.putObject("metadata");
        JsonNode meta = obj.path("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (meta.has(f)) {
                m.set(f, meta.get(f));
            }
        }
        s.putObject("spec").put("replicas", obj.path("spec").path("replicas").asInt(0));
        ObjectNode status = s.putObject("status");
        status.put("replicas", obj.path("status").path("replicas").asInt(0));
        JsonNode selector = obj.path("spec").path("selector");
        if (!selector.isMissingNode()) {
            try {
                io.fabric8.kubernetes.api.model.LabelSelector ls =
                        io.kubeboot.api.json.Models.toModel(selector, io.fabric8.kubernetes.api.model.LabelSelector.class);
                status.put("selector", LabelSelector.fromModel(ls).toString());
            } catch (Exception e) {
                status.put("selector", "");
            }
        }
        return s;
    }

    /** The object with the replicas of a (patched) Scale; the Scale's resourceVersion pins the write. */
    static ObjectNode applyScale(ResourceInfo info, ObjectNode current, JsonNode scale) {
        JsonNode replicas = scale.path("spec").path("replicas");
        String name = current.path("metadata").path("name").asText();
        if (!replicas.isIntegralNumber() || replicas.asLong() < 0 || replicas.asLong() > Integer.MAX_VALUE) {
            throw ApiErrors.invalid("autoscaling", "Scale", name, List.of(FieldError.invalid("spec.replicas",
                    replicas.isNumber() ? replicas.numberValue() : replicas.asText(), "must be greater than or equal to 0")));
        }
        ObjectNode next = current;
        ((ObjectNode) next.with("spec")).put("replicas", replicas.asInt());
        String rv = scale.path("metadata").path("resourceVersion").asText("");
        ObjectNode meta = (ObjectNode) next.get("metadata");
        if (!rv.isEmpty()) {
            meta.put("resourceVersion", rv);
        }
        return next;
    }

    static CompletableFuture<Written> update(Registry<?> registry, String ns, String name, ObjectNode scale, WriteOptions opts) {
        if (!"Scale".equals(scale.path("kind").asText("Scale"))) {
            throw ApiErrors.badRequest("the kind in the data (" + scale.path("kind").asText() + ") does not match Scale");
        }
        return registry.update(ns, name, (cur, w) -> applyScale(registry.info(), cur.tree(), scale),
                Registry.Part.ANY, opts, false);
    }
}
