package io.kubeboot.apiserver;

import io.kubeboot.store.Change;
import io.kubeboot.store.KeyValue;
import io.kubeboot.store.RedisStore;
import io.kubeboot.store.Snapshot;
import io.kubeboot.store.StoreSettings;
import io.kubeboot.testkit.Ports;
import io.kubeboot.testkit.RedisServerProcess;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kill -9 of the apiserver process during a write burst: every object in the store has its change
 * in the log and vice versa, every acknowledged create is stored, and nothing is half-written.
 */
class ApiServerCrashIT {

    private static Path jar() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("apiserver-service-.*\\.jar")
                    && !p.toString().endsWith("-plain.jar") && !p.toString().endsWith(".original")).findFirst().orElse(null);
        }
    }

    @Test
    void killDuringWriteBurstLeavesStoreAndLogConsistent() throws Exception {
        Path jar = jar();
        assumeTrue(jar != null, "the packaged apiserver jar is needed (run through mvn verify)");
        try (RedisServerProcess redis = RedisServerProcess.started()) {
            int port = Ports.free();
            ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(new File("target/crash-apiserver.log"));
            pb.environment().put("SERVER_PORT", Integer.toString(port));
            pb.environment().put("KUBEBOOT_STORE_URL", redis.url());
            Process p = pb.start();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String name = "burst-" + thread + "-" + i;
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/namespaces/default/configmaps"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                                            + "\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"i\":\"" + i + "\"}}")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                acknowledged.add("default/" + name);
                            }
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 200);
            p.destroyForcibly(); // SIGKILL, mid-burst
            p.waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);

            try (RedisStore store = new RedisStore(new StoreSettings(redis.url(), List.of(), "kubeboot", Duration.ofSeconds(10)))) {
                Snapshot snap = store.snapshot("configmaps").get();
                Map<String, Long> stored = snap.items().stream().filter(kv -> kv.key().startsWith("default/burst-"))
                        .collect(Collectors.toMap(KeyValue::key, KeyValue::revision));
                List<Change> log = store.changes("configmaps", 0, 1_000_000).get().stream()
                        .filter(c -> c.key().startsWith("default/burst-")).toList();
                Map<String, Long> logged = log.stream().collect(Collectors.toMap(Change::key, Change::revision));
                assertThat(stored).as("state and change log agree exactly").isEqualTo(logged);
                assertThat(stored.keySet()).as("every acknowledged create is stored").containsAll(acknowledged);
                for (KeyValue kv : snap.items()) {
                    String json = new String(kv.value());
                    assertThat(json).contains("\"resourceVersion\":\"" + kv.revision() + "\"");
                    io.kubeboot.api.json.Json.parse(kv.value());
                }
            }
        }
    }
}
