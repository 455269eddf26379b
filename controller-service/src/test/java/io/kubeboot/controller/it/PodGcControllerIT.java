package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubeboot.controller.podgc.PodGcController;
import io.kubeboot.controller.podgc.PodGcProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pod garbage collector against the real apiserver, with a 1 s period and quarantine (upstream: 20 s and 40 s)
 * and a terminated-pod threshold of 1.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PodGcControllerIT {
    private static ItSupport.Manager manager;
    private static KubernetesClient client;
    private static String liveNode;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        liveNode = "gc-live-" + UUID.randomUUID().toString().substring(0, 8);
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(liveNode).endMetadata().build()).create();
        PodGcProperties props = new PodGcProperties();
        props.setGcCheckPeriod(Duration.ofSeconds(1));
        props.setQuarantineTime(Duration.ofSeconds(1));
        props.setTerminatedPodGcThreshold(1);
        manager = new ItSupport.Manager("kcm-podgc-it", List.of(PodGcController.descriptor(props)));
        await().atMost(Duration.ofSeconds(30)).until(manager.manager::isLeader);
    }

    @AfterAll
    static void stopManager() {
        if (manager != null) {
            manager.close();
        }
        if (client != null) {
            client.nodes().withName(liveNode).delete();
            client.close();
        }
    }

    private Pod pod(String ns, String name, String node) {
        return client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                .build()).create();
    }

    @Test
    void aPodBoundToAMissingNodeIsMarkedAsDisruptedThenDeleted() {
        String ns = ItSupport.createNamespace(client, "gc");
        List<Pod> seen = new CopyOnWriteArrayList<>();
        try (Watch ignored = client.pods().inNamespace(ns).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod resource) {
                seen.add(resource);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            pod(ns, "kept", liveNode);
            pod(ns, "orphan", "gc-ghost-" + UUID.randomUUID().toString().substring(0, 8));
            await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(ns).withName("orphan").get() == null);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seen)
                    .filteredOn(p -> p.getMetadata().getName().equals("orphan") && p.getStatus() != null && p.getStatus().getConditions() != null)
                    .anySatisfy(p -> {
                        assertThat(p.getStatus().getPhase()).isEqualTo("Failed");
                        PodCondition c = p.getStatus().getConditions().stream().filter(x -> "DisruptionTarget".equals(x.getType()))
                                .findFirst().orElseThrow();
                        assertThat(c.getStatus()).isEqualTo("True");
                        assertThat(c.getReason()).isEqualTo("DeletionByPodGC");
                        assertThat(c.getMessage()).isEqualTo("PodGC: node no longer exists");
                    }));
        }
        assertThat(client.pods().inNamespace(ns).withName("kept").get()).as("its node exists").isNotNull();
    }

    @Test
    void terminatedPodsBeyondTheThresholdAreDeletedOldestFirst() {
        String ns = ItSupport.createNamespace(client, "gc");
        for (String name : List.of("done-a", "done-b", "done-c")) {
            pod(ns, name, liveNode);
            client.pods().inNamespace(ns).withName(name).editStatus(p -> new PodBuilder(p).editOrNewStatus().withPhase("Succeeded").endStatus().build());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(ns).withName("done-a").get() == null
                && client.pods().inNamespace(ns).withName("done-b").get() == null);
        assertThat(client.pods().inNamespace(ns).withName("done-c").get()).as("the newest terminated pod is within the threshold").isNotNull();
    }
}
