package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeboot.controller.garbagecollector.GarbageCollectorController;
import io.kubeboot.controller.replicaset.ReplicaSetController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The garbage collector (with the ReplicaSet controller making real dependents), run by the controller manager
 * against the real apiserver: background, foreground and orphan propagation, collection by ownerReference uid, and
 * dependents with several owners.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GarbageCollectorIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HOLD = "kubeboot.io/hold";

    private static ItSupport.Manager manager;
    private static KubernetesClient client;
    private String ns;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        manager = new ItSupport.Manager("kcm-gc-it", List.of(ReplicaSetController.descriptor(), GarbageCollectorController.descriptor()));
        await().atMost(WAIT).until(manager.manager::isLeader);
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
        ns = ItSupport.createNamespace(client, "gc");
    }

    // ------------------------------------------------------------------ ReplicaSets and their pods

    private ReplicaSet replicaSetWithTwoPods(String name) {
        Map<String, String> labels = Map.of("app", name);
        ReplicaSet rs = client.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        await().atMost(WAIT).until(() -> pods(name).size() == 2 && pods(name).stream().allMatch(p -> ownedBy(p, rs)));
        return rs;
    }

    private List<Pod> pods(String app) {
        return client.pods().inNamespace(ns).withLabels(Map.of("app", app)).list().getItems();
    }

    private static boolean ownedBy(Pod p, ReplicaSet rs) {
        List<OwnerReference> refs = p.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> rs.getMetadata().getUid().equals(r.getUid()));
    }

    private ReplicaSet getReplicaSet(String name) {
        return client.apps().replicaSets().inNamespace(ns).withName(name).get();
    }

    @Test
    void backgroundDeletionRemovesThePodsAfterTheReplicaSet() {
        replicaSetWithTwoPods("bg");

        client.apps().replicaSets().inNamespace(ns).withName("bg").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

        // the owner goes at once; its pods follow once the collector sees them dangling
        assertThat(getReplicaSet("bg")).isNull();
        await().atMost(WAIT).until(() -> pods("bg").isEmpty());
    }

    @Test
    void foregroundDeletionKeepsTheReplicaSetUntilItsPodsAreGone() {
        replicaSetWithTwoPods("fg");
        // one pod cannot go before its own finalizer is removed: the owner must wait for it
        String held = pods("fg").get(0).getMetadata().getName();
        client.pods().inNamespace(ns).withName(held).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"" + HOLD + "\"]}}");

        client.apps().replicaSets().inNamespace(ns).withName("fg").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        ReplicaSet deleting = getReplicaSet("fg");
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(deleting.getMetadata().getFinalizers()).contains("foregroundDeletion");
        await().atMost(WAIT).untilAsserted(() -> {
            List<Pod> left = pods("fg");
            assertThat(left).extracting(p -> p.getMetadata().getName()).containsExactly(held);
            assertThat(left.get(0).getMetadata().getDeletionTimestamp()).as("the collector deleted it").isNotNull();
        });
        assertThat(getReplicaSet("fg")).as("still waiting for the held pod").isNotNull()
                .satisfies(rs -> assertThat(rs.getMetadata().getFinalizers()).contains("foregroundDeletion"));

        client.pods().inNamespace(ns).withName(held).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");

        await().atMost(WAIT).until(() -> pods("fg").isEmpty() && getReplicaSet("fg") == null);
    }

    @Test
    void orphanDeletionLeavesThePodsWithoutTheirOwnerReference() {
        ReplicaSet rs = replicaSetWithTwoPods("orphan");
        List<String> names = pods("orphan").stream().map(p -> p.getMetadata().getName()).sorted().toList();

        client.apps().replicaSets().inNamespace(ns).withName("orphan").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

        await().atMost(WAIT).until(() -> getReplicaSet("orphan") == null);
        List<Pod> left = pods("orphan");
        assertThat(left).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(left).allSatisfy(p -> {
            assertThat(ownedBy(p, rs)).isFalse();
            assertThat(p.getMetadata().getDeletionTimestamp()).isNull();
        });
    }

    // ------------------------------------------------------------------ ownerReferences by uid

    private ConfigMap configMap(String name, OwnerReference... owners) {
        return client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withOwnerReferences(owners).endMetadata().addToData("k", "v").build()).create();
    }

    private static OwnerReference ownerRef(ConfigMap owner) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).build();
    }

    private ConfigMap getConfigMap(String name) {
        return client.configMaps().inNamespace(ns).withName(name).get();
    }

    @Test
    void aConfigMapOwnedByADeletedConfigMapIsCollected() {
        ConfigMap owner = configMap("owner");
        configMap("dependent", ownerRef(owner));

        client.configMaps().inNamespace(ns).withName("owner").delete();

        await().atMost(WAIT).until(() -> getConfigMap("dependent") == null);
    }

    @Test
    void aDependentWithAnotherLiveOwnerOnlyLosesTheDeletedOwnersReference() {
        ConfigMap a = configMap("owner-a");
        ConfigMap b = configMap("owner-b");
        configMap("shared", ownerRef(a), ownerRef(b));

        client.configMaps().inNamespace(ns).withName("owner-a").delete();

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(getConfigMap("shared").getMetadata().getOwnerReferences()).containsExactly(ownerRef(b)));
        assertThat(getConfigMap("shared").getMetadata().getDeletionTimestamp()).isNull();
    }

    @Test
    void aDependentOfAnOwnerThatNeverExistedIsCollected() {
        // the owner is only ever a virtual node: the collector asks the apiserver, which does not know it
        OwnerReference ghost = new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName("ghost")
                .withUid(UUID.randomUUID().toString()).build();
        configMap("haunted", ghost);

        await().atMost(WAIT).until(() -> getConfigMap("haunted") == null);
    }

    @Test
    void aDependentWhoseOwnerNameWasReusedIsCollected() {
        ConfigMap original = configMap("reused");
        OwnerReference stale = ownerRef(original);
        client.configMaps().inNamespace(ns).withName("reused").delete();
        await().atMost(WAIT).until(() -> getConfigMap("reused") == null);
        configMap("reused");

        // same name, other uid: the reference dangles
        configMap("stale-dependent", stale);

        await().atMost(WAIT).until(() -> getConfigMap("stale-dependent") == null);
        assertThat(getConfigMap("reused")).isNotNull();
    }
}
