package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.namespace.NamespaceController;
import io.kubeboot.controller.replicaset.ReplicaSetController;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The namespace controller (next to the ReplicaSet controller, which keeps recreating pods) on the real apiserver. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NamespaceControllerIT {
    private static ItSupport.Manager manager;
    private static KubernetesClient client;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        manager = new ItSupport.Manager("kcm-ns-it", List.of(ReplicaSetController.descriptor(), NamespaceController.descriptor()));
        await().atMost(Duration.ofSeconds(30)).until(manager.manager::isLeader);
    }

    @AfterAll
    static void stopManager() {
        if (manager != null) {
            manager.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void deletingANamespaceDeletesItsContentThenTheNamespace() {
        String ns = ItSupport.createNamespace(client, "nsdel");
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata()
                .addToData("k", "v").build()).create();
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("lonely").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build()).create();
        Map<String, String> labels = Map.of("app", "x");
        client.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder().withNewMetadata().withName("x").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace(ns).list().getItems().size() == 3);

        client.namespaces().withName(ns).delete();
        Namespace terminating = client.namespaces().withName(ns).get();
        assertThat(terminating.getStatus().getPhase()).isEqualTo("Terminating");
        assertThat(terminating.getSpec().getFinalizers()).containsExactly("kubernetes");

        await().atMost(Duration.ofSeconds(60)).until(() -> client.namespaces().withName(ns).get() == null);
        assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void aNamespaceStillHeldByAnotherFinalizerIsEmptiedAndKeepsThatFinalizer() throws Exception {
        String ns = ItSupport.createNamespace(client, "nsfin");
        finalize(ns, List.of("kubernetes", "example.com/keep"));
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata().build()).create();
        client.namespaces().withName(ns).delete();

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Namespace cur = client.namespaces().withName(ns).get();
            return cur != null && List.of("example.com/keep").equals(cur.getSpec().getFinalizers());
        });
        assertThat(client.configMaps().inNamespace(ns).list().getItems()).isEmpty();
        Namespace kept = client.namespaces().withName(ns).get();
        assertThat(kept.getStatus().getPhase()).isEqualTo("Terminating");
        assertThat(kept.getStatus().getConditions()).extracting(NamespaceCondition::getType).containsExactly(
                "NamespaceDeletionDiscoveryFailure", "NamespaceDeletionGroupVersionParsingFailure",
                "NamespaceDeletionContentFailure", "NamespaceContentRemaining", "NamespaceFinalizersRemaining");
        assertThat(kept.getStatus().getConditions()).filteredOn(c -> c.getType().equals("NamespaceContentRemaining"))
                .singleElement().satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("ContentRemoved");
                    assertThat(c.getMessage()).isEqualTo("All content successfully removed");
                });

        finalize(ns, List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> client.namespaces().withName(ns).get() == null);
    }

    /** PUT /api/v1/namespaces/{ns}/finalize with the given spec.finalizers. */
    private static void finalize(String ns, List<String> finalizers) throws Exception {
        Namespace cur = client.namespaces().withName(ns).get();
        cur.getSpec().setFinalizers(finalizers);
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.kubeboot.testkit.ApiServerProcess.get().url()
                                + "/api/v1/namespaces/" + ns + "/finalize"))
                        .header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(io.kubeboot.api.json.Json.MAPPER.writeValueAsString(cur)))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
