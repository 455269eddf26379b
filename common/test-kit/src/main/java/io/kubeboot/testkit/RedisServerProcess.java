package io.kubeboot.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port with its own data folder, for tests that
 * need the store's real backend (Lua, streams, AOF). Needs {@code redis-server} on the PATH (Debian's
 * package; .ci/run installs it). {@link #kill()} is {@code kill -9}; {@link #start()} again reuses the
 * same folder and port, so AOF recovery can be tested.
 *
 * <p>Not thread safe; one owner per instance.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final boolean appendOnly;
    private final List<String> extraArgs;
    private Process process;

    public RedisServerProcess(boolean appendOnly) {
        this(appendOnly, List.of());
    }

    /** With extra redis-server arguments, e.g. {@code --cluster-enabled yes}. */
    public RedisServerProcess(boolean appendOnly, List<String> extraArgs) {
        this.extraArgs = List.copyOf(extraArgs);
        try {
            this.dir = Files.createTempDirectory("kubeboot-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = Ports.free();
        this.appendOnly = appendOnly;
    }

    /** Starts a server with AOF on, as the store's durability contract assumes. */
    public static RedisServerProcess started() {
        RedisServerProcess r = new RedisServerProcess(true);
        r.start();
        Runtime.getRuntime().addShutdownHook(new Thread(r::kill));
        return r;
    }

    public RedisServerProcess start() {
        List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--protected-mode", "yes", "--daemonize", "no",
                "--loglevel", "warning"));
        if (appendOnly) {
            cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "everysec"));
        }
        cmd.addAll(extraArgs);
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (is it installed?)", e);
        }
        waitUntilListening(Duration.ofSeconds(20));
        return this;
    }

    /** $KUBEBOOT_REDIS_SERVER, else redis-server on the PATH, else the binary bundled with embedded-redis. */
    private static String binary() {
        String fromEnv = System.getenv("KUBEBOOT_REDIS_SERVER");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "redis-server"))) {
                return Path.of(dir, "redis-server").toString();
            }
        }
        try {
            return redis.embedded.core.ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("no redis-server on the PATH and the bundled one cannot be extracted", e);
        }
    }

    private void waitUntilListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + dir.resolve("redis.log"));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("PING\r\n".getBytes());
                byte[] buf = new byte[7];
                int n = s.getInputStream().read(buf);
                if (n > 0 && new String(buf, 0, n).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting (or loading the AOF: it answers -LOADING until done)
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port);
    }

    /** {@code kill -9}: no shutdown save, no AOF rewrite; only what reached the AOF file survives. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        kill();
    }
}
