package io.kubeboot.apiserver.podlogs;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream's TestCheckLogLocation cases (pkg/registry/core/pod/strategy_test.go), plus address selection. */
class LogLocationTest {
    static final List<String> PREFERRED = List.of("InternalIP", "Hostname", "InternalDNS", "ExternalDNS", "ExternalIP");

    static JsonNode pod(String spec) {
        return parse(("{\"metadata\":{\"name\":\"test\",\"namespace\":\"ns\"},\"spec\":" + spec + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static JsonNode parse(byte[] b) {
        try {
            return Json.parse(b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Case(String name, String spec, String requested, String expected, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> containers() {
        return Stream.of(
                new Case("simple", "{\"containers\":[{\"name\":\"mycontainer\"}]}", "", "mycontainer", null),
                new Case("no containers", "{}", "", null, "a container name must be specified for pod test"),
                new Case("two containers", "{\"containers\":[{\"name\":\"container1\"},{\"name\":\"container2\"}]}", "", null,
                        "a container name must be specified for pod test, choose one of: [container1 container2]"),
                new Case("initcontainers", "{\"containers\":[{\"name\":\"container1\"},{\"name\":\"container2\"}],"
                        + "\"initContainers\":[{\"name\":\"initcontainer1\"}]}", "", null,
                        "a container name must be specified for pod test, choose one of: [initcontainer1 container1 container2]"),
                new Case("ephemeral", "{\"containers\":[{\"name\":\"container1\"},{\"name\":\"container2\"}],"
                        + "\"initContainers\":[{\"name\":\"initcontainer1\"}],\"ephemeralContainers\":[{\"name\":\"debugger\"}]}", "", null,
                        "a container name must be specified for pod test, choose one of: [initcontainer1 container1 container2 debugger]"),
                new Case("bad container", "{\"containers\":[{\"name\":\"container1\"},{\"name\":\"container2\"}]}", "unknown", null,
                        "container unknown is not valid for pod test"),
                new Case("good with two containers", "{\"containers\":[{\"name\":\"container1\"},{\"name\":\"container2\"}]}",
                        "container2", "container2", null),
                new Case("an init container by name", "{\"containers\":[{\"name\":\"a\"}],\"initContainers\":[{\"name\":\"init\"}]}",
                        "init", "init", null),
                new Case("only container even with default-container annotation elsewhere",
                        "{\"containers\":[{\"name\":\"only\"}]}", null, "only", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void defaultsAndChecksTheContainer(Case c) {
        if (c.error() == null) {
            assertThat(LogLocation.container(pod(c.spec()), c.requested())).isEqualTo(c.expected());
            return;
        }
        assertThatThrownBy(() -> LogLocation.container(pod(c.spec()), c.requested()))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).isEqualTo(c.error());
                });
    }

    @Test
    void theDefaultContainerAnnotationIsKubectlsNotTheServers() {
        JsonNode p = parse(("{\"metadata\":{\"name\":\"test\",\"annotations\":{\"kubectl.kubernetes.io/default-container\":\"b\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LogLocation.container(p, "")).hasMessage(
                "a container name must be specified for pod test, choose one of: [a b]");
    }

    static JsonNode node(String status) {
        return parse(("{\"metadata\":{\"name\":\"n1\"},\"status\":" + status + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void endpointTakesThePreferredAddressTypeAndThePublishedPort() {
        JsonNode n = node("{\"addresses\":[{\"type\":\"Hostname\",\"address\":\"box\"},{\"type\":\"InternalIP\",\"address\":\"127.0.0.2\"}],"
                + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":12345}}}");
        assertThat(LogLocation.endpoint(n, PREFERRED)).isEqualTo(new LogLocation.Endpoint("127.0.0.2", 12345));
        assertThat(LogLocation.endpoint(n, List.of("Hostname", "InternalIP"))).isEqualTo(new LogLocation.Endpoint("box", 12345));
    }

    @Test
    void endpointWithoutPortUsesTheKubeletDefault() {
        JsonNode n = node("{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"}]}");
        assertThat(LogLocation.endpoint(n, PREFERRED).port()).isEqualTo(10250);
    }

    @Test
    void endpointWithoutAMatchingAddressIsUpstreamsNoMatchError() {
        JsonNode n = node("{\"addresses\":[{\"type\":\"ExternalIP\",\"address\":\"1.2.3.4\"}]}");
        assertThatThrownBy(() -> LogLocation.endpoint(n, List.of("InternalIP")))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.getMessage()).isEqualTo("no preferred addresses found; known addresses: [{ExternalIP 1.2.3.4}]");
                });
    }

    @Test
    void urlCarriesTheOptionsInGoEncodeOrder() {
        PodLogOptions all = new PodLogOptions("c", true, true, 30L, null, true, 5L, 100L, false);
        assertThat(LogLocation.url(new LogLocation.Endpoint("127.0.0.1", 10250), "ns", "p", "c", all))
                .isEqualTo("http://127.0.0.1:10250/containerLogs/ns/p/c?follow=true&limitBytes=100&previous=true"
                        + "&sinceSeconds=30&tailLines=5&timestamps=true");
        PodLogOptions since = new PodLogOptions("c", false, false, null, Instant.parse("2024-01-02T03:04:05.678Z"), false,
                null, null, false);
        assertThat(LogLocation.url(new LogLocation.Endpoint("::1", 1), "ns", "p", "c", since))
                .isEqualTo("http://[::1]:1/containerLogs/ns/p/c?sinceTime=2024-01-02T03%3A04%3A05Z");
        assertThat(LogLocation.url(new LogLocation.Endpoint("127.0.0.1", 1), "ns", "p", "c",
                new PodLogOptions("", false, false, null, null, false, null, null, true)))
                .isEqualTo("http://127.0.0.1:1/containerLogs/ns/p/c");
    }
}
