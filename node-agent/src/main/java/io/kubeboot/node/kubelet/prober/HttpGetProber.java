package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Upstream pkg/probe/http with NewRequestForHTTPGetAction: GET {@code <scheme>://<host>:<port><path>} with the probe's
 * headers (plus {@code User-Agent: kube-probe/1.32} and {@code Accept: *}{@code /*} unless given); 2xx is success,
 * 3xx that is not followed a warning, anything else {@code HTTP probe failed with statuscode: N}; a transport error is a
 * failure with Go's message ({@code Get "http://...": dial tcp ...: connect: connection refused}). Redirects are
 * followed (at most 10) only to the same host name, as upstream. Stateless; thread safe.
 */
final class HttpGetProber {
    static final String USER_AGENT_VERSION = "1.32";
    private static final int MAX_REDIRECTS = 10;

    private final ProbeHttpClient client = new ProbeHttpClient();

    /** A resolved request: where to send it. */
    record Request(String scheme, String host, int port, String path, List<Map.Entry<String, String>> headers) {
        String url() {
            String p = path == null ? "" : path;
            if (!p.isEmpty() && !p.startsWith("/")) {
                p = "/" + p;
            }
            return scheme + "://" + ProbeTargets.joinHostPort(host, port) + p;
        }
    }

    /**
     * Upstream NewRequestForHTTPGetAction, with the network safety rule applied to the host.
     *
     * @param agent "probe" or "lifecycle" (the User-Agent's kind)
     */
    static Request request(HTTPGetAction action, Container container, List<String> podIps, boolean hostNetwork, String agent) {
        String scheme = action.getScheme() == null || action.getScheme().isEmpty() ? "http" : action.getScheme().toLowerCase(Locale.ROOT);
        String host = ProbeTargets.host(action.getHost(), podIps, hostNetwork);
        int port = ProbeTargets.resolvePort(action.getPort(), container);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean userAgent = false;
        boolean accept = false;
        for (HTTPHeader h : action.getHttpHeaders() == null ? List.<HTTPHeader>of() : action.getHttpHeaders()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(h.getName(), h.getValue() == null ? "" : h.getValue()));
            userAgent |= h.getName().equalsIgnoreCase("user-agent");
            accept |= h.getName().equalsIgnoreCase("accept");
        }
        if (!userAgent) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>("User-Agent", "kube-" + agent + "/" + USER_AGENT_VERSION));
        }
        if (!accept) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>("Accept", "*/*"));
        }
        return new Request(scheme, host, port, action.getPath() == null ? "" : action.getPath(), headers);
    }

    /** Upstream DoHTTPProbe. */
    ProbeOutcome probe(Request request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Request current = request;
        for (int redirects = 0; ; redirects++) {
            ProbeHttpClient.Response response;
            try {
                response = send(current, deadline);
            } catch (ProbeHttpClient.TransportException e) {
                return ProbeOutcome.failure("Get \"" + current.url() + "\": " + e.getMessage());
            }
            int status = response.status();
            String location = response.headers().get("location");
            if (isRedirect(status) && location != null) {
                Request next = redirectTarget(current, location);
                if (next != null && next.host().equalsIgnoreCase(current.host())) {
                    if (redirects + 1 >= MAX_REDIRECTS) {
                        return ProbeOutcome.failure("Get \"" + next.url() + "\": stopped after 10 redirects");
                    }
                    current = next;
                    continue;
                }
            }
            if (status >= 200 && status < 400) {
                if (status >= 300) {
                    return new ProbeOutcome(ProbeOutcome.Result.WARNING,
                            "Probe terminated redirects, Response body: " + response.body());
                }
                return ProbeOutcome.success(response.body());
            }
            // upstream keeps the response body out of the user-facing message (issue 99425)
            return ProbeOutcome.failure("HTTP probe failed with statuscode: " + status);
        }
    }

    /** For lifecycle hooks: any response is success; returns the transport error, or null. */
    String hook(Request request, Duration timeout) {
        try {
            send(request, System.nanoTime() + timeout.toNanos());
            return null;
        } catch (ProbeHttpClient.TransportException e) {
            return "Get \"" + request.url() + "\": " + e.getMessage();
        }
    }

    private ProbeHttpClient.Response send(Request r, long deadline) throws ProbeHttpClient.TransportException {
        String target = r.path();
        if (target.isEmpty() || !target.startsWith("/")) {
            target = "/" + target;
        }
        return client.get(r.scheme().equals("https"), r.host(), r.port(), target, r.headers(), deadline);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The redirect's target, or null when it cannot be parsed or leaves http(s). */
    private static Request redirectTarget(Request from, String location) {
        try {
            URI base = new URI(from.url().endsWith("/") || !from.path().isEmpty() ? from.url() : from.url() + "/");
            URI to = base.resolve(location);
            String scheme = to.getScheme() == null ? from.scheme() : to.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            String host = to.getHost() == null ? from.host() : to.getHost().replaceAll("^\\[|]$", "");
            int port = to.getPort() > 0 ? to.getPort() : (to.getHost() == null ? from.port() : (scheme.equals("https") ? 443 : 80));
            String path = to.getRawPath() == null || to.getRawPath().isEmpty() ? "/" : to.getRawPath();
            if (to.getRawQuery() != null) {
                path += "?" + to.getRawQuery();
            }
            return new Request(scheme, host, port, path, from.headers());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
