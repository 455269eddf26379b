package io.kubeboot.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** apps/v1 ControllerRevisions: discovery, CRUD through fabric8, the immutable data, and the table kubectl prints. */
class ControllerRevisionIT extends ApiServerITBase {
    KubernetesClient client;
    String ns;

    @BeforeEach
    void setUp() {
        client = fabric8Client();
        ns = createNamespace("crev");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static ControllerRevision revision(String name, long revision) {
        return new ControllerRevisionBuilder().withNewMetadata().withName(name).addToLabels("app", "demo")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("DaemonSet").withName("demo")
                .withUid("11111111-2222-3333-4444-555555555555").withController(true).endOwnerReference().endMetadata()
                .withData(Map.of("spec", Map.of("template", Map.of("$patch", "replace"))))
                .withRevision(revision).build();
    }

    @Test
    void servedInAppsV1Discovery() throws Exception {
        JsonNode list = Json.parse(get("/apis/apps/v1").body().getBytes());
        JsonNode crev = null;
        for (JsonNode r : list.path("resources")) {
            if (r.path("name").asText().equals("controllerrevisions")) {
                crev = r;
            }
        }
        assertThat(crev).isNotNull();
        assertThat(crev.path("kind").asText()).isEqualTo("ControllerRevision");
        assertThat(crev.path("namespaced").asBoolean()).isTrue();
        assertThat(crev.path("singularName").asText()).isEqualTo("controllerrevision");
        assertThat(crev.path("shortNames").isMissingNode() || crev.path("shortNames").isEmpty()).isTrue();
        assertThat(crev.path("verbs").toString()).isEqualTo(
                "[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]");
    }

    @Test
    void createGetListRenumberDelete() {
        ControllerRevision created = client.apps().controllerRevisions().inNamespace(ns).resource(revision("demo-abc", 1)).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(created.getRevision()).isEqualTo(1L);
        assertThat(client.apps().controllerRevisions().inNamespace(ns).withLabel("app", "demo").list().getItems())
                .extracting(r -> r.getMetadata().getName()).containsExactly("demo-abc");

        // the controllers renumber a revision that becomes current again
        ControllerRevision renumbered = client.apps().controllerRevisions().inNamespace(ns).withName("demo-abc")
                .edit(r -> new ControllerRevisionBuilder(r).withRevision(3L).build());
        assertThat(renumbered.getRevision()).isEqualTo(3L);
        // fabric8 reads data as a RawExtension; its JSON is what was written
        assertThat(Json.MAPPER.valueToTree(client.apps().controllerRevisions().inNamespace(ns).withName("demo-abc").get()
                .getData()).toString()).isEqualTo("{\"spec\":{\"template\":{\"$patch\":\"replace\"}}}");

        assertThatThrownBy(() -> client.apps().controllerRevisions().inNamespace(ns).withName("demo-abc")
                .edit(r -> new ControllerRevisionBuilder(r).withData(Map.of("other", true)).build()))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains("data: Invalid value:").contains("field is immutable");
                });
        assertThatThrownBy(() -> client.apps().controllerRevisions().inNamespace(ns)
                .resource(new ControllerRevisionBuilder(revision("no-data", 1)).withData(null).build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
                        .isEqualTo("ControllerRevision.apps \"no-data\" is invalid: data: Required value: data is mandatory"));

        assertThat(client.apps().controllerRevisions().inNamespace(ns).withName("demo-abc").delete()).hasSize(1);
        assertThat(client.apps().controllerRevisions().inNamespace(ns).withName("demo-abc").get()).isNull();
    }

    @Test
    void tableAsKubectlGetShowsIt() throws Exception {
        client.apps().controllerRevisions().inNamespace(ns).resource(revision("demo-xyz", 2)).create();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/apis/apps/v1/namespaces/" + ns
                        + "/controllerrevisions"))
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode table = Json.parse(r.body().getBytes());
        assertThat(table.path("kind").asText()).as(r.body()).isEqualTo("Table");
        assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Controller", "Revision", "Age");
        JsonNode cells = table.path("rows").get(0).path("cells");
        assertThat(cells.get(0).asText()).isEqualTo("demo-xyz");
        assertThat(cells.get(1).asText()).isEqualTo("daemonset.apps/demo");
        assertThat(cells.get(2).asLong()).isEqualTo(2L);
    }
}
