package io.kubeboot.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A KubeBoot service (its Spring Boot jar, a test-scoped dependency of the calling module) run as its own JVM for
 * tests that need real processes: started with the given JVM options, program arguments and environment, its
 * output in {@code target/<name>.log} (a restart appends to it), ready when its health URL answers 200. {@link #kill()} is
 * {@code kill -9} (no shutdown hooks run in the service, as a crash), {@link #stop()} is SIGTERM (a graceful
 * shutdown) with a bounded wait. A JVM shutdown hook kills whatever is still running when the test JVM exits.
 *
 * <p>The jar is found on the test class path by its artifact id, as {@link ApiServerProcess} finds the apiserver: a
 * class path entry {@code .../<artifactId>-<version>.jar}, or, when the entry is the module's classes folder (an IDE
 * or a reactor build before {@code package}), the built jar beside it in {@code target/}.
 *
 * <p>Thread safety: one test thread drives an instance; {@link #alive()} and {@link #pid()} may be called from any.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Builder settings;
    private final Process process;
    private final Thread reaper;

    /** @param append false: a fresh log (first start); true: append to it (a restart) */
    private ServiceProcess(Builder settings, boolean append) {
        this.settings = settings;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(settings.jvmArgs);
        cmd.addAll(settings.command());
        cmd.addAll(settings.args);
        try {
            Files.createDirectories(settings.log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.log.toFile()));
            pb.environment().putAll(settings.env);
            Files.writeString(settings.log, "=== " + Instant.now() + " starting " + String.join(" ", cmd) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            this.process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + settings.name, e);
        }
        this.reaper = new Thread(process::destroyForcibly, "kill-" + settings.name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Settings for a service from the artifact {@code artifactId} (e.g. "node-agent"); logs to target/<name>.log. */
    public static Builder builder(String name, String artifactId) {
        return new Builder(name, artifactId);
    }

    /**
     * The Spring Boot jar of {@code artifactId} on this JVM's class path (see the class comment).
     *
     * @throws IllegalStateException when it is not there, saying which dependency is missing
     */
    public static Path jar(String artifactId) {
        Path entry = classPathEntry(artifactId);
        if (!Files.isDirectory(entry)) {
            return entry;
        }
        Path built = builtJar(entry.getParent(), artifactId);
        if (built == null) {
            throw new IllegalStateException(artifactId + " is on the test class path as " + entry + " but its jar is "
                    + "not built there: run the tests with `mvn verify` (the jar is made in the package phase)");
        }
        return built;
    }

    /** The class path entry of {@code artifactId}: its jar, or its {@code <artifactId>/target/classes} folder. */
    private static Path classPathEntry(String artifactId) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String file = p.getFileName() == null ? "" : p.getFileName().toString();
            if (file.startsWith(artifactId + "-") && file.endsWith(".jar") && !file.endsWith("-plain.jar")
                    && Character.isDigit(file.charAt(artifactId.length() + 1))) {
                return p;
            }
            if (file.equals("classes") && Files.isDirectory(p) && p.getParent() != null
                    && p.getParent().getParent() != null
                    && p.getParent().getParent().getFileName().toString().equals(artifactId)) {
                return p;
            }
        }
        throw new IllegalStateException(artifactId + " is not on the test class path: add it as a test-scoped "
                + "dependency and build it with `mvn verify` (its Spring Boot jar is made in the package phase)");
    }

    private static Path builtJar(Path target, String artifactId) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(target, artifactId + "-*.jar")) {
            for (Path p : ds) {
                if (!p.toString().endsWith("-plain.jar")) {
                    return p;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    public String name() {
        return settings.name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return settings.log;
    }

    /** The health URL this process is waited on. */
    public String healthUrl() {
        return settings.healthUrl;
    }

    /**
     * Waits until the health URL answers 200.
     *
     * @throws IllegalStateException when the process exits first or the timeout passes, naming the log file
     */
    public ServiceProcess awaitHealthy() {
        Duration timeout = settings.startTimeout;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(settings.name + " exited with " + process.exitValue() + "; see "
                        + settings.log.toAbsolutePath());
            }
            if (healthy()) {
                return this;
            }
            sleep(200);
        }
        throw new IllegalStateException(settings.name + " not healthy within " + timeout + " (" + settings.healthUrl
                + "); see " + settings.log.toAbsolutePath());
    }

    /** Whether the health URL answers 200 now. */
    public boolean healthy() {
        if (settings.healthUrl == null) {
            return process.isAlive();
        }
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(settings.healthUrl))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, as {@code kill -9}: the service runs no shutdown code. Returns when the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
        unhook();
    }

    /** SIGTERM (the service shuts down gracefully), then SIGKILL if it has not exited within the stop timeout. */
    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(settings.stopTimeout)) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(30));
            }
        }
        unhook();
    }

    /** A new process with the same settings (its output appended to the same log); this one must have exited. */
    public ServiceProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(settings.name + " still runs (pid " + pid() + ")");
        }
        return new ServiceProcess(settings, true);
    }

    @Override
    public void close() {
        stop();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void unhook() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; the process is gone
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How to start one service process. Not thread safe; reused by {@link #restart()} (do not change it then). */
    public static final class Builder {
        private final String name;
        private final String artifactId;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String mainClass;
        private String healthUrl;
        private Path log;
        private Duration startTimeout = Duration.ofSeconds(120);
        private Duration stopTimeout = Duration.ofSeconds(30);

        private Builder(String name, String artifactId) {
            this.name = name;
            this.artifactId = artifactId;
            this.log = Path.of("target", name + ".log");
        }

        /** JVM options before {@code -jar}, e.g. {@code -Xmx256m}. */
        public Builder jvmArgs(String... a) {
            jvmArgs.addAll(List.of(a));
            return this;
        }

        /** Program arguments, e.g. {@code --server.port=8080}. */
        public Builder args(String... a) {
            args.addAll(List.of(a));
            return this;
        }

        public Builder args(List<String> a) {
            args.addAll(a);
            return this;
        }

        /** An environment variable of the process (on top of this JVM's environment). */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /**
         * The main class to run with this JVM's own class path when the artifact is not a built jar but a classes
         * folder on the class path (the module's own ITs in an IDE); without it such a folder is an error.
         */
        public Builder mainClassFallback(String className) {
            this.mainClass = className;
            return this;
        }

        /** The URL that answers 200 once the service is ready (e.g. http://127.0.0.1:8080/healthz). */
        public Builder healthUrl(String url) {
            this.healthUrl = url;
            return this;
        }

        public Builder log(Path file) {
            this.log = file;
            return this;
        }

        public Builder startTimeout(Duration d) {
            this.startTimeout = d;
            return this;
        }

        public Builder stopTimeout(Duration d) {
            this.stopTimeout = d;
            return this;
        }

        /** Starts the process and returns at once; call {@link ServiceProcess#awaitHealthy()} before using it. */
        public ServiceProcess launch() {
            return new ServiceProcess(this, false);
        }

        /** Starts the process and waits until it is healthy. */
        public ServiceProcess start() {
            return launch().awaitHealthy();
        }

        private List<String> command() {
            Path entry = classPathEntry(artifactId);
            if (Files.isDirectory(entry) && mainClass != null) {
                return List.of("-cp", System.getProperty("java.class.path"), mainClass);
            }
            return List.of("-jar", jar(artifactId).toString());
        }
    }
}
