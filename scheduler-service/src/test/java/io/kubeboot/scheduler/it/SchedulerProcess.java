package io.kubeboot.scheduler.it;

import io.kubeboot.testkit.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scheduler replica for the ITs: this module's built jar ({@code target/scheduler-service-*.jar}, which
 * failsafe finds after {@code package}) as its own JVM, so that a test can kill it with SIGKILL as a
 * crash would. Log in {@code target/<name>.log}.
 */
final class SchedulerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Process process;
    private final int port;

    SchedulerProcess(String name, String apiserverUrl, String... extraArgs) {
        this.name = name;
        this.port = Ports.free();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar().toString(),
                "--server.port=" + port,
                "--kubeboot.scheduler.apiserver-url=" + apiserverUrl,
                "--kubeboot.scheduler.leader-election.identity=" + name,
                "--kubeboot.scheduler.exit-on-lost-lease=false"));
        cmd.addAll(List.of(extraArgs));
        Path log = Path.of("target", name + ".log");
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    static Path jar() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("target"), "scheduler-service-*.jar")) {
            for (Path p : ds) {
                if (!p.toString().endsWith("-plain.jar")) {
                    return p;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("target/scheduler-service-*.jar not built; run the ITs with mvn verify");
    }

    String name() {
        return name;
    }

    /** GET on the replica's HTTP port; null when it does not answer. */
    String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    boolean healthy() {
        return "ok".equals(get("/healthz"));
    }

    /** Whether this replica holds the lease and schedules (from its admin API). */
    boolean leading() {
        String s = get("/admin/v1/status");
        return s != null && s.contains("\"leader\":true");
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no lease release, no goodbye, as a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
