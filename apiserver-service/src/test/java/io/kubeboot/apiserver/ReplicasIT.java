package io.kubeboot.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Two apiserver replicas over one Redis serve the same objects and the same events in the same order. */
class ReplicasIT extends ApiServerITBase {
    ConfigurableApplicationContext second;
    String secondUrl;

    @BeforeEach
    void startSecondReplica() {
        second = new SpringApplicationBuilder(ApiServerApplication.class)
                .properties("server.port=0", "kubeboot.store.url=" + REDIS.url(), "kubeboot.apiserver.compaction-interval=0s",
                        "management.server.port=-1")
                .run();
        secondUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) second).getWebServer().getPort();
    }

    @AfterEach
    void stopSecondReplica() {
        second.close();
    }

    private CompletableFuture<List<String>> watch(String url) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
                HttpResponse<java.io.InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                List<String> lines = new ArrayList<>();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body()))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                }
                return lines;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void replicasAgreeOnObjectsAndEventOrder() throws Exception {
        String ns = createNamespace("rep");
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        long from = Json.parse(get(path).body().getBytes()).path("metadata").path("resourceVersion").asLong();
        String query = "?watch=true&resourceVersion=" + from + "&timeoutSeconds=4";
        CompletableFuture<List<String>> onFirst = watch(baseUrl() + path + query);
        CompletableFuture<List<String>> onSecond = watch(secondUrl + path + query);
        // no need to wait for the watches to be registered: each replays its window from the list's revision
        for (int i = 0; i < 30; i++) {
            String url = (i % 2 == 0 ? baseUrl() : secondUrl) + path;
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c"
                            + i + "\"}}")).build();
            assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        }
        List<String> first = onFirst.get();
        List<String> secondEvents = onSecond.get();
        assertThat(first).hasSize(30);
        assertThat(secondEvents).containsExactlyElementsOf(first);

        JsonNode listA = Json.parse(get(path).body().getBytes());
        HttpResponse<String> listB = http.send(HttpRequest.newBuilder(URI.create(secondUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Json.parse(listB.body().getBytes()).path("items")).isEqualTo(listA.path("items"));
    }
}
