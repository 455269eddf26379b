package io.kubeboot.apiserver.config;

import redis.embedded.RedisServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The quick start's Redis as a process of its own: embedded-redis's bundled server with AOF on, bound
 * to loopback, until SIGTERM. {@code ./kubeboot up} runs it when no Redis is configured, so that
 * apiserver replicas (and restarts) share one store.
 *
 * <p>Usage: {@code EmbeddedRedisMain <port> <data-dir>}.
 */
public final class EmbeddedRedisMain {
    private EmbeddedRedisMain() {
    }

    /** Starts the bundled redis-server on loopback with AOF in {@code dir}; the caller stops it. */
    public static RedisServer start(int port, Path dir) throws java.io.IOException {
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs);
        RedisServer server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("appendonly yes")
                .setting("appendfsync everysec")
                .setting("dir " + abs)
                .setting("save \"\"")
                .build();
        server.start();
        return server;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]).toAbsolutePath();
        RedisServer server = start(port, dir);
        System.out.println("embedded Redis on 127.0.0.1:" + port + " with AOF in " + dir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("stopping Redis: " + e);
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
