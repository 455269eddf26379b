package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeboot.controller.daemonset.DaemonPods;
import io.kubeboot.controller.daemonset.DaemonSetController;
import io.kubeboot.controller.util.Times;
import io.kubeboot.testkit.ApiServerProcess;
import io.kubeboot.testkit.Kubectl;
import io.kubeboot.testkit.SharedExamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DaemonSet history against the real apiserver: the documentation's fluentd-elasticsearch DaemonSet (kube-system,
 * the manifest unchanged) on two fake nodes gets a ControllerRevision per template, pods labelled with the current
 * revision's hash, and kubectl's {@code rollout history} / {@code rollout undo} work on it; a second DaemonSet rolls
 * out with maxSurge. No scheduler or kubelet runs: the test marks pods ready.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DaemonSetHistoryIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "kube-system";
    private static final String DS = "fluentd-elasticsearch";
    private static final String HASH = DaemonPods.REVISION_HASH_LABEL;
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String NODE_A = "hist-a-" + SUFFIX;
    private static final String NODE_B = "hist-b-" + SUFFIX;
    private static final String NODE_LABEL = "kubeboot.test/history-" + SUFFIX;
    private static ItSupport.Manager manager;
    private static KubernetesClient client;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        removeExample();
        for (String n : List.of(NODE_A, NODE_B)) {
            client.nodes().resource(node(n)).create();
        }
        manager = new ItSupport.Manager("kcm-ds-history-it", List.of(DaemonSetController.descriptor()));
        await().atMost(Duration.ofSeconds(30)).until(manager.manager::isLeader);
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            removeExample();
            for (String n : List.of(NODE_A, NODE_B)) {
                client.nodes().withName(n).delete();
            }
        }
        if (manager != null) {
            manager.close();
        }
        if (client != null) {
            client.close();
        }
    }

    /** No garbage collector runs here: the DaemonSet's revisions and pods go by hand. */
    private static void removeExample() {
        client.apps().daemonSets().inNamespace(NS).withName(DS).delete();
        await().atMost(WAIT).until(() -> client.apps().daemonSets().inNamespace(NS).withName(DS).get() == null);
        client.apps().controllerRevisions().inNamespace(NS).withLabel("name", DS).delete();
        client.pods().inNamespace(NS).withLabel("name", DS).withGracePeriod(0).delete();
    }

    private static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name, NODE_LABEL, "true")).endMetadata().withNewSpec().endSpec().build();
    }

    private static DaemonSet example() throws Exception {
        try (InputStream in = Files.newInputStream(SharedExamples.manifest("controllers/daemonset.yaml"))) {
            return client.apps().daemonSets().load(in).item();
        }
    }

    /** The live (not deleting) pods of a DaemonSet on this test's nodes, by node. */
    private static Map<String, List<Pod>> podsOnTestNodes(String ns, String name) {
        Map<String, List<Pod>> out = new TreeMap<>();
        for (Pod p : client.pods().inNamespace(ns).withLabel("name", name).list().getItems()) {
            String node = DaemonPods.targetNodeName(p).orElse("");
            if (Set.of(NODE_A, NODE_B).contains(node) && p.getMetadata().getDeletionTimestamp() == null) {
                out.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
            }
        }
        return out;
    }

    /** The kubelet's part: the DaemonSet's pods Running and Ready, except those with {@code skipHash}. */
    private static void markReady(String ns, String name, String skipHash) {
        for (Pod p : client.pods().inNamespace(ns).withLabel("name", name).list().getItems()) {
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if (p.getMetadata().getDeletionTimestamp() != null || "Running".equals(phase)
                    || (skipHash != null && skipHash.equals(p.getMetadata().getLabels().get(HASH)))) {
                continue;
            }
            Pod ready = new PodBuilder(p).editOrNewStatus().withPhase("Running")
                    .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(Times.format(Instant.now().minusSeconds(5)))
                    .endCondition().endStatus().build();
            try {
                client.pods().inNamespace(ns).resource(ready).updateStatus();
            } catch (KubernetesClientException e) {
                // deleted or changed meanwhile: the next poll retries
            }
        }
    }

    private static List<ControllerRevision> revisionsOf(DaemonSet ds) {
        return client.apps().controllerRevisions().inNamespace(ds.getMetadata().getNamespace()).withLabel("name", ds.getMetadata().getName())
                .list().getItems().stream()
                .filter(r -> r.getMetadata().getOwnerReferences().stream().anyMatch(o -> ds.getMetadata().getUid().equals(o.getUid())
                        && Boolean.TRUE.equals(o.getController())))
                .sorted(Comparator.comparing(ControllerRevision::getRevision)).toList();
    }

    /** Waits until every test node runs exactly one pod, with {@code hash}. */
    private static void awaitPodsWithHash(String ns, String name, String hash) {
        await().atMost(WAIT).until(() -> {
            markReady(ns, name, null);
            Map<String, List<Pod>> now = podsOnTestNodes(ns, name);
            return now.keySet().equals(Set.of(NODE_A, NODE_B))
                    && now.values().stream().allMatch(l -> l.size() == 1 && hash.equals(l.get(0).getMetadata().getLabels().get(HASH)));
        });
    }

    /** A template change, retried on conflicts with the controller's status writes. */
    private static void setImage(String ns, String name, String image) {
        await().atMost(WAIT).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
            client.apps().daemonSets().inNamespace(ns).withName(name).edit(d -> new DaemonSetBuilder(d).editSpec().editTemplate()
                    .editSpec().editFirstContainer().withImage(image).endContainer().endSpec().endTemplate().endSpec().build());
            return true;
        });
    }

    private static String image(DaemonSet ds) {
        return ds.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void revisionsFollowTheTemplateAndKubectlRollsBack() throws Exception {
        DaemonSet ds = client.apps().daemonSets().inNamespace(NS).resource(example()).create();
        String firstImage = image(ds);

        // revision 1: one ControllerRevision controlled by the DaemonSet, its hash on the pods
        await().atMost(WAIT).until(() -> revisionsOf(ds).size() == 1);
        ControllerRevision r1 = revisionsOf(ds).get(0);
        assertThat(r1.getRevision()).isEqualTo(1L);
        String hash1 = r1.getMetadata().getLabels().get(HASH);
        assertThat(r1.getMetadata().getName()).isEqualTo(DS + "-" + hash1);
        assertThat(r1.getMetadata().getLabels()).containsEntry("name", DS);
        assertThat(r1.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("DaemonSet");
            assertThat(o.getBlockOwnerDeletion()).isTrue();
        });
        awaitPodsWithHash(NS, DS, hash1);

        // a new image: revision 2, pods replaced with its hash, status counts them as updated
        setImage(NS, DS, "registry.k8s.io/fluentd-elasticsearch:1.22");
        await().atMost(WAIT).until(() -> revisionsOf(ds).size() == 2);
        ControllerRevision r2 = revisionsOf(ds).get(1);
        assertThat(r2.getRevision()).isEqualTo(2L);
        String hash2 = r2.getMetadata().getLabels().get(HASH);
        assertThat(hash2).isNotEqualTo(hash1);
        awaitPodsWithHash(NS, DS, hash2);
        await().atMost(WAIT).untilAsserted(() -> {
            DaemonSet cur = client.apps().daemonSets().inNamespace(NS).withName(DS).get();
            assertThat(cur.getStatus().getUpdatedNumberScheduled()).isEqualTo(cur.getStatus().getDesiredNumberScheduled());
            assertThat(cur.getStatus().getObservedGeneration()).isEqualTo(cur.getMetadata().getGeneration());
        });

        if (!Kubectl.available()) {
            return;
        }
        Kubectl kubectl = new Kubectl(ApiServerProcess.get().url());
        Kubectl.Result history = kubectl.run("rollout", "history", "daemonset/" + DS, "-n", NS).assertOk();
        assertThat(history.out()).contains("daemonset.apps/" + DS).contains("REVISION  CHANGE-CAUSE")
                .containsPattern("(?m)^1\\s+<none>$").containsPattern("(?m)^2\\s+<none>$");
        Kubectl.Result one = kubectl.run("rollout", "history", "daemonset/" + DS, "-n", NS, "--revision=1").assertOk();
        assertThat(one.out()).contains("with revision #1").contains("Image:").contains(firstImage);

        Kubectl.Result undo = kubectl.run("rollout", "undo", "daemonset/" + DS, "-n", NS).assertOk();
        assertThat(undo.out()).contains("daemonset.apps/" + DS + " rolled back");
        // the first template is back: its revision becomes 3, the pods roll back to its hash
        assertThat(image(client.apps().daemonSets().inNamespace(NS).withName(DS).get())).isEqualTo(firstImage);
        await().atMost(WAIT).until(() -> revisionsOf(ds).stream().anyMatch(r -> r.getRevision() == 3L));
        assertThat(revisionsOf(ds)).extracting(r -> r.getMetadata().getName(), ControllerRevision::getRevision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(r2.getMetadata().getName(), 2L),
                        org.assertj.core.groups.Tuple.tuple(r1.getMetadata().getName(), 3L));
        awaitPodsWithHash(NS, DS, hash1);
    }

    @Test
    void maxSurgeStartsTheNewPodBeforeDeletingTheOld() {
        String ns = ItSupport.createNamespace(client, "ds-surge");
        String name = "surge";
        DaemonSet ds = client.apps().daemonSets().inNamespace(ns).resource(new DaemonSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("name", name).endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endUpdateStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("name", name).endMetadata().withNewSpec()
                .addToNodeSelector(NODE_LABEL, "true")
                .addNewContainer().withName("c").withImage("registry.k8s.io/pause:3.9").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        try {
            await().atMost(WAIT).until(() -> revisionsOf(ds).size() == 1);
            String hash1 = revisionsOf(ds).get(0).getMetadata().getLabels().get(HASH);
            awaitPodsWithHash(ns, name, hash1);

            setImage(ns, name, "registry.k8s.io/pause:3.10");
            await().atMost(WAIT).until(() -> revisionsOf(ds).size() == 2);
            String hash2 = revisionsOf(ds).get(1).getMetadata().getLabels().get(HASH);

            // the new pod comes first, next to the old one that keeps running (the new one is not ready yet)
            await().atMost(WAIT).until(() -> podsOnTestNodes(ns, name).values().stream().flatMap(List::stream)
                    .anyMatch(p -> hash2.equals(p.getMetadata().getLabels().get(HASH))));
            Map<String, List<Pod>> surged = podsOnTestNodes(ns, name);
            List<Pod> newPods = surged.values().stream().flatMap(List::stream)
                    .filter(p -> hash2.equals(p.getMetadata().getLabels().get(HASH))).toList();
            assertThat(newPods).as("maxSurge 1: one new pod at a time").hasSize(1);
            String surgeNode = DaemonPods.targetNodeName(newPods.get(0)).orElseThrow();
            assertThat(surged.get(surgeNode)).extracting(p -> p.getMetadata().getLabels().get(HASH)).containsExactlyInAnyOrder(hash1, hash2);
            assertThat(surged.values()).allSatisfy(pods -> assertThat(pods).anyMatch(p -> hash1.equals(p.getMetadata().getLabels().get(HASH))
                    || hash2.equals(p.getMetadata().getLabels().get(HASH))));
            // still so a little later: nothing old goes while the new pod is unavailable
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                markReady(ns, name, hash2);
                return podsOnTestNodes(ns, name).get(surgeNode).size() == 2;
            });

            // once new pods are ready the old ones go, node by node
            awaitPodsWithHash(ns, name, hash2);
        } finally {
            client.namespaces().withName(ns).delete();
        }
    }
}
