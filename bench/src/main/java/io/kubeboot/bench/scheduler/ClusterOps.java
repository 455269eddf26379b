package io.kubeboot.bench.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeboot.bench.api.ApiClient;
import io.kubeboot.bench.api.ApiContext;
import io.kubeboot.bench.api.HttpResult;
import io.kubeboot.bench.core.ClosedLoop;
import io.kubeboot.bench.core.LatencyRecorder;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's calls that are not load: bulk creates of nodes and pods through the Netty client (closed
 * loop, as fast as the apiserver takes them), and the rare calls the Netty client has no verb for
 * (DELETE collection) or that go elsewhere (the scheduler's metrics), through the JDK client.
 */
public final class ClusterOps {
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"([0-9]+)\"");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final ApiClient api;
    private final String baseUrl;
    private final HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ClusterOps(ApiClient api, String baseUrl) {
        this.api = api;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** POSTs {@code count} objects made by {@code body} (by sequence number) to {@code path} with {@code clients} clients. */
    public LatencyRecorder create(String name, String path, int clients, long count, LongFunction<byte[]> body)
            throws InterruptedException {
        return ClosedLoop.counted(name, clients, count, Duration.ofMinutes(10))
                .run((client, seq) -> api.post(path, body.apply(seq)).thenApply(r -> r.expect(201)));
    }

    /** The resourceVersion of a list of the namespace's pods: a watch from it sees every later change. */
    public String podListResourceVersion(String namespace) {
        HttpResult r = api.get(ApiContext.podsPath(namespace) + "?limit=1").join();
        Matcher m = RESOURCE_VERSION.matcher(r.text());
        if (r.status() != 200 || !m.find()) {
            throw new IllegalStateException("listing pods of " + namespace + ": HTTP " + r.status() + " " + r.text());
        }
        return m.group(1);
    }

    /** Items of a list (at most one asked for) still present, e.g. to wait for a deletion to finish. */
    public boolean anyLeft(String listPath) {
        HttpResult r = api.get(listPath + (listPath.contains("?") ? "&" : "?") + "limit=1").join();
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + listPath + ": HTTP " + r.status());
        }
        try {
            return MAPPER.readTree(r.body()).path("items").size() > 0;
        } catch (IOException e) {
            throw new IllegalStateException("GET " + listPath + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the namespace's pods at once (gracePeriodSeconds=0: bound pods would otherwise wait for a
     * kubelet that does not exist), the nodes with the run's label, then the namespace.
     */
    public void cleanUp(String namespace, String nodeSelector) throws IOException, InterruptedException {
        delete(ApiContext.podsPath(namespace) + "?gracePeriodSeconds=0");
        delete("/api/v1/nodes?labelSelector=" + URLEncoder.encode(nodeSelector, StandardCharsets.UTF_8));
        delete("/api/v1/namespaces/" + namespace);
    }

    private void delete(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = jdk.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("DELETE " + path + ": HTTP " + r.statusCode() + " "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
    }

    /** The Prometheus text of {@code url}; empty when it cannot be read (the report then says so). */
    public String scrape(String url) {
        try {
            HttpResponse<String> r = jdk.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
