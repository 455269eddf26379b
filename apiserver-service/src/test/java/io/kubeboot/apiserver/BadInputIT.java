package io.kubeboot.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets the Kubernetes answer: a Status with the right code and reason, never a 500, and
 * the store is left unchanged.
 */
class BadInputIT extends ApiServerITBase {
    String ns;

    @BeforeEach
    void setUp() {
        ns = createNamespace("bad");
    }

    record Case(String name, String method, String path, String contentType, String body, int code, String reason,
                String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"%s\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}";

    static Stream<Arguments> cases() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        return Stream.of(
                new Case("malformed JSON", "POST", "/api/v1/namespaces/NS/pods", "application/json", "{\"apiVersion\":", 400, "BadRequest", "json parse error"),
                new Case("not an object", "POST", "/api/v1/namespaces/NS/pods", "application/json", "[1,2]", 400, "BadRequest", ""),
                new Case("wrong apiVersion", "POST", "/api/v1/namespaces/NS/pods", "application/json",
                        POD.formatted("a").replace("\"v1\"", "\"apps/v1\""), 400, "BadRequest", "does not match the expected API version"),
                new Case("kind not matching URL", "POST", "/api/v1/namespaces/NS/pods", "application/json",
                        POD.formatted("a").replace("\"Pod\"", "\"Service\""), 400, "BadRequest", "Service"),
                new Case("missing kind", "POST", "/api/v1/namespaces/NS/configmaps", "application/json",
                        "{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}", 400, "BadRequest", "Kind"),
                new Case("namespace not matching URL", "POST", "/api/v1/namespaces/NS/configmaps", "application/json",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"namespace\":\"other\"}}",
                        400, "BadRequest", "does not match the namespace"),
                new Case("invalid name", "POST", "/api/v1/namespaces/NS/configmaps", "application/json",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Bad_Name\"}}",
                        422, "Invalid", "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\""),
                new Case("missing name", "POST", "/api/v1/namespaces/NS/configmaps", "application/json",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}", 422, "Invalid", "metadata.name: Required value"),
                new Case("deeply nested JSON", "POST", "/api/v1/namespaces/NS/configmaps", "application/json", deep, 400, "BadRequest", ""),
                new Case("unknown field with Strict", "POST", "/api/v1/namespaces/NS/configmaps?fieldValidation=Strict", "application/json",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"},\"bogus\":1}",
                        400, "BadRequest", "strict decoding error: unknown field \"bogus\""),
                new Case("unknown field with Strict on namespace finalize", "PUT", "/api/v1/namespaces/NS/finalize?fieldValidation=Strict",
                        "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"NS\"},"
                                + "\"spec\":{\"finalizers\":[],\"bogus\":1}}",
                        400, "BadRequest", "strict decoding error: unknown field \"spec.bogus\""),
                new Case("bad label selector", "GET", "/api/v1/namespaces/NS/pods?labelSelector=a%20b", null, null, 400, "BadRequest", ""),
                new Case("bad field selector", "GET", "/api/v1/namespaces/NS/pods?fieldSelector=spec.bogus%3Dx", null, null,
                        400, "BadRequest", "field label not supported: spec.bogus"),
                new Case("bad patch document", "PATCH", "/api/v1/namespaces/NS/configmaps/exists", "application/merge-patch+json",
                        "{not json", 400, "BadRequest", ""),
                new Case("bad json patch op", "PATCH", "/api/v1/namespaces/NS/configmaps/exists", "application/json-patch+json",
                        "[{\"op\":\"frobnicate\",\"path\":\"/data\"}]", 0, "", ""),
                new Case("unsupported media type", "POST", "/api/v1/namespaces/NS/configmaps", "text/plain", "hello", 415, "UnsupportedMediaType", ""),
                new Case("missing namespace", "POST", "/api/v1/namespaces/does-not-exist/configmaps", "application/json",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}", 404, "NotFound", "namespaces \"does-not-exist\" not found"),
                new Case("unknown resource", "GET", "/api/v1/namespaces/NS/widgets", null, null, 404, "NotFound", ""),
                new Case("negative replicas", "POST", "/apis/apps/v1/namespaces/NS/deployments", "application/json",
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":-1,"
                                + "\"selector\":{\"matchLabels\":{\"a\":\"b\"}},\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},"
                                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}}}",
                        422, "Invalid", "spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
                new Case("selector not matching template", "POST", "/apis/apps/v1/namespaces/NS/deployments", "application/json",
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"},\"spec\":{"
                                + "\"selector\":{\"matchLabels\":{\"a\":\"b\"}},\"template\":{\"metadata\":{\"labels\":{\"a\":\"c\"}},"
                                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}}}",
                        422, "Invalid", "`selector` does not match template `labels`")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithAStatusAndChangesNothing(Case c) throws Exception {
        postJson("/api/v1/namespaces/" + ns + "/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"exists\"},\"data\":{\"k\":\"v\"}}");
        String before = get("/api/v1/namespaces/" + ns + "/configmaps").body();
        long revisionBefore = Json.parse(before.getBytes()).path("metadata").path("resourceVersion").asLong();

        HttpResponse<String> r = send(c.method(), c.path().replace("NS", ns), c.contentType(), c.body());
        assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        if (c.code() != 0) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(c.code());
        }
        JsonNode status = Json.parse(r.body().getBytes());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(status.path("status").asText()).isEqualTo("Failure");
        assertThat(status.path("code").asInt()).isEqualTo(r.statusCode());
        if (!c.reason().isEmpty()) {
            assertThat(status.path("reason").asText()).isEqualTo(c.reason());
        }
        assertThat(status.path("message").asText()).contains(c.messagePart());
        if (c.code() == 422) {
            assertThat(status.path("details").path("causes").size()).isPositive();
            assertThat(status.path("details").path("causes").get(0).path("field").asText()).isNotEmpty();
        }

        String after = get("/api/v1/namespaces/" + ns + "/configmaps").body();
        assertThat(Json.parse(after.getBytes()).path("items")).isEqualTo(Json.parse(before.getBytes()).path("items"));
        assertThat(Json.parse(get("/apis/apps/v1/namespaces/" + ns + "/deployments").body().getBytes()).path("items").size()).isZero();
        assertThat(Json.parse(get("/api/v1/namespaces/" + ns + "/pods").body().getBytes()).path("items").size()).isZero();
        assertThat(revisionBefore).isPositive();
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void bodiesOverThreeMebibytesGet413() {
        String big = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\""
                + "x".repeat(10 * 1024 * 1024) + "\"}}";
        HttpResponse<String> r = postJson("/api/v1/namespaces/" + ns + "/configmaps", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("\"reason\":\"RequestEntityTooLarge\"");
        assertThat(get("/api/v1/namespaces/" + ns + "/configmaps/big").statusCode()).isEqualTo(404);
    }

    @Test
    void notFoundAndAlreadyExistAreKubernetesStatuses() throws Exception {
        HttpResponse<String> missing = get("/api/v1/namespaces/" + ns + "/pods/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode s = Json.parse(missing.body().getBytes());
        assertThat(s.path("message").asText()).isEqualTo("pods \"nope\" not found");
        assertThat(s.path("details").path("name").asText()).isEqualTo("nope");
        assertThat(s.path("details").path("kind").asText()).isEqualTo("pods");
        assertThat(postJson("/api/v1/namespaces/" + ns + "/pods", POD.formatted("p")).statusCode()).isEqualTo(201);
        HttpResponse<String> dup = postJson("/api/v1/namespaces/" + ns + "/pods", POD.formatted("p"));
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(Json.parse(dup.body().getBytes()).path("reason").asText()).isEqualTo("AlreadyExists");
    }
}
