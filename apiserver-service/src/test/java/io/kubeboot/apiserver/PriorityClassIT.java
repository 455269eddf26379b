package io.kubeboot.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PriorityClasses over HTTP: the built-in classes exist from start, and a pod's priority comes from
 * its class through the Priority admission plugin. Admission reads PriorityClasses from the watch
 * cache, as upstream reads them from an informer, so a test waits for a new class to show in a
 * cache-served list ({@code resourceVersion=0}) before it creates pods that use it.
 */
class PriorityClassIT extends ApiServerITBase {
    static final String PCS = "/apis/scheduling.k8s.io/v1/priorityclasses";
    static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"%s\"},"
            + "\"spec\":{%s\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}";

    String ns;

    @BeforeEach
    void setUp() {
        ns = createNamespace("prio");
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.parse(r.body().getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String createClass(String prefix, int value, String extra) {
        String name = uniqueName(prefix);
        HttpResponse<String> r = postJson(PCS, "{\"apiVersion\":\"scheduling.k8s.io/v1\",\"kind\":\"PriorityClass\","
                + "\"metadata\":{\"name\":\"" + name + "\"},\"value\":" + value + extra + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        awaitCached(name, true);
        return name;
    }

    private void awaitCached(String name, boolean present) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            boolean found = false;
            for (JsonNode item : json(get(PCS + "?resourceVersion=0")).path("items")) {
                found |= item.path("metadata").path("name").asText().equals(name);
            }
            return found == present;
        });
    }

    private HttpResponse<String> createPod(String name, String specFields) {
        return postJson("/api/v1/namespaces/" + ns + "/pods", POD.formatted(name, specFields));
    }

    @ParameterizedTest
    @CsvSource({
            "system-node-critical,2000001000,Used for system critical pods that must not be moved from their current node.",
            "system-cluster-critical,2000000000,'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'"})
    void builtInClassesExistAndCannotBeDeleted(String name, int value, String description) {
        JsonNode pc = json(get(PCS + "/" + name));
        assertThat(pc.path("value").asInt()).isEqualTo(value);
        assertThat(pc.path("description").asText()).isEqualTo(description);
        assertThat(pc.path("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
        assertThat(pc.path("globalDefault").asBoolean(false)).isFalse();
        assertThat(pc.path("metadata").path("generation").asLong()).isEqualTo(1);

        HttpResponse<String> delete = send("DELETE", PCS + "/" + name, null, null);
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(403);
        assertThat(json(delete).path("message").asText()).isEqualTo("priorityclasses.scheduling.k8s.io \"" + name
                + "\" is forbidden: this is a system priority class and cannot be deleted");
        assertThat(get(PCS + "/" + name).statusCode()).isEqualTo(200);
    }

    @Test
    void podTakesPriorityAndPreemptionPolicyFromItsClass() {
        String pcName = createClass("high", 1000, ",\"preemptionPolicy\":\"Never\"");
        HttpResponse<String> r = createPod("p", "\"priorityClassName\":\"" + pcName + "\",");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode spec = json(r).path("spec");
        assertThat(spec.path("priority").asInt()).isEqualTo(1000);
        assertThat(spec.path("preemptionPolicy").asText()).isEqualTo("Never");
        assertThat(json(get("/api/v1/namespaces/" + ns + "/pods/p")).path("spec").path("priority").asInt()).isEqualTo(1000);
    }

    @Test
    void systemClassesResolveInAnyNamespace() {
        HttpResponse<String> r = createPod("critical", "\"priorityClassName\":\"system-cluster-critical\",");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("spec").path("priority").asInt()).isEqualTo(2_000_000_000);
    }

    @Test
    void podWithoutClassGetsPriorityZero() {
        HttpResponse<String> r = createPod("plain", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode spec = json(r).path("spec");
        assertThat(spec.path("priority").asInt(-1)).isZero();
        assertThat(spec.path("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
        assertThat(spec.has("priorityClassName")).isFalse();
    }

    @Test
    void unknownClassIsForbidden() {
        HttpResponse<String> r = createPod("orphan", "\"priorityClassName\":\"no-such-class\",");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        JsonNode status = json(r);
        assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
        assertThat(status.path("message").asText())
                .isEqualTo("pods \"orphan\" is forbidden: no PriorityClass with name no-such-class was found");
        assertThat(get("/api/v1/namespaces/" + ns + "/pods/orphan").statusCode()).isEqualTo(404);
    }

    @Test
    void priorityDifferingFromTheClassIsForbidden() {
        String pcName = createClass("mid", 500, "");
        HttpResponse<String> r = createPod("liar", "\"priorityClassName\":\"" + pcName + "\",\"priority\":7,");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(json(r).path("message").asText()).isEqualTo("pods \"liar\" is forbidden: the integer value of "
                + "priority (7) must not be provided in pod spec; priority admission controller computed 500 from the "
                + "given PriorityClass name");
    }

    /** The global default class applies to every later pod of the cluster, so it is removed at once. */
    @Test
    void globalDefaultClassAppliesToPodsWithoutClassAndIsUnique() {
        String def = createClass("default", 42, ",\"globalDefault\":true");
        try {
            HttpResponse<String> r = createPod("defaulted", "");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(json(r).path("spec").path("priority").asInt()).isEqualTo(42);
            assertThat(json(r).path("spec").path("priorityClassName").asText()).isEqualTo(def);

            String second = uniqueName("second");
            HttpResponse<String> dup = postJson(PCS, "{\"apiVersion\":\"scheduling.k8s.io/v1\",\"kind\":\"PriorityClass\","
                    + "\"metadata\":{\"name\":\"" + second + "\"},\"value\":1,\"globalDefault\":true}");
            assertThat(dup.statusCode()).as(dup.body()).isEqualTo(403);
            assertThat(json(dup).path("message").asText()).isEqualTo("priorityclasses.scheduling.k8s.io \"" + second
                    + "\" is forbidden: PriorityClass " + def + " is already marked as default. Only one default can exist");
        } finally {
            assertThat(send("DELETE", PCS + "/" + def, null, null).statusCode()).isEqualTo(200);
            awaitCached(def, false);
        }
    }

    @Test
    void aClassThatStopsBeingTheDefaultStopsApplying() {
        String def = createClass("was-default", 42, ",\"globalDefault\":true");
        try {
            HttpResponse<String> first = createPod("while-default", "");
            assertThat(json(first).path("spec").path("priority").asInt()).as(first.body()).isEqualTo(42);

            HttpResponse<String> patched = send("PATCH", PCS + "/" + def, "application/merge-patch+json",
                    "{\"globalDefault\":false}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (JsonNode item : json(get(PCS + "?resourceVersion=0")).path("items")) {
                    if (item.path("metadata").path("name").asText().equals(def)) {
                        return !item.path("globalDefault").asBoolean(false);
                    }
                }
                return false;
            });

            // admission decoded the class once while it was the default; the new version must replace it
            HttpResponse<String> after = createPod("after-default", "");
            assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
            assertThat(json(after).path("spec").path("priority").asInt(-1)).isZero();
            assertThat(json(after).path("spec").has("priorityClassName")).isFalse();
        } finally {
            assertThat(send("DELETE", PCS + "/" + def, null, null).statusCode()).isEqualTo(200);
            awaitCached(def, false);
        }
    }
}
