package io.kubeboot.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real apiserver for the ITs of modules that talk to it (controller runtime, scheduler, controllers, node
 * agent): the apiserver-service artifact on the test class path (a test-scoped dependency; the Spring Boot jar
 * after {@code package}, or its classes folder in an IDE) started as its own JVM over a real redis-server from
 * the test kit. One per test JVM, started on first use, killed at JVM exit. Its log goes to
 * {@code target/apiserver-it.log}.
 */
public final class ApiServerProcess {
    private static ApiServerProcess instance;

    private final RedisServerProcess redis;
    private final Process process;
    private final int port;

    private ApiServerProcess() {
        this.redis = RedisServerProcess.started();
        this.port = Ports.free();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String artifact = apiserverArtifact();
        if (artifact.endsWith(".jar")) {
            cmd.addAll(List.of("-jar", artifact));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.kubeboot.apiserver.ApiServerApplication"));
        }
        cmd.addAll(List.of("--server.port=" + port, "--kubeboot.store.url=" + redis.url(),
                "--kubeboot.apiserver.compaction-interval=0s"));
        Path log = Path.of("target", "apiserver-it.log");
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.destroyForcibly();
            redis.kill();
        }));
        awaitReady(Duration.ofSeconds(90), log);
    }

    public static synchronized ApiServerProcess get() {
        if (instance == null) {
            instance = new ApiServerProcess();
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private static String apiserverArtifact() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("apiserver-service")) {
                return entry;
            }
        }
        throw new IllegalStateException("apiserver-service is not on the test class path");
    }

    private void awaitReady(Duration timeout, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("apiserver exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/readyz")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("apiserver not ready within " + timeout + "; see " + log.toAbsolutePath());
    }
}
