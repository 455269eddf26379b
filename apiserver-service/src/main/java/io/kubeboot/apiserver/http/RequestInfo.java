package io.kubeboot.apiserver.http;

import java.util.List;

/**
 * What a request addresses, as upstream's {@code request.RequestInfo}: the verb (get, list, watch,
 * create, update, patch, delete, deletecollection) and the group/version/namespace/resource/name/
 * subresource parsed from the path. Immutable.
 */
public record RequestInfo(boolean resourceRequest, String verb, String apiPrefix, String group, String version,
                          String namespace, String resource, String name, String subresource, List<String> parts) {

    private static final java.util.Set<String> NAMESPACE_SUBRESOURCES = java.util.Set.of("status", "finalize");

    /**
     * Parses {@code /api/v1/...} and {@code /apis/{group}/{version}/...}, including the legacy
     * {@code /watch/} prefix. Returns a non-resource info for discovery paths.
     */
    public static RequestInfo parse(String method, String path, boolean watchParam) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        List<String> parts = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
        String lowerMethod = method.toLowerCase();
        if (parts.isEmpty() || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
            return new RequestInfo(false, lowerMethod, "", "", "", "", "", "", "", parts);
        }
        String prefix = parts.get(0);
        int i = 1;
        String group = "";
        if (prefix.equals("apis")) {
            if (parts.size() < 3) {
                return new RequestInfo(false, lowerMethod, prefix, parts.size() > 1 ? parts.get(1) : "", "", "", "", "", "", parts);
            }
            group = parts.get(1);
            i = 2;
        } else if (parts.size() < 2) {
            return new RequestInfo(false, lowerMethod, prefix, "", "", "", "", "", "", parts);
        }
        String version = parts.get(i++);
        List<String> rest = parts.subList(i, parts.size());
        if (rest.isEmpty()) {
            return new RequestInfo(false, lowerMethod, prefix, group, version, "", "", "", "", parts);
        }
        boolean legacyWatch = false;
        if (rest.get(0).equals("watch")) {
            legacyWatch = true;
            rest = rest.subList(1, rest.size());
        }
        String namespace = "";
        if (rest.size() >= 2 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            if (rest.size() >= 3 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                rest = rest.subList(2, rest.size());
            } else {
                // the namespace object itself: /namespaces/{name}[/status|finalize]
                namespace = "";
            }
        }
        String resource = rest.isEmpty() ? "" : rest.get(0);
        String name = rest.size() >= 2 ? rest.get(1) : "";
        String sub = rest.size() >= 3 ? rest.get(2) : "";
        if (rest.size() > 3) {
            sub = String.join("/", rest.subList(2, rest.size()));
        }
        String verb = switch (lowerMethod) {
            case "post" -> "create";
            case "put" -> "update";
            case "patch" -> "patch";
            case "delete" -> name.isEmpty() ? "deletecollection" : "delete";
            case "get", "head" -> legacyWatch || watchParam ? "watch" : name.isEmpty() ? "list" : "get";
            default -> lowerMethod;
        };
        return new RequestInfo(true, verb, prefix, group, version, namespace, resource, name, sub, parts);
    }
}
