package io.kubeboot.testkit;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whether the tests that run real containers can run: a Docker Engine answering on the local socket. Without one
 * they are skipped with a message saying how to start it (as kubectl tests skip without kubectl), so the test
 * command works on a machine without Docker; with {@code KUBEBOOT_REQUIRE_DOCKER=1} (CI sets it, after starting the
 * engine) a missing engine fails them instead, so they can never pass by being skipped there.
 */
public final class DockerEngine {
    public static final String REQUIRE_ENV = "KUBEBOOT_REQUIRE_DOCKER";
    static final Path SOCKET = Path.of("/var/run/docker.sock");
    private static Boolean available;

    private DockerEngine() {
    }

    /** Skips (or, under {@value #REQUIRE_ENV}=1, fails) the calling test when no engine answers. */
    public static void require() {
        if (available()) {
            return;
        }
        String message = "no Docker Engine answers on " + SOCKET + ": start it with `sudo docker/engine.sh start`"
                + " (needs Debian's docker.io, docker-registry and busybox-static)";
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            throw new IllegalStateException(message + "; " + REQUIRE_ENV + "=1 makes this a failure");
        }
        Assumptions.abort(message + "; skipped");
    }

    /** Whether `docker info` succeeds (checked once per JVM). */
    public static synchronized boolean available() {
        if (available == null) {
            available = Files.exists(SOCKET) && dockerInfoSucceeds();
        }
        return available;
    }

    private static boolean dockerInfoSucceeds() {
        try {
            Process p = new ProcessBuilder("docker", "info", "--format", "{{.ServerVersion}}")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
