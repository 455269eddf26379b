package io.kubeboot.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Status;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.ResourceInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles the OpenAPI v3 document of one group version, as served at
 * {@code /openapi/v3/api/v1} or {@code /openapi/v3/apis/<group>/<version>}: the paths of its
 * resources and every schema they reach, with {@code x-kubernetes-group-version-kind} on the
 * top-level kinds and their lists (kubectl apply and explain find schemas by it).
 *
 * <p>Not thread safe; one instance builds one document.
 */
final class GroupVersionDocument {
    static final String KUBERNETES_VERSION = "v1.32.0";

    private final SchemaBuilder schemaBuilder;
    private final Map<String, ObjectNode> schemas = new TreeMap<>();
    private final Map<String, ObjectNode> paths = new TreeMap<>();
    private final Map<String, List<Gvk>> gvks = new LinkedHashMap<>();

    GroupVersionDocument(SchemaBuilder schemaBuilder) {
        this.schemaBuilder = schemaBuilder;
    }

    /**
     * Builds the document of {@code resources}, all of one group version.
     *
     * @param servedGroupVersions every served group version, which upstream lists as GVKs of the
     *                            shared DeleteOptions and WatchEvent schemas
     */
    ObjectNode build(List<ResourceInfo> resources, List<Gvk> servedGroupVersions) {
        PathBuilder pathBuilder = new PathBuilder(this::schema);
        for (ResourceInfo resource : resources) {
            Class<?> listClass = ModelClasses.listClass(resource.modelClass());
            pathBuilder.add(resource, listClass, paths);
            gvk(schema(resource.modelClass()), new Gvk(resource.group(), resource.version(), resource.kind()));
            gvk(schema(listClass), new Gvk(resource.group(), resource.version(), resource.listKind()));
        }
        gvk(schema(Status.class), new Gvk("", "v1", "Status"));
        String deleteOptions = schema(DeleteOptions.class);
        schemas.put(PathBuilder.WATCH_EVENT, watchEvent());
        SchemaBuilder.special(SpecialSchemas.PATCH, schemas);
        for (Gvk gv : servedGroupVersions) {
            gvk(deleteOptions, new Gvk(gv.group(), gv.version(), "DeleteOptions"));
            gvk(PathBuilder.WATCH_EVENT, new Gvk(gv.group(), gv.version(), "WatchEvent"));
        }
        addKnownSubresourceKinds();
        gvks.forEach((name, list) -> {
            ArrayNode array = Json.NODES.arrayNode();
            list.forEach(g -> array.add(g.toJson()));
            schemas.get(name).set("x-kubernetes-group-version-kind", array);
        });
        return document();
    }

    private String schema(Class<?> modelClass) {
        return schemaBuilder.add(modelClass, schemas);
    }

    private void gvk(String schemaName, Gvk gvk) {
        List<Gvk> list = gvks.computeIfAbsent(schemaName, k -> new ArrayList<>());
        if (!list.contains(gvk)) {
            list.add(gvk);
        }
    }

    /** Kinds of subresources (Scale, Eviction, Binding) carry their own GVK when present. */
    private void addKnownSubresourceKinds() {
        Map<String, Gvk> known = Map.of(
                "io.k8s.api.autoscaling.v1.Scale", new Gvk("autoscaling", "v1", "Scale"),
                "io.k8s.api.policy.v1.Eviction", new Gvk("policy", "v1", "Eviction"),
                "io.k8s.api.core.v1.Binding", new Gvk("", "v1", "Binding"));
        known.forEach((name, gvk) -> {
            if (schemas.containsKey(name)) {
                gvk(name, gvk);
            }
        });
    }

    /** fabric8 types the event object loosely; upstream declares it a RawExtension. */
    private ObjectNode watchEvent() {
        ObjectNode properties = Json.object();
        properties.set("object", SchemaBuilder.ref(SchemaBuilder.special(SpecialSchemas.RAW_EXTENSION, schemas)));
        ObjectNode type = Json.object();
        type.put("default", "");
        type.put("type", "string");
        properties.set("type", type);
        ObjectNode schema = Json.object();
        schema.set("properties", properties);
        schema.set("required", Json.NODES.arrayNode().add("type").add("object"));
        schema.put("type", "object");
        return schema;
    }

    private ObjectNode document() {
        ObjectNode pathsNode = Json.object();
        paths.forEach(pathsNode::set);
        ObjectNode schemasNode = Json.object();
        schemas.forEach(schemasNode::set);

        ObjectNode bearer = Json.object();
        bearer.put("description", "Bearer Token authentication");
        bearer.put("in", "header");
        bearer.put("name", "authorization");
        bearer.put("type", "apiKey");
        ObjectNode securitySchemes = Json.object();
        securitySchemes.set("BearerToken", bearer);
        ObjectNode components = Json.object();
        components.set("schemas", schemasNode);
        components.set("securitySchemes", securitySchemes);

        ObjectNode info = Json.object();
        info.put("title", "Kubernetes");
        info.put("version", KUBERNETES_VERSION);

        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        doc.set("info", info);
        doc.set("paths", pathsNode);
        doc.set("components", components);
        ObjectNode requirement = Json.object();
        requirement.set("BearerToken", Json.NODES.arrayNode());
        doc.set("security", Json.NODES.arrayNode().add(requirement));
        return doc;
    }
}
