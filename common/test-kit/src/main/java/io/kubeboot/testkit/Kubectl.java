package io.kubeboot.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl (1.32, {@code /usr/bin/kubectl} or {@code $KUBECTL}) against a KubeBoot
 * apiserver through a kubeconfig of its own, with its own discovery cache folder so that runs never
 * see each other's cached discovery.
 */
public final class Kubectl {
    private final Path kubeconfig;
    private final Path cacheDir;

    /** What one invocation printed and returned. */
    public record Result(int exitCode, String out, String err) {
        public Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError("kubectl failed (" + exitCode + "):\n" + err + "\n" + out);
            }
            return this;
        }
    }

    public Kubectl(String serverUrl) {
        try {
            Path dir = Files.createTempDirectory("kubectl");
            this.kubeconfig = dir.resolve("kubeconfig");
            this.cacheDir = dir.resolve("cache");
            Files.writeString(kubeconfig, kubeconfig(serverUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An admin kubeconfig for an apiserver without authentication, as {@code ./kubeboot up} writes. */
    public static String kubeconfig(String serverUrl) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kubeboot
                  cluster:
                    server: %s
                users:
                - name: admin
                  user: {}
                contexts:
                - name: kubeboot
                  context:
                    cluster: kubeboot
                    user: admin
                    namespace: default
                current-context: kubeboot
                """.formatted(serverUrl);
    }

    public static String binary() {
        String env = System.getenv("KUBECTL");
        return env != null && !env.isBlank() ? env : "/usr/bin/kubectl";
    }

    /** Whether kubectl is installed; tests that need it skip (and say so) when it is not. */
    public static boolean available() {
        return Files.isExecutable(Path.of(binary()));
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public Result run(String... args) {
        return runWithInput(null, args);
    }

    public Result runWithInput(String stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString(), "--request-timeout", "30s"));
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("KUBECONFIG", kubeconfig.toString());
            pb.environment().put("HOME", cacheDir.getParent().toString());
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl timed out: " + cmd);
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a long-running kubectl (e.g. {@code get -w}); the caller reads and destroys it. */
    public Process start(Path output, String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString()));
        cmd.addAll(List.of(args));
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
