package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.replicaset.ReplicaSetController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ReplicaSet controller, run by the controller manager (with leader election), against the real apiserver. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReplicaSetControllerIT {
    private static ItSupport.Manager manager;
    private static KubernetesClient client;
    private String ns;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        manager = new ItSupport.Manager("kcm-rs-it", List.of(ReplicaSetController.descriptor()));
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

    @BeforeEach
    void namespace() {
        ns = ItSupport.createNamespace(client, "rs");
    }

    private static ReplicaSet replicaSet(String name, int replicas, Map<String, String> labels) {
        return new ReplicaSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private List<Pod> pods(Map<String, String> labels) {
        return client.pods().inNamespace(ns).withLabels(labels).list().getItems();
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    @Test
    void createsPodsWithControllerRefsThenScalesDown() {
        Map<String, String> labels = Map.of("app", "web");
        ReplicaSet rs = client.apps().replicaSets().inNamespace(ns).resource(replicaSet("web", 3, labels)).create();

        await().atMost(Duration.ofSeconds(30)).until(() -> pods(labels).size() == 3);
        for (Pod p : pods(labels)) {
            assertThat(p.getMetadata().getGenerateName()).isEqualTo("web-");
            assertThat(p.getMetadata().getName()).startsWith("web-");
            assertThat(p.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                assertThat(ref.getApiVersion()).isEqualTo("apps/v1");
                assertThat(ref.getKind()).isEqualTo("ReplicaSet");
                assertThat(ref.getName()).isEqualTo("web");
                assertThat(ref.getUid()).isEqualTo(rs.getMetadata().getUid());
                assertThat(ref.getController()).isTrue();
                assertThat(ref.getBlockOwnerDeletion()).isTrue();
            });
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ReplicaSet cur = client.apps().replicaSets().inNamespace(ns).withName("web").get();
            assertThat(cur.getStatus().getReplicas()).isEqualTo(3);
            assertThat(cur.getStatus().getFullyLabeledReplicas()).isEqualTo(3);
            assertThat(cur.getStatus().getObservedGeneration()).isEqualTo(cur.getMetadata().getGeneration());
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events("SuccessfulCreate"))
                .extracting(Event::getMessage)
                .containsExactlyInAnyOrderElementsOf(pods(labels).stream().map(p -> "Created pod: " + p.getMetadata().getName()).toList()));

        // the pods before the scale-down, listed before it: the controller may delete one before a later list
        List<String> before = pods(labels).stream().map(p -> p.getMetadata().getName()).toList();
        assertThat(before).hasSize(3);
        client.apps().replicaSets().inNamespace(ns).withName("web").edit(r -> new ReplicaSetBuilder(r).editSpec().withReplicas(1).endSpec().build());
        await().atMost(Duration.ofSeconds(30)).until(() -> pods(labels).size() == 1);
        String survivor = pods(labels).get(0).getMetadata().getName();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events("SuccessfulDelete"))
                .extracting(Event::getMessage)
                .containsExactlyInAnyOrderElementsOf(before.stream().filter(n -> !n.equals(survivor)).map(n -> "Deleted pod: " + n).toList()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(client.apps().replicaSets().inNamespace(ns).withName("web").get().getStatus().getReplicas()).isEqualTo(1));
        // expectations observed: no pod was created again in between
        assertThat(events("SuccessfulCreate")).hasSize(3);
    }

    @Test
    void adoptsAMatchingOrphanAndReleasesAPodThatStopsMatching() {
        Map<String, String> labels = Map.of("app", "db");
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("orphan").withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build()).create();
        ReplicaSet rs = client.apps().replicaSets().inNamespace(ns).resource(replicaSet("db", 2, labels)).create();

        await().atMost(Duration.ofSeconds(30)).until(() -> pods(labels).size() == 2
                && pods(labels).stream().allMatch(p -> p.getMetadata().getOwnerReferences() != null && !p.getMetadata().getOwnerReferences().isEmpty()));
        Pod orphan = client.pods().inNamespace(ns).withName("orphan").get();
        OwnerReference ref = orphan.getMetadata().getOwnerReferences().get(0);
        assertThat(ref.getUid()).isEqualTo(rs.getMetadata().getUid());
        assertThat(ref.getController()).isTrue();
        assertThat(ref.getBlockOwnerDeletion()).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(events("SuccessfulCreate")).as("only one pod was missing").hasSize(1));

        // relabel the adopted pod: released (owner reference removed) and replaced
        client.pods().inNamespace(ns).withName("orphan").edit(p -> new PodBuilder(p).editMetadata().withLabels(Map.of("app", "other")).endMetadata().build());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Pod p = client.pods().inNamespace(ns).withName("orphan").get();
            return p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences().isEmpty();
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> pods(labels).size() == 2);
    }

    @Test
    void exportsWorkqueueMetricsNamedAfterTheController() {
        assertThat(manager.registry.find("workqueue_adds").tag("name", "replicaset").counter()).isNotNull();
        assertThat(manager.registry.find("workqueue_depth").tag("name", "replicaset").gauge()).isNotNull();
    }
}
