package io.kubeboot.bench.nodes;

import io.kubeboot.bench.api.ApiClient;
import io.kubeboot.bench.api.HttpResult;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node bench's few calls that are not load: PATCH and DELETE (verbs the Netty client does not have), the
 * Prometheus text of the apiserver, and the resourceVersion a watch starts from; through the JDK client.
 */
final class Calls {
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"([0-9]+)\"");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** A response: status and body. */
    record Response(int status, String body) {
    }

    private final String baseUrl;
    private final HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Calls(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A JSON merge patch ({@code application/merge-patch+json}), as {@code kubectl patch --type=merge} sends. */
    Response mergePatch(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    Response delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).DELETE().build());
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET().build());
    }

    /** The apiserver's Prometheus text (kube-apiserver's {@code /metrics}, else the actuator's); empty when neither answers. */
    String metrics() {
        for (String path : new String[] {"/metrics", "/actuator/prometheus"}) {
            try {
                Response r = get(path);
                if (r.status() == 200 && r.body().contains("apiserver_request_total")) {
                    return r.body();
                }
            } catch (IOException e) {
                // try the next path
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        return "";
    }

    /** The body of {@code path} when it answers 200, else empty (the report then says n/a). */
    String textOrEmpty(String path) {
        try {
            Response r = get(path);
            return r.status() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = jdk.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** The resourceVersion of a list of {@code collectionPath}: a watch from it sees every later change. */
    static String listVersion(ApiClient api, String collectionPath) {
        HttpResult r = api.get(collectionPath + "?limit=1").join();
        Matcher m = RESOURCE_VERSION.matcher(r.text());
        if (r.status() != 200 || !m.find()) {
            throw new IllegalStateException("listing " + collectionPath + ": HTTP " + r.status() + " " + r.text());
        }
        return m.group(1);
    }
}
