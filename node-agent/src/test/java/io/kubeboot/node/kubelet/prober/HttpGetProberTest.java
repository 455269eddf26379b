package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream pkg/probe/http http_test.go (TestHTTPProbeChecker, redirects, headers) against a server on 127.0.0.1. */
class HttpGetProberTest {
    private static final Container CONTAINER = new ContainerBuilder().withName("c").build();
    private LocalHttpServer server;
    private final HttpGetProber prober = new HttpGetProber();

    @BeforeEach
    void start() throws IOException {
        server = new LocalHttpServer()
                .on("/ok", LocalHttpServer.status(200, "ok body"))
                .on("/bad", LocalHttpServer.status(400, "secret body"))
                .on("/error", LocalHttpServer.status(500, "secret body"))
                .on("/redirect-same", LocalHttpServer.redirect(301, "/ok"))
                .on("/redirect-same-fail", LocalHttpServer.redirect(302, "/error"))
                .on("/redirect-other", LocalHttpServer.redirect(302, "http://other.invalid:1234/ok"))
                .on("/redirect-loop", LocalHttpServer.redirect(302, "/redirect-loop"))
                .on("/slow", exchange -> {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    LocalHttpServer.status(200, "late").handle(exchange);
                });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpGetProber.Request request(String path) {
        HTTPGetAction action = new HTTPGetActionBuilder().withPath(path).withPort(new IntOrString(server.port())).build();
        return HttpGetProber.request(action, CONTAINER, List.of("127.0.0.1"), false, "probe");
    }

    private record Case(String path, ProbeOutcome.Result result, String output) {
    }

    @Test
    void statusCodesAndRedirects() {
        String base = "http://127.0.0.1:" + server.port();
        List<Case> cases = List.of(
                new Case("/ok", ProbeOutcome.Result.SUCCESS, "ok body"),
                new Case("/bad", ProbeOutcome.Result.FAILURE, "HTTP probe failed with statuscode: 400"),
                new Case("/error", ProbeOutcome.Result.FAILURE, "HTTP probe failed with statuscode: 500"),
                new Case("/redirect-same", ProbeOutcome.Result.SUCCESS, "ok body"),
                new Case("/redirect-same-fail", ProbeOutcome.Result.FAILURE, "HTTP probe failed with statuscode: 500"),
                new Case("/redirect-other", ProbeOutcome.Result.WARNING, "Probe terminated redirects, Response body: "),
                new Case("/redirect-loop", ProbeOutcome.Result.FAILURE, "Get \"" + base + "/redirect-loop\": stopped after 10 redirects"),
                new Case("/missing", ProbeOutcome.Result.FAILURE, "HTTP probe failed with statuscode: 404"));
        for (Case c : cases) {
            assertThat(prober.probe(request(c.path()), Duration.ofSeconds(2))).as(c.path())
                    .isEqualTo(new ProbeOutcome(c.result(), c.output()));
        }
        // the other host of the redirect was never contacted: every request reached this server
        assertThat(server.seen).allSatisfy(s -> assertThat(s.path()).doesNotContain("other.invalid"));
    }

    @Test
    void headersAsUpstream() {
        HTTPGetAction action = new HTTPGetActionBuilder().withPath("/ok").withPort(new IntOrString(server.port()))
                .addNewHttpHeader().withName("X-Custom").withValue("yes").endHttpHeader()
                .addNewHttpHeader().withName("Host").withValue("example.test").endHttpHeader().build();
        prober.probe(HttpGetProber.request(action, CONTAINER, List.of("127.0.0.1"), false, "probe"), Duration.ofSeconds(2));
        LocalHttpServer.Seen seen = server.seen.get(0);
        assertThat(seen.headers().get("User-agent")).containsExactly("kube-probe/1.32");
        assertThat(seen.headers().get("Accept")).containsExactly("*/*");
        assertThat(seen.headers().get("X-custom")).containsExactly("yes");
        assertThat(seen.headers().get("Host")).containsExactly("example.test");
    }

    @Test
    void connectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HTTPGetAction action = new HTTPGetActionBuilder().withPath("/healthz").withPort(new IntOrString(port)).build();
        ProbeOutcome outcome = prober.probe(HttpGetProber.request(action, CONTAINER, List.of("127.0.0.1"), false, "probe"), Duration.ofSeconds(1));
        assertThat(outcome).isEqualTo(ProbeOutcome.failure("Get \"http://127.0.0.1:" + port + "/healthz\": dial tcp 127.0.0.1:"
                + port + ": connect: connection refused"));
    }

    @Test
    void timeout() {
        ProbeOutcome outcome = prober.probe(request("/slow"), Duration.ofMillis(300));
        assertThat(outcome).isEqualTo(ProbeOutcome.failure("Get \"http://127.0.0.1:" + server.port()
                + "/slow\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"));
    }

    @Test
    void namedPortAndSchemeAreResolved() {
        Container withPort = new ContainerBuilder().withName("c").addNewPort().withName("http").withContainerPort(8080).endPort().build();
        HTTPGetAction action = new HTTPGetActionBuilder().withScheme("HTTPS").withPath("healthz").withPort(new IntOrString("http")).build();
        HttpGetProber.Request r = HttpGetProber.request(action, withPort, List.of("10.244.1.5"), false, "probe");
        assertThat(r.url()).isEqualTo("https://10.244.1.5:8080/healthz");
    }
}
