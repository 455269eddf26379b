package io.kubeboot.testkit;

import java.time.Duration;

/**
 * The real apiserver for the ITs of modules that talk to it (controller runtime, scheduler, controllers, node
 * agent): the apiserver-service artifact on the test class path (a test-scoped dependency; the Spring Boot jar
 * after {@code package}, or its classes folder in an IDE) started as its own JVM ({@link ServiceProcess}) over a
 * real redis-server from the test kit. One per test JVM, started on first use, killed at JVM exit. Its log goes to
 * {@code target/apiserver-it.log}.
 */
public final class ApiServerProcess {
    private static ApiServerProcess instance;

    private final RedisServerProcess redis;
    private final ServiceProcess process;
    private final int port;

    private ApiServerProcess() {
        this.redis = RedisServerProcess.started();
        this.port = Ports.free();
        this.process = ServiceProcess.builder("apiserver-it", "apiserver-service")
                .mainClassFallback("io.kubeboot.apiserver.ApiServerApplication")
                .args("--server.port=" + port, "--kubeboot.store.url=" + redis.url(),
                        "--kubeboot.apiserver.compaction-interval=0s")
                .healthUrl(url() + "/readyz")
                .startTimeout(Duration.ofSeconds(90))
                .launch();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.kill();
            redis.kill();
        }));
        process.awaitHealthy();
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
}
