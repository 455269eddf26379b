package io.kubeboot.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.json.Json;

import java.util.List;

/**
 * The parameters kube-apiserver 1.32 declares per operation kind, in its order. kubectl checks for
 * {@code fieldValidation} on PATCH operations (cli-runtime query_param_verifier_v3) before relying
 * on server-side field validation, and looks for it inline (it does not follow parameter refs in v3).
 * Every call returns fresh nodes.
 */
final class Parameters {
    private Parameters() {
    }

    static List<ObjectNode> create() {
        return List.of(dryRun(), fieldManager(), fieldValidation());
    }

    static List<ObjectNode> update() {
        return create();
    }
    static List<ObjectNode> patch() {
        return List.of(dryRun(), fieldManager(), fieldValidation(),
            query("force", "boolean", "Force re-acquires conflicting fields owned by other managers; only for apply patches."));
    }
    static List<ObjectNode> delete() {
        return List.of(dryRun(), gracePeriodSeconds(), ignoreStoreReadError(),
            orphanDependents(), propagationPolicy());
    }
    static List<ObjectNode> list() {
        return List.of(allowWatchBookmarks(), continueToken(), fieldSelector(),
            labelSelector(), limit(), resourceVersion(), resourceVersionMatch(), sendInitialEvents(),
            timeoutSeconds(), watch());
    }
    static List<ObjectNode> deleteCollection() {
        return List.of(continueToken(), dryRun(), fieldSelector(),
            gracePeriodSeconds(), ignoreStoreReadError(), labelSelector(), limit(), orphanDependents(),
            propagationPolicy(), resourceVersion(), resourceVersionMatch(), sendInitialEvents(), timeoutSeconds());
    }
    static List<ObjectNode> podLog() {
        return List.of(
            query("container", "string", "The container for which to stream logs."),
            query("follow", "boolean", "Follow the log stream of the pod."),
            query("insecureSkipTLSVerifyBackend", "boolean", "Skip verifying the serving certificate of the kubelet."),
            query("limitBytes", "integer", "Maximum number of bytes to return."),
            query("previous", "boolean", "Return logs of the previously terminated container."),
            query("sinceSeconds", "integer", "Relative time in seconds before now from which to show logs."),
            query("stream", "string", "The log stream to return: All, Stdout or Stderr."),
            query("tailLines", "integer", "Number of lines from the end of the log to show."),
            query("timestamps", "boolean", "Prefix every line with an RFC 3339 timestamp."));
    }

    static ObjectNode pretty() {
        return query("pretty", "string", "If 'true', then the output is pretty printed.");
    }

    static ObjectNode name(String kind) {
        return path("name", "name of the " + kind);
    }

    static ObjectNode namespace() {
        return path("namespace", "object name and auth scope, such as for teams and projects");
    }

    static ObjectNode fieldValidation() {
        return query("fieldValidation", "string", "fieldValidation determines how the server should respond to "
                + "unknown/duplicate fields in the object in the request: Ignore, Warn or Strict.");
    }

    static ObjectNode dryRun() {
        return query("dryRun", "string", "When present, indicates that modifications should not be persisted. "
                + "Valid values are: - All: all dry run stages will be processed");
    }

    static ObjectNode fieldManager() {
        return query("fieldManager", "string",
                "fieldManager is a name associated with the actor or entity that is making these changes.");
    }

    private static ObjectNode gracePeriodSeconds() {
        return query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted.");
    }

    private static ObjectNode ignoreStoreReadError() {
        return query("ignoreStoreReadErrorWithClusterBreakingPotential", "boolean",
                "Delete a resource that cannot be read from storage (alpha; disabled by default).");
    }

    private static ObjectNode orphanDependents() {
        return query("orphanDependents", "boolean", "Deprecated: use propagationPolicy.");
    }

    private static ObjectNode propagationPolicy() {
        return query("propagationPolicy", "string",
                "Whether and how garbage collection will be performed: Orphan, Background or Foreground.");
    }

    private static ObjectNode allowWatchBookmarks() {
        return query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\".");
    }

    private static ObjectNode continueToken() {
        return query("continue", "string", "The continue option should be set when retrieving more results from the server.");
    }

    private static ObjectNode fieldSelector() {
        return query("fieldSelector", "string",
                "A selector to restrict the list of returned objects by their fields. Defaults to everything.");
    }

    private static ObjectNode labelSelector() {
        return query("labelSelector", "string",
                "A selector to restrict the list of returned objects by their labels. Defaults to everything.");
    }

    private static ObjectNode limit() {
        return query("limit", "integer", "limit is a maximum number of responses to return for a list call.");
    }

    private static ObjectNode resourceVersion() {
        return query("resourceVersion", "string",
                "resourceVersion sets a constraint on what resource versions a request may be served from.");
    }

    private static ObjectNode resourceVersionMatch() {
        return query("resourceVersionMatch", "string",
                "resourceVersionMatch determines how resourceVersion is applied to list calls.");
    }

    private static ObjectNode sendInitialEvents() {
        return query("sendInitialEvents", "boolean",
                "`sendInitialEvents=true` may be set together with `watch=true` to stream the current state first.");
    }

    private static ObjectNode timeoutSeconds() {
        return query("timeoutSeconds", "integer", "Timeout for the list/watch call.");
    }

    private static ObjectNode watch() {
        return query("watch", "boolean", "Watch for changes to the described resources and return them as a stream "
                + "of add, update, and remove notifications. Specify resourceVersion.");
    }

    static ObjectNode query(String name, String type, String description) {
        ObjectNode node = Json.object();
        node.put("description", description);
        node.put("in", "query");
        node.put("name", name);
        node.set("schema", schema(type));
        return node;
    }

    private static ObjectNode path(String name, String description) {
        ObjectNode node = Json.object();
        node.put("description", description);
        node.put("in", "path");
        node.put("name", name);
        node.put("required", true);
        node.set("schema", schema("string"));
        return node;
    }

    private static ObjectNode schema(String type) {
        ObjectNode schema = Json.object();
        schema.put("type", type);
        schema.put("uniqueItems", true);
        return schema;
    }

    static ArrayNode array(List<ObjectNode> parameters) {
        ArrayNode array = Json.NODES.arrayNode();
        parameters.forEach(array::add);
        return array;
    }
}
