package io.kubeboot.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class KnownFieldsTest {

    /** Manifests from the Kubernetes documentation; kube-apiserver accepts each with fieldValidation=Strict. */
    @ParameterizedTest
    @ValueSource(strings = {
            "application/deployment-scale.yaml", "application/deployment-update.yaml", "application/deployment.yaml",
            "controllers/daemonset.yaml", "controllers/frontend.yaml", "controllers/nginx-deployment.yaml",
            "pods/commands.yaml", "pods/init-containers.yaml", "pods/inject/envars.yaml",
            "pods/pod-configmap-envFrom.yaml", "pods/pod-nginx-required-affinity.yaml", "pods/pod-nginx.yaml",
            "pods/pod-with-toleration.yaml", "pods/probe/exec-liveness.yaml", "pods/probe/tcp-liveness-readiness.yaml",
            "pods/resource/memory-request-limit.yaml", "service/access/backend-deployment.yaml",
            "service/access/backend-service.yaml", "service/networking/nginx-svc.yaml",
            "service/networking/run-my-nginx.yaml"})
    void documentationManifestsHaveNoUnknownFields(String file) throws IOException {
        List<ObjectNode> docs = manifests(file);
        assertThat(docs).isNotEmpty();
        for (ObjectNode doc : docs) {
            Class<?> model = modelOf(doc);
            ObjectNode before = doc.deepCopy();
            assertThat(KnownFields.prune(doc, model)).as(file).isEmpty();
            assertThat(doc).isEqualTo(before);
            assertThat(KnownFields.strictErrors(Json.bytes(doc), model)).isEmpty();
        }
    }

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                Arguments.of("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"spec\":{\"foo\":1}}",
                        "Pod", List.of("spec.foo")),
                Arguments.of("{\"kind\":\"Pod\",\"bogus\":true,\"spec\":{\"containers\":[{\"name\":\"a\"},"
                                + "{\"name\":\"b\",\"imagePullPolicyy\":\"Always\",\"ports\":[{\"containerPortZ\":80}]}]}}",
                        "Pod", List.of("bogus", "spec.containers[1].imagePullPolicyy",
                                "spec.containers[1].ports[0].containerPortZ")),
                // labels and annotations are maps: any key is fine, nothing below them is checked
                Arguments.of("{\"metadata\":{\"labels\":{\"anything.io/x\":\"y\"},\"annotations\":{\"a\":\"b\"},"
                        + "\"lables\":{}}}", "Pod", List.of("metadata.lables")),
                // an unknown field's own content is not reported
                Arguments.of("{\"spec\":{\"tmplate\":{\"spec\":{\"bad\":1}}}}", "Deployment", List.of("spec.tmplate")),
                Arguments.of("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\","
                                + "\"resources\":{\"limits\":{\"cpu\":\"1\"},\"limitz\":{}}}]}}}}",
                        "Deployment", List.of("spec.template.spec.containers[0].resources.limitz")),
                // field names are case sensitive, as in the Go decoder
                Arguments.of("{\"Spec\":{},\"spec\":{\"Replicas\":1}}", "Deployment", List.of("Spec", "spec.Replicas")),
                // map values that are objects are checked
                Arguments.of("{\"spec\":{\"selector\":{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\","
                        + "\"valuez\":[]}]}}}", "Deployment", List.of("spec.selector.matchExpressions[0].valuez")),
                Arguments.of("{\"data\":{\"k\":\"v\"},\"stringData\":{\"x\":\"y\"},\"immutable\":true,\"typ\":\"x\"}",
                        "Secret", List.of("typ")),
                // free-form values (managedFields[].fieldsV1) are not looked into
                Arguments.of("{\"metadata\":{\"managedFields\":[{\"manager\":\"m\",\"fieldsV1\":{\"f:spec\":{}},"
                        + "\"x\":1}]}}", "ConfigMap", List.of("metadata.managedFields[0].x")),
                Arguments.of("{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":\"http\",\"nodeport\":1}]}}",
                        "Service", List.of("spec.ports[0].nodeport")));
    }

    @ParameterizedTest
    @MethodSource("badDocuments")
    void reportsAndRemovesUnknownFields(String json, String kind, List<String> expected) throws IOException {
        Class<?> model = modelOf(kind);
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(json);
        assertThat(KnownFields.prune(tree, model)).containsExactlyElementsOf(expected);
        assertThat(KnownFields.prune(tree, model)).as("pruned tree is clean").isEmpty();
        assertThat(KnownFields.strictErrors(json.getBytes(StandardCharsets.UTF_8), model))
                .containsExactlyElementsOf(expected.stream().map(KnownFields::unknownFieldMessage).toList());
    }

    @Test
    void pruneKeepsKnownContent() throws IOException {
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(
                "{\"kind\":\"Pod\",\"spec\":{\"nodeName\":\"n1\",\"x\":1,\"containers\":[{\"name\":\"a\",\"y\":2}]}}");
        KnownFields.prune(tree, modelOf("Pod"));
        assertThat(tree).isEqualTo(Json.MAPPER.readTree(
                "{\"kind\":\"Pod\",\"spec\":{\"nodeName\":\"n1\",\"containers\":[{\"name\":\"a\"}]}}"));
    }

    @Test
    void messagesAreThoseOfTheStrictDecoder() {
        assertThat(KnownFields.strictDecodingMessage(List.of("spec.foo")))
                .isEqualTo("strict decoding error: unknown field \"spec.foo\"");
        assertThat(KnownFields.strictDecodingMessage(List.of("spec.a", "spec.containers[0].b")))
                .isEqualTo("strict decoding error: unknown field \"spec.a\", unknown field \"spec.containers[0].b\"");
        assertThat(KnownFields.duplicateFieldMessage("spec.replicas")).isEqualTo("duplicate field \"spec.replicas\"");
        assertThat(KnownFields.unknownFieldMessage("a\"b")).isEqualTo("unknown field \"a\\\"b\"");
    }

    @Test
    void duplicatesAreReportedInDocumentOrderWithUnknownFields() throws IOException {
        // the upstream field-validation test body: an unknown and a duplicated field in a Deployment
        String json = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\","
                + "\"labels\":{\"a\":\"1\",\"a\":\"2\"}},\"spec\":{\"unknownField\":\"x\",\"replicas\":1,\"replicas\":2,"
                + "\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"name\":\"d\"}]}}}}";
        List<String> errors = KnownFields.strictErrors(json.getBytes(StandardCharsets.UTF_8), modelOf("Deployment"));
        assertThat(errors).containsExactly(
                "duplicate field \"metadata.labels.a\"",
                "unknown field \"spec.unknownField\"",
                "duplicate field \"spec.replicas\"",
                "duplicate field \"spec.template.spec.containers[0].name\"");
        assertThat(KnownFields.joinStrictErrors(errors.subList(1, 3))).isEqualTo(
                "strict decoding error: unknown field \"spec.unknownField\", duplicate field \"spec.replicas\"");
    }

    @Test
    void reportsAtMostOneHundredErrors() throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 150; i++) {
            json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        String body = json.append('}').toString();
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(body);
        assertThat(KnownFields.prune(tree, modelOf("Pod"))).hasSize(KnownFields.MAX_ERRORS);
        assertThat(tree.size()).as("every unknown field is still removed").isZero();
        assertThat(KnownFields.strictErrors(body.getBytes(StandardCharsets.UTF_8), modelOf("Pod")))
                .hasSize(KnownFields.MAX_ERRORS);
    }

    private static Class<?> modelOf(String kind) {
        return BuiltinResources.get().all().stream().filter(r -> r.kind().equals(kind))
                .map(ResourceInfo::modelClass).findFirst().orElseThrow();
    }

    private static Class<?> modelOf(ObjectNode doc) {
        String apiVersion = doc.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return BuiltinResources.get().byKind(group, doc.path("kind").asText()).orElseThrow().modelClass();
    }

    private static List<ObjectNode> manifests(String file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        // the documentation manifests are used unchanged, from ../shared (see SharedExamples)
        try (InputStream in = java.nio.file.Files.newInputStream(io.kubeboot.testkit.SharedExamples.manifest(file))) {
            for (JsonNode doc : Json.YAML.readValues(Json.YAML.createParser(in), JsonNode.class).readAll()) {
                if (doc instanceof ObjectNode object) {
                    docs.add(object);
                }
            }
        }
        return docs;
    }
}
