package io.kubeboot.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubeboot.testkit.RedisServerProcess;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * One apiserver (a real Spring Boot server on a random port) over one real redis-server, shared by all
 * apiserver integration tests of a JVM through Spring's context cache. Tests isolate themselves by
 * namespace.
 */
@SpringBootTest(classes = ApiServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiServerITBase {
    protected static final RedisServerProcess REDIS = RedisServerProcess.started();

    @DynamicPropertySource
    static void storeProperties(DynamicPropertyRegistry registry) {
        registry.add("kubeboot.store.url", REDIS::url);
        registry.add("kubeboot.apiserver.bookmark-interval", () -> "1s");
        registry.add("kubeboot.apiserver.compaction-interval", () -> "0s");
    }

    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A fabric8 client of this apiserver (30 s request timeout); the caller closes it. */
    protected KubernetesClient fabric8Client() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(baseUrl())
                .withRequestTimeout(30_000).build()).build();
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            // The server runs in this JVM: its threads show what held the request.
            dumpThreads(method + " " + path + " timed out");
            throw new java.io.UncheckedIOException(e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void dumpThreads(String why) {
        StringBuilder b = new StringBuilder("=== thread dump: ").append(why).append('\n');
        Thread.getAllStackTraces().forEach((t, stack) -> {
            b.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
            for (StackTraceElement e : stack) {
                b.append("    at ").append(e).append('\n');
            }
        });
        System.err.println(b);
    }

    protected HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    protected HttpResponse<String> postJson(String path, String body) {
        return send("POST", path, "application/json", body);
    }

    /** Creates a namespace through the API and returns its name. */
    protected String createNamespace(String prefix) {
        String name = uniqueName(prefix);
        HttpResponse<String> r = postJson("/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
        if (r.statusCode() != 201) {
            throw new AssertionError("namespace create failed: " + r.statusCode() + " " + r.body());
        }
        return name;
    }
}
