package io.kubeboot.apiserver.podlogs;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a pod container's log is served, as upstream's {@code pod.LogLocation} (pkg/registry/core/pod/strategy.go)
 * and the kubelet connection info ({@code NodeConnectionInfoGetter}): the container (given, or the pod's only
 * one), the node's preferred address and its kubelet port, and the kubelet's {@code /containerLogs} query. Pure.
 */
public final class LogLocation {
    /** The kubelet's port when a Node publishes none (upstream's default {@code --kubelet-port}). */
    public static final int DEFAULT_KUBELET_PORT = 10250;

    private LogLocation() {
    }

    /** A node's address as the apiserver connects to it. */
    public record Endpoint(String host, int port) {
    }

    /**
     * The container to read, as upstream's {@code validateContainer}: the requested one when the pod has a
     * container, init container or ephemeral container of that name (else 400 {@code container X is not valid for
     * pod Y}); without one, the only container, or 400 naming every container (init, regular, ephemeral, in that
     * order). The {@code kubectl.kubernetes.io/default-container} annotation is kubectl's: the server does not
     * read it, as upstream's does not.
     */
    public static String container(JsonNode pod, String requested) {
        String podName = pod.path("metadata").path("name").asText("");
        JsonNode spec = pod.path("spec");
        List<String> all = allContainerNames(spec);
        if (requested == null || requested.isEmpty()) {
            JsonNode containers = spec.path("containers");
            if (containers.size() == 1) {
                return containers.get(0).path("name").asText("");
            }
            if (containers.isEmpty()) {
                throw ApiErrors.badRequest("a container name must be specified for pod " + podName);
            }
            throw ApiErrors.badRequest("a container name must be specified for pod " + podName + ", choose one of: ["
                    + String.join(" ", all) + "]");
        }
        if (!all.contains(requested)) {
            throw ApiErrors.badRequest("container " + requested + " is not valid for pod " + podName);
        }
        return requested;
    }

    private static List<String> allContainerNames(JsonNode spec) {
        List<String> names = new ArrayList<>();
        for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (JsonNode c : spec.path(field)) {
                names.add(c.path("name").asText(""));
            }
        }
        return names;
    }

    /**
     * The node's address of the first type in {@code preferredTypes} it publishes (upstream's
     * {@code GetPreferredNodeAddress}) and its {@code status.daemonEndpoints.kubeletEndpoint.Port}, or
     * {@link #DEFAULT_KUBELET_PORT}. No matching address is upstream's 500 {@code no preferred addresses found;
     * known addresses: [...]}.
     */
    public static Endpoint endpoint(JsonNode node, List<String> preferredTypes) {
        JsonNode addresses = node.path("status").path("addresses");
        String host = null;
        for (String type : preferredTypes) {
            for (JsonNode a : addresses) {
                if (type.equals(a.path("type").asText())) {
                    host = a.path("address").asText("");
                    break;
                }
            }
            if (host != null) {
                break;
            }
        }
        if (host == null) {
            List<String> known = new ArrayList<>();
            for (JsonNode a : addresses) {
                known.add("{" + a.path("type").asText("") + " " + a.path("address").asText("") + "}");
            }
            throw new StatusException(500, "", "no preferred addresses found; known addresses: ["
                    + String.join(" ", known) + "]", null);
        }
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        return new Endpoint(host, port > 0 ? port : DEFAULT_KUBELET_PORT);
    }

    /**
     * {@code http://host:port/containerLogs/<ns>/<pod>/<container>?...} with the options the kubelet reads, in
     * Go's {@code url.Values.Encode} order (sorted by key); sinceTime in RFC 3339 seconds.
     */
    public static String url(Endpoint endpoint, String namespace, String pod, String container, PodLogOptions opts) {
        Map<String, String> params = new TreeMap<>();
        if (opts.follow()) {
            params.put("follow", "true");
        }
        if (opts.previous()) {
            params.put("previous", "true");
        }
        if (opts.timestamps()) {
            params.put("timestamps", "true");
        }
        if (opts.sinceSeconds() != null) {
            params.put("sinceSeconds", Long.toString(opts.sinceSeconds()));
        }
        if (opts.sinceTime() != null) {
            params.put("sinceTime", rfc3339(opts.sinceTime()));
        }
        if (opts.tailLines() != null) {
            params.put("tailLines", Long.toString(opts.tailLines()));
        }
        if (opts.limitBytes() != null) {
            params.put("limitBytes", Long.toString(opts.limitBytes()));
        }
        StringBuilder url = new StringBuilder("http://").append(hostPort(endpoint))
                .append("/containerLogs/").append(segment(namespace)).append('/').append(segment(pod)).append('/')
                .append(segment(container));
        String sep = "?";
        for (Map.Entry<String, String> e : params.entrySet()) {
            url.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return url.toString();
    }

    /** Go's {@code net.JoinHostPort}: IPv6 literals in brackets. */
    public static String hostPort(Endpoint endpoint) {
        String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
        return host + ":" + endpoint.port();
    }

    private static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Names are DNS labels/subdomains, so only what a path segment cannot hold needs escaping. */
    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
