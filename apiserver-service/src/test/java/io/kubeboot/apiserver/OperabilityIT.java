package io.kubeboot.apiserver;

import io.kubeboot.testkit.ApiServerProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, readiness and the Prometheus metrics kube-apiserver users scrape, from the apiserver as users run it: its
 * own JVM ({@link ApiServerProcess}) over a real redis-server.
 */
class OperabilityIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ApiServerProcess.get().url() + path))
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    @Test
    void healthEndpointsAnswer() {
        assertThat(get("/healthz").body()).isEqualTo("ok");
        assertThat(get("/livez").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").body()).isEqualTo("ok");
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"store\"", "\"watchCachesReady\":true");
        assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
    }

    /**
     * Probes and API calls alternating on one keep-alive connection, as a kubelet's or Prometheus's client sends them.
     * Reactor Netty 1.3.6 (Spring Boot 4.0.7's) stopped reading a connection when a request arrived before the
     * previous one's operations had terminated, which the actuator's health endpoints (answered from a
     * boundedElastic thread) made likely: about 1 round in 10 of this sequence hung (reactor-netty#4347, #4361;
     * fixed in the 1.3.8 the root pom pins). The client sends one request at a time, so it reuses one connection;
     * a hung request fails after the client's 30 s timeout.
     */
    @Test
    void keepAliveConnectionServesEveryRequestAfterHealthProbes() {
        String ns = "keepalive-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send("POST", "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}").statusCode())
                .isEqualTo(201);
        for (int round = 0; round < 100; round++) {
            String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-" + round + "\"}}";
            String[][] requests = {
                    {"GET", "/actuator/health", null, "200"},
                    {"GET", "/actuator/health/readiness", null, "200"},
                    {"GET", "/actuator/health/liveness", null, "200"},
                    {"POST", "/api/v1/namespaces/" + ns + "/configmaps", cm, "201"},
                    {"GET", "/actuator/health/liveness", null, "200"},
                    {"GET", "/api/v1/namespaces/" + ns + "/configmaps/cm-" + round, null, "200"},
            };
            for (String[] r : requests) {
                HttpResponse<String> resp = send(r[0], r[1], r[2]);
                assertThat(resp.statusCode()).as("round %d: %s %s: %s", round, r[0], r[1], resp.body())
                        .isEqualTo(Integer.parseInt(r[3]));
            }
        }
    }

    @Test
    void requestMetricsAreLabelledAsKubeApiserverLabelsThem() {
        String ns = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        get("/api/v1/namespaces/" + ns + "/pods/missing");
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("apiserver_request_total\\{[^}]*code=\"404\"[^}]*resource=\"pods\"[^}]*verb=\"GET\"");
        assertThat(metrics).containsPattern("apiserver_request_total\\{[^}]*code=\"201\"[^}]*resource=\"namespaces\"[^}]*verb=\"POST\"");
        assertThat(metrics).contains("apiserver_request_duration_seconds_bucket");
    }
}
