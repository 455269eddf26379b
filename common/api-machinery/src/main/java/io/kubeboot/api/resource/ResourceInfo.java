package io.kubeboot.api.resource;

import java.util.List;

/**
 * Everything the API needs to know about one served resource type: its group/version/resource
 * (GVR), kind, scope, discovery data and the fields that field selectors may use.
 * Immutable.
 *
 * @param selectableFields dotted JSON paths usable in a field selector beyond metadata.name and
 *                         metadata.namespace (which every resource supports)
 * @param subresources     served subresources, e.g. "status", "scale", "binding", "log"
 */
public record ResourceInfo(
        String group,
        String version,
        String resource,
        String kind,
        String singular,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        List<String> verbs,
        List<String> subresources,
        List<String> selectableFields,
        Class<?> modelClass) {

    public static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public ResourceInfo {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        verbs = List.copyOf(verbs);
        subresources = List.copyOf(subresources);
        selectableFields = List.copyOf(selectableFields);
    }

    /** "v1" for the core group, "apps/v1" otherwise. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** "pods" or "deployments.apps", as errors and store keys name it. */
    public String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    public String listKind() {
        return kind + "List";
    }

    public boolean hasSubresource(String name) {
        return subresources.contains(name);
    }

    public boolean hasStatus() {
        return subresources.contains("status");
    }

    /** The collection path, e.g. /api/v1/namespaces/ns/pods or /apis/apps/v1/deployments. */
    public String collectionPath(String namespace) {
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        if (namespaced && namespace != null && !namespace.isEmpty()) {
            return prefix + "/namespaces/" + namespace + "/" + resource;
        }
        return prefix + "/" + resource;
    }
}
