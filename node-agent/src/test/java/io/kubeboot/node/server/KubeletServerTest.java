package io.kubeboot.node.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.node.runtime.ContainerStatus.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The kubelet HTTP API bound to a scripted runtime and pod list (no network). */
class KubeletServerTest {
    final ScriptedContainerRuntime runtime = new ScriptedContainerRuntime()
            .container("c0", "ns", "web", "u1", "app", 0, State.EXITED, "old 1", "old 2")
            .container("c1", "ns", "web", "u1", "app", 1, State.RUNNING, "one", "two", "three");
    final Pod web = new PodBuilder().withNewMetadata().withNamespace("ns").withName("web").withUid("u1").endMetadata()
            .withNewSpec().addNewContainer().withName("app").endContainer().endSpec().build();
    final KubeletServer server = new KubeletServer(() -> List.of(runtime), () -> List.of(() -> List.of(web)), Clock.systemUTC());
    final WebTestClient client = WebTestClient.bindToController(server).build();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void healthz() {
        client.get().uri("/healthz").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("ok");
    }

    @Test
    void podsIsAPodList() {
        String body = client.get().uri("/pods").exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("\"kind\":\"PodList\"", "\"apiVersion\":\"v1\"", "\"name\":\"web\"");
    }

    @Test
    void logsOfTheRunningAttemptWithOptions() {
        client.get().uri("/containerLogs/ns/web/app?tailLines=2").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).isEqualTo("two\nthree\n");
        assertThat(runtime.logCalls.get(0).getKey()).isEqualTo("c1");
        assertThat(runtime.logCalls.get(0).getValue().tailLines()).isEqualTo(2L);
    }

    @Test
    void previousReadsTheEarlierAttempt() {
        client.get().uri("/containerLogs/ns/web/app?previous=true").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("old 1\nold 2\n");
    }

    @Test
    void followStreamsAsTheRuntimeWrites() {
        Flux<String> body = client.get().uri("/containerLogs/ns/web/app?follow=true").exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseBody().map(b -> new String(b, StandardCharsets.UTF_8));
        StringBuffer seen = new StringBuffer();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        body.doOnComplete(() -> done.set(true)).subscribe(seen::append);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.toString().equals("one\ntwo\nthree\n"));
        runtime.append("c1", "four");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.toString().endsWith("three\nfour\n"));
        assertThat(done).isFalse();
        runtime.endFollow("c1");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(done);
    }

    @Test
    void errorsArePlainTextWithUpstreamCodes() {
        client.get().uri("/containerLogs/ns/nope/app").exchange().expectStatus().isNotFound()
                .expectBody(String.class).isEqualTo("pod \"nope\" does not exist");
        client.get().uri("/containerLogs/ns/web/zzz").exchange().expectStatus().isNotFound()
                .expectBody(String.class).isEqualTo("container \"zzz\" not found in pod \"web\"");
        client.get().uri("/containerLogs/ns/web/app?tailLines=-1").exchange().expectStatus().isEqualTo(422)
                .expectBody(String.class).isEqualTo("{\"message\": \"Invalid request.\"}");
        client.get().uri("/containerLogs/ns/web/app?limitBytes=x").exchange().expectStatus().isBadRequest();
    }

    @Test
    void noRuntimeIs503() {
        KubeletServer none = new KubeletServer(List::of, List::of, Clock.systemUTC());
        try {
            WebTestClient.bindToController(none).build().get().uri("/containerLogs/ns/web/app").exchange()
                    .expectStatus().isEqualTo(503);
        } finally {
            none.close();
        }
    }
}
