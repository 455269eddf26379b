package io.kubeboot.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents satisfy what kubectl 1.32 reads from them: the index shape of client-go's
 * openapi3 root, GVK extensions on kinds and on PATCH operations (cli-runtime
 * query_param_verifier_v3, kubectl apply's patcher), fieldValidation on every write, and
 * self-contained schemas (every $ref resolves inside its document, as PatchMetaFromOpenAPIV3 and
 * explain require).
 */
class OpenApiV3DocumentsTest {
    private static final OpenApiV3Documents DOCS = new OpenApiV3Documents();

    static Stream<String> groupVersionPaths() {
        return DOCS.groupVersionPaths().stream();
    }

    private static JsonNode doc(String path) throws IOException {
        return Json.parse(DOCS.document(path).orElseThrow());
    }

    @Test
    void indexPointsAtEveryGroupVersionWithItsHash() throws IOException {
        JsonNode index = Json.parse(DOCS.index());

        List<String> expected = BuiltinResources.get().all().stream().map(OpenApiV3Documents::path).distinct().toList();
        assertThat(iterable(index.get("paths").fieldNames())).containsExactlyElementsOf(expected);
        for (String path : expected) {
            assertThat(index.at("/paths/" + path.replace("/", "~1") + "/serverRelativeURL").asText())
                    .isEqualTo("/openapi/v3/" + path + "?hash=" + DOCS.hash(path));
        }
    }

    @ParameterizedTest
    @MethodSource("groupVersionPaths")
    void hashIsTheUpperCaseSha512OfTheDocument(String path) throws Exception {
        byte[] bytes = DOCS.document(path).orElseThrow();

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes)).toUpperCase(Locale.ROOT);
        assertThat(DOCS.hash(path)).isEqualTo(sha).hasSize(128);
    }

    @Test
    void unknownGroupVersionHasNoDocument() {
        assertThat(DOCS.document("apis/example.com/v1")).isEmpty();
        assertThat(DOCS.hash("apis/example.com/v1")).isNull();
    }

    @Test
    void documentsAreDefensiveCopies() {
        byte[] first = DOCS.document("api/v1").orElseThrow();
        first[0] = 'X';

        assertThat(DOCS.document("api/v1").orElseThrow()[0]).isEqualTo((byte) '{');
    }

    @ParameterizedTest
    @MethodSource("groupVersionPaths")
    void documentIsOpenApi3(String path) throws IOException {
        JsonNode doc = doc(path);

        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.at("/components/schemas").size()).isPositive();
        assertThat(doc.get("paths").size()).isPositive();
    }

    @Test
    void everyServedKindAndItsListCarryTheirGvk() throws IOException {
        for (ResourceInfo r : BuiltinResources.get().all()) {
            JsonNode schemas = doc(OpenApiV3Documents.path(r)).at("/components/schemas");
            String prefix = r.group().isEmpty() ? "io.k8s.api.core.v1." : null;
            JsonNode kind = findByGvk(schemas, r.group(), r.version(), r.kind());
            JsonNode list = findByGvk(schemas, r.group(), r.version(), r.listKind());

            assertThat(kind).as("schema with GVK of %s", r.kind()).isNotNull();
            assertThat(list).as("schema with GVK of %s", r.listKind()).isNotNull();
            if (prefix != null) {
                assertThat(schemas.has(prefix + r.kind())).as(r.kind()).isTrue();
            }
        }
    }

    @Test
    void everyServedKindHasAPatchOperationWithItsGvkAndStrategicMergePatch() throws IOException {
        for (ResourceInfo r : BuiltinResources.get().all()) {
            JsonNode paths = doc(OpenApiV3Documents.path(r)).get("paths");
            List<JsonNode> patches = new ArrayList<>();
            for (JsonNode item : paths) {
                JsonNode patch = item.get("patch");
                if (patch != null && gvkIs(patch.get("x-kubernetes-group-version-kind"), r.group(), r.version(), r.kind())) {
                    patches.add(patch);
                }
            }
            assertThat(patches).as("PATCH operations of %s", r.kind()).isNotEmpty();
            for (JsonNode patch : patches) {
                assertThat(patch.at("/requestBody/content").has("application/strategic-merge-patch+json")).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("groupVersionPaths")
    void everyWriteOperationDeclaresFieldValidationDryRunAndFieldManager(String path) throws IOException {
        int writes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = doc(path).get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> item = it.next();
            for (String method : List.of("post", "put", "patch")) {
                JsonNode op = item.getValue().get(method);
                if (op == null) {
                    continue;
                }
                writes++;
                List<String> queryParams = new ArrayList<>();
                op.get("parameters").forEach(p -> {
                    if (p.get("in").asText().equals("query")) {
                        queryParams.add(p.get("name").asText());
                    }
                });
                assertThat(queryParams).as("%s %s", method, item.getKey())
                        .contains("fieldValidation", "dryRun", "fieldManager");
            }
        }
        assertThat(writes).isPositive();
    }

    @ParameterizedTest
    @MethodSource("groupVersionPaths")
    void everyRefResolvesWithinItsDocument(String path) throws IOException {
        JsonNode doc = doc(path);
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/components/schemas/");
            assertThat(doc.at("/components/schemas").has(ref.substring("#/components/schemas/".length())))
                    .as("target of %s in %s", ref, path).isTrue();
        }
    }

    @Test
    void apimachineryTypesHaveTheirUpstreamShapes() throws IOException {
        JsonNode schemas = doc("api/v1").at("/components/schemas");

        assertThat(schemas.at("/io.k8s.apimachinery.pkg.api.resource.Quantity/type").asText()).isEqualTo("string");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.util.intstr.IntOrString/type").asText()).isEqualTo("string");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.util.intstr.IntOrString/format").asText())
                .isEqualTo("int-or-string");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.Time/format").asText()).isEqualTo("date-time");
        // fabric8 types creationTimestamp as a String; upstream refers to meta/v1 Time.
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/creationTimestamp/$ref")
                .asText()).isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time");
        assertThat(schemas.at("/io.k8s.api.core.v1.ServicePort/properties/targetPort/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        assertThat(schemas.at("/io.k8s.api.core.v1.ResourceRequirements/properties/limits/additionalProperties/$ref")
                .asText()).isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity");
        assertThat(schemas.at("/io.k8s.api.core.v1.Secret/properties/data/additionalProperties/format").asText())
                .isEqualTo("byte");
        assertThat(schemas.at("/io.k8s.api.core.v1.ContainerPort/properties/containerPort/format").asText())
                .isEqualTo("int32");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions/properties/preconditions/$ref")
                .asText()).isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions");
    }

    /**
     * kubectl apply resolves patch metadata by walking properties and $refs from the kind's schema
     * (strategicpatch.PatchMetaFromOpenAPIV3); the same walk must reach the k8s.io/api struct tags.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "apis/apps/v1, io.k8s.api.apps.v1.Deployment, spec.template.spec.containers, merge, name",
            "apis/apps/v1, io.k8s.api.apps.v1.Deployment, spec.template.spec.containers.ports, merge, containerPort",
            "apis/apps/v1, io.k8s.api.apps.v1.Deployment, spec.template.spec.volumes, 'merge,retainKeys', name",
            "apis/apps/v1, io.k8s.api.apps.v1.Deployment, spec.strategy, retainKeys, ",
            "apis/batch/v1, io.k8s.api.batch.v1.CronJob, spec.jobTemplate.spec.template.spec.containers.env, merge, name",
            "api/v1, io.k8s.api.core.v1.Service, spec.ports, merge, port",
            "api/v1, io.k8s.api.core.v1.Pod, metadata.finalizers, merge, ",
            "api/v1, io.k8s.api.core.v1.Pod, metadata.ownerReferences, merge, uid"})
    void patchMetadataIsReachableFromTheKind(String path, String kind, String fieldPath, String strategy,
                                             String mergeKey) throws IOException {
        JsonNode schemas = doc(path).at("/components/schemas");
        JsonNode schema = schemas.get(kind);
        JsonNode property = null;
        for (String field : fieldPath.split("\\.")) {
            if (property != null) {
                schema = resolve(schemas, property.has("items") ? property.get("items") : property);
            }
            property = schema.at("/properties/" + field);
            assertThat(property.isMissingNode()).as("%s in %s", field, fieldPath).isFalse();
        }

        assertThat(property.path("x-kubernetes-patch-strategy").asText()).isEqualTo(strategy);
        assertThat(property.path("x-kubernetes-patch-merge-key").asText(null)).isEqualTo(mergeKey);
    }

    @Test
    void fieldsWithoutStructTagsHaveNoPatchMetadata() throws IOException {
        JsonNode podSpec = doc("api/v1").at("/components/schemas/io.k8s.api.core.v1.PodSpec/properties");

        assertThat(podSpec.get("tolerations").has("x-kubernetes-patch-strategy")).isFalse();
        assertThat(podSpec.get("nodeSelector").has("x-kubernetes-patch-merge-key")).isFalse();
    }

    private static JsonNode resolve(JsonNode schemas, JsonNode node) {
        String ref = node.path("$ref").asText();
        return schemas.get(ref.substring("#/components/schemas/".length()));
    }

    private static boolean gvkIs(JsonNode gvk, String group, String version, String kind) {
        return gvk != null && gvk.path("group").asText().equals(group) && gvk.path("version").asText().equals(version)
                && gvk.path("kind").asText().equals(kind);
    }

    private static JsonNode findByGvk(JsonNode schemas, String group, String version, String kind) {
        for (JsonNode schema : schemas) {
            for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
                if (gvkIs(gvk, group, version, kind)) {
                    return schema;
                }
            }
        }
        return null;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
