package io.kubeboot.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.json.Json;
import io.kubeboot.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Watch semantics over HTTP: replay from a resourceVersion, 410 after compaction, bookmarks, timeouts. */
class WatchIT extends ApiServerITBase {
    @Autowired
    Store store;

    private String cm(String name, String v) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"v\":\"" + v + "\"}}";
    }

    private long rv(HttpResponse<String> r) throws Exception {
        return Json.parse(r.body().getBytes()).path("metadata").path("resourceVersion").asLong();
    }

    /** Reads a watch until it ends (timeoutSeconds) and returns its events. */
    private List<JsonNode> watch(String pathAndQuery) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<java.io.InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body()))) {
            String line;
            while ((line = in.readLine()) != null) {
                events.add(Json.parse(line.getBytes()));
            }
        }
        return events;
    }

    @Test
    void replaysExactlyTheEventsAfterAResourceVersionInOrder() throws Exception {
        String ns = createNamespace("w");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        postJson(base, cm("a", "1"));
        long from = rv(get(base));
        List<String> expected = new ArrayList<>();
        postJson(base, cm("b", "1"));
        expected.add("ADDED b 1");
        send("PUT", base + "/a", "application/json", cm("a", "2"));
        expected.add("MODIFIED a 2");
        send("PATCH", base + "/b", "application/merge-patch+json", "{\"data\":{\"v\":\"3\"}}");
        expected.add("MODIFIED b 3");
        send("DELETE", base + "/a", null, null);
        expected.add("DELETED a 2");

        List<JsonNode> events = watch(base + "?watch=true&resourceVersion=" + from + "&timeoutSeconds=2");
        List<String> seen = events.stream().map(e -> e.path("type").asText() + " " + e.path("object").path("metadata").path("name").asText()
                + " " + e.path("object").path("data").path("v").asText()).toList();
        assertThat(seen).containsExactlyElementsOf(expected);
        long previous = from;
        for (JsonNode e : events) {
            long rv = e.path("object").path("metadata").path("resourceVersion").asLong();
            assertThat(rv).isGreaterThan(previous);
            assertThat(e.path("object").path("kind").asText()).isEqualTo("ConfigMap");
            previous = rv;
        }
    }

    @Test
    void anUnsetResourceVersionStartsWithTheCurrentStateAndSelectorsFilter() throws Exception {
        String ns = createNamespace("w0");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        postJson(base, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"labels\":{\"app\":\"a\"}}}");
        postJson(base, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"y\",\"labels\":{\"app\":\"b\"}}}");
        List<JsonNode> events = watch(base + "?watch=true&labelSelector=app%3Da&timeoutSeconds=1");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("type").asText()).isEqualTo("ADDED");
        assertThat(events.get(0).path("object").path("metadata").path("name").asText()).isEqualTo("x");
        List<JsonNode> byName = watch(base + "?watch=1&fieldSelector=metadata.name%3Dy&timeoutSeconds=1");
        assertThat(byName).extracting(e -> e.path("object").path("metadata").path("name").asText()).containsExactly("y");
    }

    @Test
    void aCompactedResourceVersionGets410Expired() throws Exception {
        String ns = createNamespace("wc");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        postJson(base, cm("a", "1"));
        long old = rv(get(base));
        postJson(base, cm("b", "1"));
        long now = store.revision().get();
        store.compact(now, List.of("configmaps")).get();
        // the change feed notices compaction within half a second
        String url = base + "?watch=true&resourceVersion=" + old + "&timeoutSeconds=1";
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> watch(url).stream().anyMatch(e -> e.path("type").asText().equals("ERROR")));
        List<JsonNode> events = watch(url);
        assertThat(events).hasSize(1);
        JsonNode error = events.get(0);
        assertThat(error.path("type").asText()).isEqualTo("ERROR");
        assertThat(error.path("object").path("kind").asText()).isEqualTo("Status");
        assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
        assertThat(error.path("object").path("reason").asText()).isEqualTo("Expired");
        assertThat(error.path("object").path("message").asText()).startsWith("too old resource version: " + old);
    }

    @Test
    void bookmarksCarryProgress() throws Exception {
        String ns = createNamespace("wb");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        long from = rv(get(base));
        // progress elsewhere (another namespace) moves the revision on without an event for this watch
        String other = createNamespace("wb2");
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            sleepQuietly(500);
            postJson("/api/v1/namespaces/" + other + "/configmaps", cm("elsewhere", "1"));
        });
        List<JsonNode> events = watch(base + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + from + "&timeoutSeconds=3");
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("BOOKMARK");
            assertThat(e.path("object").path("kind").asText()).isEqualTo("ConfigMap");
            assertThat(e.path("object").path("metadata").path("resourceVersion").asLong()).isGreaterThan(from);
        });
    }

    @Test
    void aContinueTokenExpiresWithCompaction() throws Exception {
        String ns = createNamespace("pagec");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        for (int i = 0; i < 3; i++) {
            postJson(base, cm("c" + i, "1"));
        }
        String cont = Json.parse(get(base + "?limit=1").body().getBytes()).path("metadata").path("continue").asText();
        assertThat(get(base + "?limit=1&continue=" + cont).statusCode()).isEqualTo(200);
        postJson(base, cm("later", "1"));
        store.compact(store.revision().get(), List.of("configmaps")).get();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> get(base + "?limit=1&continue=" + cont).statusCode() == 410);
        HttpResponse<String> expired = get(base + "?limit=1&continue=" + cont);
        assertThat(Json.parse(expired.body().getBytes()).path("reason").asText()).isEqualTo("Expired");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void listsArePagedWithContinue() throws Exception {
        String ns = createNamespace("page");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        for (int i = 0; i < 7; i++) {
            postJson(base, cm("c" + i, "1"));
        }
        List<String> names = new ArrayList<>();
        String cont = "";
        long listRv = -1;
        int pages = 0;
        do {
            JsonNode page = Json.parse(get(base + "?limit=3" + (cont.isEmpty() ? "" : "&continue=" + cont)).body().getBytes());
            page.path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
            long pageRv = page.path("metadata").path("resourceVersion").asLong();
            if (listRv < 0) {
                listRv = pageRv;
            }
            assertThat(pageRv).isEqualTo(listRv);
            cont = page.path("metadata").path("continue").asText("");
            pages++;
        } while (!cont.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("c0", "c1", "c2", "c3", "c4", "c5", "c6");
    }
}
