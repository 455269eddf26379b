package io.kubeboot.runtime.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request timeout of {@link KubeClients}' clients over real HTTP (a loopback server that answers late or never):
 * a plain request fails when its response does not come within the timeout; a watch waits for its response however
 * long it takes.
 */
class RequestTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private KubernetesClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/namespaces/default/pods", this::pods);
        server.start();
        client = KubeClients.create(ClientSettings.defaults()
                .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort()).withRequestTimeout(TIMEOUT));
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        server.stop(0);
    }

    /** Lists never get an answer; a watch gets its response late, with one event. */
    private void pods(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getQuery();
            if (exchange.getRequestHeaders().containsKey("Upgrade")) {
                // no WebSocket here: fabric8 falls back to a plain HTTP watch
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (query != null && query.contains("watch=true")) {
                // Vert.x's timer runs until the response's head arrives (as fabric8's did): a watch whose head comes
                // after four timeouts shows that streams have none
                sleep(TIMEOUT.multipliedBy(4));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                OutputStream body = exchange.getResponseBody();
                body.write(("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
                        + "{\"name\":\"late\",\"namespace\":\"default\",\"resourceVersion\":\"7\"}}}\n").getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRequestTheServerDoesNotAnswerFailsAfterTheTimeout() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> client.pods().inNamespace("default").list()).isInstanceOf(KubernetesClientException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aWatchOutlivesTheTimeout() throws Exception {
        CountDownLatch added = new CountDownLatch(1);
        AtomicReference<Object> closed = new AtomicReference<>();
        AtomicReference<String> name = new AtomicReference<>();
        try (Watch ignored = client.pods().inNamespace("default").watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                name.set(pod.getMetadata().getName());
                added.countDown();
            }

            @Override
            public void onClose(WatcherException cause) {
                closed.set(cause);
            }
        })) {
            assertThat(added.await(10, TimeUnit.SECONDS)).as("event of a watch answered after 4 timeouts").isTrue();
            assertThat(name.get()).isEqualTo("late");
            assertThat(closed.get()).isNull();
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
