package io.kubeboot.apiserver;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, readiness and the Prometheus metrics kube-apiserver users scrape. */
class OperabilityIT extends ApiServerITBase {

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

    @Test
    void requestMetricsAreLabelledAsKubeApiserverLabelsThem() {
        String ns = createNamespace("metrics");
        get("/api/v1/namespaces/" + ns + "/pods/missing");
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("apiserver_request_total\\{[^}]*code=\"404\"[^}]*resource=\"pods\"[^}]*verb=\"GET\"");
        assertThat(metrics).containsPattern("apiserver_request_total\\{[^}]*code=\"201\"[^}]*resource=\"namespaces\"[^}]*verb=\"POST\"");
        assertThat(metrics).contains("apiserver_request_duration_seconds_bucket");
    }
}
