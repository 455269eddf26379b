package io.kubeboot.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.ResourceInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the OpenAPI v3 path items kube-apiserver publishes for one resource: collection, item,
 * all-namespaces and legacy watch paths, and the subresources, with operation ids, parameters,
 * request bodies, responses, {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind}
 * as upstream writes them. Only verbs the resource serves get an operation.
 *
 * <p>kubectl relies on: the PATCH operation of a kind carrying its GVK, the
 * {@code fieldValidation} query parameter, and the {@code application/strategic-merge-patch+json}
 * request content (which makes {@code kubectl apply} compute strategic merge patches from v3).
 *
 * <p>Stateless; thread safe.
 */
final class PathBuilder {
    static final String STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    static final String WATCH_EVENT = "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent";
    static final String DELETE_OPTIONS = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";

    static final List<String> PATCH_TYPES = List.of("application/apply-patch+yaml", "application/json-patch+json",
            "application/merge-patch+json", "application/strategic-merge-patch+json");

    /** The schema name of a model class, after adding it to the document being built. */
    private final Function<Class<?>, String> schemaOf;

    PathBuilder(Function<Class<?>, String> schemaOf) {
        this.schemaOf = schemaOf;
    }

    /** Adds every path of {@code resource} to {@code paths}. */
    void add(ResourceInfo resource, Class<?> listClass, Map<String, ObjectNode> paths) {
        Operations ops = new Operations(resource, schemaOf.apply(resource.modelClass()), schemaOf.apply(listClass));
        String prefix = resource.group().isEmpty() ? "/api/" + resource.version()
                : "/apis/" + resource.group() + "/" + resource.version();
        String scope = resource.namespaced() ? "/namespaces/{namespace}" : "";
        String collection = prefix + scope + "/" + resource.resource();
        String item = collection + "/{name}";

        ObjectNode collectionItem = pathItem(resource, false);
        ops.list(collectionItem, resource.namespaced() ? "Namespaced" : "", "");
        ops.create(collectionItem);
        ops.deleteCollection(collectionItem);
        putIfHasOperations(paths, collection, collectionItem);

        ObjectNode itemItem = pathItem(resource, true);
        ops.read(itemItem, "", ops.kindSchema, ops.gvk);
        ops.replace(itemItem, "", ops.kindSchema, ops.gvk);
        ops.patch(itemItem, "", ops.kindSchema, ops.gvk);
        ops.delete(itemItem);
        putIfHasOperations(paths, item, itemItem);

        if (resource.verbs().contains("watch")) {
            ObjectNode watchList = watchPathItem(resource, false, resource.namespaced());
            ops.watch(watchList, true, resource.namespaced() ? "Namespaced" : "", "");
            paths.put(prefix + "/watch" + scope + "/" + resource.resource(), watchList);
            ObjectNode watchItem = watchPathItem(resource, true, resource.namespaced());
            ops.watch(watchItem, false, resource.namespaced() ? "Namespaced" : "", "");
            paths.put(prefix + "/watch" + scope + "/" + resource.resource() + "/{name}", watchItem);
        }
        if (resource.namespaced()) {
            if (resource.verbs().contains("list")) {
                ObjectNode all = Json.object();
                all.set("parameters", Parameters.array(withPretty(Parameters.list())));
                ops.list(all, "", "ForAllNamespaces");
                paths.put(prefix + "/" + resource.resource(), all);
            }
            if (resource.verbs().contains("watch")) {
                ObjectNode all = watchPathItem(resource, false, false);
                ops.watch(all, true, "", "ForAllNamespaces");
                paths.put(prefix + "/watch/" + resource.resource(), all);
            }
        }
        for (String subresource : resource.subresources()) {
            ObjectNode sub = pathItem(resource, true);
            if (subresources(ops, subresource, sub)) {
                paths.put(item + "/" + subresource, sub);
            }
        }
    }

    private boolean subresources(Operations ops, String subresource, ObjectNode item) {
        String suffix = Character.toUpperCase(subresource.charAt(0)) + subresource.substring(1);
        switch (subresource) {
            case "status" -> {
                ops.read(item, suffix, ops.kindSchema, ops.gvk);
                ops.replace(item, suffix, ops.kindSchema, ops.gvk);
                ops.patch(item, suffix, ops.kindSchema, ops.gvk);
            }
            case "scale" -> {
                Gvk scale = new Gvk("autoscaling", "v1", "Scale");
                String schema = schemaOf.apply(Scale.class);
                ops.read(item, suffix, schema, scale);
                ops.replace(item, suffix, schema, scale);
                ops.patch(item, suffix, schema, scale);
            }
            case "eviction" -> ops.createSubresource(item, suffix, schemaOf.apply(Eviction.class),
                    new Gvk("policy", "v1", "Eviction"));
            case "binding" -> ops.createSubresource(item, suffix, schemaOf.apply(Binding.class),
                    new Gvk("", "v1", "Binding"));
            case "finalize" -> ops.replace(item, suffix, ops.kindSchema, ops.gvk);
            case "log" -> ops.log(item);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void putIfHasOperations(Map<String, ObjectNode> paths, String path, ObjectNode item) {
        if (item.size() > 1) {
            paths.put(path, item);
        }
    }

    private static ObjectNode pathItem(ResourceInfo resource, boolean named) {
        List<ObjectNode> parameters = new ArrayList<>();
        if (named) {
            parameters.add(Parameters.name(resource.kind()));
        }
        if (resource.namespaced()) {
            parameters.add(Parameters.namespace());
        }
        parameters.add(Parameters.pretty());
        ObjectNode item = Json.object();
        item.set("parameters", Parameters.array(parameters));
        return item;
    }

    /** Legacy watch paths take every list parameter at path level, as upstream declares them. */
    private static ObjectNode watchPathItem(ResourceInfo resource, boolean named, boolean namespaced) {
        List<ObjectNode> parameters = new ArrayList<>(withPretty(Parameters.list()));
        if (named) {
            parameters.add(Parameters.name(resource.kind()));
        }
        if (namespaced) {
            parameters.add(Parameters.namespace());
        }
        ObjectNode item = Json.object();
        item.set("parameters", Parameters.array(parameters));
        return item;
    }

    private static List<ObjectNode> withPretty(List<ObjectNode> parameters) {
        List<ObjectNode> all = new ArrayList<>(parameters);
        all.add(Parameters.pretty());
        return all;
    }

    /** The operations of one resource; names follow upstream's operation ids. */
    private static final class Operations {
        private final ResourceInfo resource;
        private final String kindSchema;
        private final String listSchema;
        private final Gvk gvk;
        private final String tag;
        private final String idInfix;

        Operations(ResourceInfo resource, String kindSchema, String listSchema) {
            this.resource = resource;
            this.kindSchema = kindSchema;
            this.listSchema = listSchema;
            this.gvk = new Gvk(resource.group(), resource.version(), resource.kind());
            this.tag = tag(resource.group()) + "_" + resource.version();
            this.idInfix = upperFirst(tag(resource.group())) + upperFirst(resource.version());
        }

        private String scoped() {
            return resource.namespaced() ? "Namespaced" : "";
        }

        private boolean serves(String verb) {
            return resource.verbs().contains(verb);
        }

        void list(ObjectNode item, String scope, String suffix) {
            if (!serves("list")) {
                return;
            }
            ObjectNode op = operation("list or watch objects of kind " + resource.kind(),
                    "list" + idInfix + scope + resource.kind() + suffix, "list", gvk);
            if (suffix.isEmpty()) {
                op.set("parameters", Parameters.array(Parameters.list()));
            }
            op.set("responses", responses(Map.of("200", "OK"), listSchema, true));
            item.set("get", op);
        }

        void create(ObjectNode item) {
            if (!serves("create")) {
                return;
            }
            ObjectNode op = operation("create " + article(resource.kind()),
                    "create" + idInfix + scoped() + resource.kind(), "post", gvk);
            op.set("parameters", Parameters.array(Parameters.create()));
            op.set("requestBody", body(List.of("*/*"), kindSchema));
            op.set("responses", responses(ordered("200", "OK", "201", "Created", "202", "Accepted"), kindSchema, false));
            item.set("post", op);
        }

        void createSubresource(ObjectNode item, String suffix, String schema, Gvk subGvk) {
            if (!serves("create") && !serves("get")) {
                return;
            }
            ObjectNode op = operation("create " + suffix.toLowerCase() + " of " + article(resource.kind()),
                    "create" + idInfix + scoped() + resource.kind() + suffix, "post", subGvk);
            op.set("parameters", Parameters.array(Parameters.create()));
            op.set("requestBody", body(List.of("*/*"), schema));
            op.set("responses", responses(ordered("200", "OK", "201", "Created", "202", "Accepted"), schema, false));
            item.set("post", op);
        }

        void deleteCollection(ObjectNode item) {
            if (!serves("deletecollection")) {
                return;
            }
            ObjectNode op = operation("delete collection of " + resource.kind(),
                    "delete" + idInfix + "Collection" + scoped() + resource.kind(), "deletecollection", gvk);
            op.set("parameters", Parameters.array(Parameters.deleteCollection()));
            op.set("requestBody", body(List.of("*/*"), DELETE_OPTIONS));
            op.set("responses", responses(Map.of("200", "OK"), STATUS, false));
            item.set("delete", op);
        }

        void read(ObjectNode item, String suffix, String schema, Gvk opGvk) {
            if (!serves("get")) {
                return;
            }
            ObjectNode op = operation("read " + what(suffix),
                    "read" + idInfix + scoped() + resource.kind() + suffix, "get", opGvk);
            op.set("responses", responses(Map.of("200", "OK"), schema, false));
            item.set("get", op);
        }

        void replace(ObjectNode item, String suffix, String schema, Gvk opGvk) {
            if (!serves("update")) {
                return;
            }
            ObjectNode op = operation("replace " + what(suffix),
                    "replace" + idInfix + scoped() + resource.kind() + suffix, "put", opGvk);
            op.set("parameters", Parameters.array(Parameters.update()));
            op.set("requestBody", body(List.of("*/*"), schema));
            op.set("responses", responses(ordered("200", "OK", "201", "Created"), schema, false));
            item.set("put", op);
        }

        void patch(ObjectNode item, String suffix, String schema, Gvk opGvk) {
            if (!serves("patch")) {
                return;
            }
            ObjectNode op = operation("partially update " + what(suffix),
                    "patch" + idInfix + scoped() + resource.kind() + suffix, "patch", opGvk);
            op.set("parameters", Parameters.array(Parameters.patch()));
            op.set("requestBody", body(PATCH_TYPES, SpecialSchemas.PATCH));
            op.set("responses", responses(ordered("200", "OK", "201", "Created"), schema, false));
            item.set("patch", op);
        }

        void delete(ObjectNode item) {
            if (!serves("delete")) {
                return;
            }
            ObjectNode op = operation("delete " + article(resource.kind()),
                    "delete" + idInfix + scoped() + resource.kind(), "delete", gvk);
            op.set("parameters", Parameters.array(Parameters.delete()));
            op.set("requestBody", body(List.of("*/*"), DELETE_OPTIONS));
            op.set("responses", responses(ordered("200", "OK", "202", "Accepted"), STATUS, false));
            item.set("delete", op);
        }

        void watch(ObjectNode item, boolean list, String scope, String suffix) {
            String description = list
                    ? "watch individual changes to a list of " + resource.kind()
                            + ". deprecated: use the 'watch' parameter with a list operation instead."
                    : "watch changes to an object of kind " + resource.kind()
                            + ". deprecated: use the 'watch' parameter with a list operation instead, filtered to"
                            + " a single item with the 'fieldSelector' parameter.";
            ObjectNode op = operation(description,
                    "watch" + idInfix + scope + resource.kind() + (list ? "List" : "") + suffix,
                    list ? "watchlist" : "watch", gvk);
            op.set("responses", responses(Map.of("200", "OK"), WATCH_EVENT, true));
            item.set("get", op);
        }

        void log(ObjectNode item) {
            ObjectNode op = operation("read log of the specified " + resource.kind(),
                    "read" + idInfix + scoped() + resource.kind() + "Log", "get", gvk);
            op.set("parameters", Parameters.array(Parameters.podLog()));
            ObjectNode string = Json.object();
            string.put("type", "string");
            ObjectNode content = Json.object();
            for (String mediaType : List.of("application/json", "application/vnd.kubernetes.protobuf",
                    "application/yaml", "text/plain")) {
                ObjectNode media = Json.object();
                media.set("schema", string.deepCopy());
                content.set(mediaType, media);
            }
            ObjectNode ok = Json.object();
            ok.set("content", content);
            ok.put("description", "OK");
            ObjectNode responses = Json.object();
            responses.set("200", ok);
            op.set("responses", responses);
            item.set("get", op);
        }

        private String what(String suffix) {
            return suffix.isEmpty() ? "the specified " + resource.kind()
                    : suffix.toLowerCase() + " of the specified " + resource.kind();
        }

        private ObjectNode operation(String description, String operationId, String action, Gvk opGvk) {
            ObjectNode op = Json.object();
            op.put("description", description);
            op.put("operationId", operationId);
            op.set("tags", Json.NODES.arrayNode().add(tag));
            op.put("x-kubernetes-action", action);
            op.set("x-kubernetes-group-version-kind", opGvk.toJson());
            return op;
        }

        private static String article(String kind) {
            return ("AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
        }

        /** "" to "core", "scheduling.k8s.io" to "scheduling", "rbac.authorization.k8s.io" to "rbacAuthorization". */
        private static String tag(String group) {
            if (group.isEmpty()) {
                return "core";
            }
            String[] parts = group.replaceFirst("\\.k8s\\.io$", "").split("\\.");
            StringBuilder tag = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                tag.append(upperFirst(parts[i]));
            }
            return tag.toString();
        }

        private static String upperFirst(String s) {
            return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }

    private static ObjectNode body(List<String> mediaTypes, String schema) {
        ObjectNode content = Json.object();
        for (String mediaType : mediaTypes) {
            ObjectNode media = Json.object();
            media.set("schema", SchemaBuilder.ref(schema));
            content.set(mediaType, media);
        }
        ObjectNode body = Json.object();
        body.set("content", content);
        body.put("required", true);
        return body;
    }

    private static ObjectNode responses(Map<String, String> codes, String schema, boolean streaming) {
        List<String> mediaTypes = new ArrayList<>(List.of("application/json", "application/vnd.kubernetes.protobuf",
                "application/yaml"));
        if (streaming) {
            mediaTypes.addAll(List.of("application/json;stream=watch", "application/vnd.kubernetes.protobuf;stream=watch"));
        }
        ObjectNode responses = Json.object();
        for (Map.Entry<String, String> code : new java.util.TreeMap<>(codes).entrySet()) {
            ObjectNode content = Json.object();
            for (String mediaType : mediaTypes) {
                ObjectNode media = Json.object();
                media.set("schema", SchemaBuilder.ref(schema));
                content.set(mediaType, media);
            }
            ObjectNode response = Json.object();
            response.set("content", content);
            response.put("description", code.getValue());
            responses.set(code.getKey(), response);
        }
        return responses;
    }

    private static Map<String, String> ordered(String... codesAndDescriptions) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < codesAndDescriptions.length; i += 2) {
            map.put(codesAndDescriptions[i], codesAndDescriptions[i + 1]);
        }
        return map;
    }
}
