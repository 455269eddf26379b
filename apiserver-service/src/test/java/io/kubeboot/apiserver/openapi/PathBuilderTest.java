package io.kubeboot.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Paths, methods, actions and operation ids as kube-apiserver 1.32 publishes them. */
class PathBuilderTest {
    private static final OpenApiV3Documents DOCS = new OpenApiV3Documents();

    @ParameterizedTest
    @CsvSource({
            "api/v1, /api/v1/namespaces/{namespace}/pods, get, list, listCoreV1NamespacedPod",
            "api/v1, /api/v1/namespaces/{namespace}/pods, post, post, createCoreV1NamespacedPod",
            "api/v1, /api/v1/namespaces/{namespace}/pods, delete, deletecollection, deleteCoreV1CollectionNamespacedPod",
            "api/v1, /api/v1/namespaces/{namespace}/pods/{name}, get, get, readCoreV1NamespacedPod",
            "api/v1, /api/v1/namespaces/{namespace}/pods/{name}, put, put, replaceCoreV1NamespacedPod",
            "api/v1, /api/v1/namespaces/{namespace}/pods/{name}, patch, patch, patchCoreV1NamespacedPod",
            "api/v1, /api/v1/namespaces/{namespace}/pods/{name}, delete, delete, deleteCoreV1NamespacedPod",
            "api/v1, /api/v1/pods, get, list, listCoreV1PodForAllNamespaces",
            "api/v1, /api/v1/watch/namespaces/{namespace}/pods, get, watchlist, watchCoreV1NamespacedPodList",
            "api/v1, /api/v1/watch/namespaces/{namespace}/pods/{name}, get, watch, watchCoreV1NamespacedPod",
            "api/v1, /api/v1/watch/pods, get, watchlist, watchCoreV1PodListForAllNamespaces",
            "api/v1, /api/v1/namespaces/{namespace}/pods/{name}/status, patch, patch, patchCoreV1NamespacedPodStatus",
            "api/v1, /api/v1/namespaces/{namespace}/pods/{name}/eviction, post, post, createCoreV1NamespacedPodEviction",
            "api/v1, /api/v1/namespaces/{namespace}/pods/{name}/binding, post, post, createCoreV1NamespacedPodBinding",
            "api/v1, /api/v1/namespaces/{namespace}/pods/{name}/log, get, get, readCoreV1NamespacedPodLog",
            "api/v1, /api/v1/namespaces, get, list, listCoreV1Namespace",
            "api/v1, /api/v1/namespaces/{name}, patch, patch, patchCoreV1Namespace",
            "api/v1, /api/v1/namespaces/{name}/finalize, put, put, replaceCoreV1NamespaceFinalize",
            "api/v1, /api/v1/watch/namespaces/{name}, get, watch, watchCoreV1Namespace",
            "apis/apps/v1, /apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale, patch, patch, patchAppsV1NamespacedDeploymentScale",
            "apis/scheduling.k8s.io/v1, /apis/scheduling.k8s.io/v1/priorityclasses, delete, deletecollection, deleteSchedulingV1CollectionPriorityClass",
            "apis/coordination.k8s.io/v1, /apis/coordination.k8s.io/v1/leases, get, list, listCoordinationV1LeaseForAllNamespaces"})
    void operation(String doc, String path, String method, String action, String operationId) throws IOException {
        JsonNode op = Json.parse(DOCS.document(doc).orElseThrow()).get("paths").path(path).path(method);

        assertThat(op.isMissingNode()).as("%s %s", method, path).isFalse();
        assertThat(op.get("x-kubernetes-action").asText()).isEqualTo(action);
        assertThat(op.get("operationId").asText()).isEqualTo(operationId);
    }

    @ParameterizedTest
    @CsvSource({
            // namespaces serve no deletecollection; there is no all-namespaces path for a cluster-scoped kind
            "api/v1, /api/v1/namespaces, delete",
            "api/v1, /api/v1/namespaces/{namespace}/namespaces, get"})
    void unservedOperationsAreAbsent(String doc, String path, String method) throws IOException {
        JsonNode item = Json.parse(DOCS.document(doc).orElseThrow()).get("paths").path(path);

        assertThat(item.path(method).isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale, autoscaling, v1, Scale, io.k8s.api.autoscaling.v1.Scale",
            "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status, apps, v1, Deployment, io.k8s.api.apps.v1.Deployment"})
    void subresourcesCarryTheGvkOfWhatTheyServe(String path, String group, String version, String kind,
                                               String schema) throws IOException {
        JsonNode patch = Json.parse(DOCS.document("apis/apps/v1").orElseThrow()).get("paths").path(path).path("patch");

        JsonNode gvk = patch.get("x-kubernetes-group-version-kind");
        assertThat(gvk.get("group").asText()).isEqualTo(group);
        assertThat(gvk.get("version").asText()).isEqualTo(version);
        assertThat(gvk.get("kind").asText()).isEqualTo(kind);
        assertThat(patch.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/" + schema);
    }
}
