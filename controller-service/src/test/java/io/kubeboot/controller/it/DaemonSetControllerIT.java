package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeboot.controller.daemonset.DaemonPods;
import io.kubeboot.controller.daemonset.DaemonSetController;
import io.kubeboot.controller.util.Times;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The DaemonSet controller against the real apiserver with the documentation's fluentd-elasticsearch DaemonSet
 * (kube-system) and three Node objects, one tainted NoSchedule in a way the DaemonSet does not tolerate. No
 * scheduler runs: pods stay pinned by node affinity; the test plays the kubelet by writing pod status.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DaemonSetControllerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "kube-system";
    private static final String DS = "fluentd-elasticsearch";
    private static ItSupport.Manager manager;
    private static KubernetesClient client;
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String NODE_A = "ds-a-" + SUFFIX;
    private static final String NODE_B = "ds-b-" + SUFFIX;
    private static final String NODE_TAINTED = "ds-tainted-" + SUFFIX;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        manager = new ItSupport.Manager("kcm-ds-it", List.of(DaemonSetController.descriptor()));
        await().atMost(Duration.ofSeconds(30)).until(manager.manager::isLeader);
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            client.apps().daemonSets().inNamespace(NS).withName(DS).delete();
            // no garbage collector runs here: the revisions would outlive the DaemonSet
            client.apps().controllerRevisions().inNamespace(NS).withLabel("name", DS).delete();
            for (String n : List.of(NODE_A, NODE_B, NODE_TAINTED)) {
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

    private static Node node(String name, boolean tainted) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name)).endMetadata().withNewSpec().endSpec();
        if (tainted) {
            b.editSpec().addNewTaint().withKey("dedicated").withValue("gpu").withEffect("NoSchedule").endTaint().endSpec();
        }
        return b.build();
    }

    private static DaemonSet example() throws Exception {
        try (InputStream in = Files.newInputStream(SharedExamples.manifest("controllers/daemonset.yaml"))) {
            return client.apps().daemonSets().load(in).item();
        }
    }

    /** The DaemonSet's pods aimed at this test's nodes, by node. */
    private static Map<String, List<Pod>> podsOnTestNodes() {
        Map<String, List<Pod>> out = new java.util.TreeMap<>();
        for (Pod p : client.pods().inNamespace(NS).withLabel("name", DS).list().getItems()) {
            String node = DaemonPods.targetNodeName(p).orElse("");
            if (Set.of(NODE_A, NODE_B, NODE_TAINTED).contains(node)) {
                out.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
            }
        }
        return out;
    }

    private static int dsPodCount() {
        return client.pods().inNamespace(NS).withLabel("name", DS).list().getItems().size();
    }

    /** The kubelet's part: every pod of the DaemonSet Running and Ready. */
    private static void markAllReady() {
        for (Pod p : client.pods().inNamespace(NS).withLabel("name", DS).list().getItems()) {
            if (p.getMetadata().getDeletionTimestamp() != null || "Running".equals(p.getStatus() == null ? null : p.getStatus().getPhase())) {
                continue;
            }
            String now = Times.format(Instant.now().minusSeconds(5));
            Pod ready = new PodBuilder(p).editOrNewStatus().withPhase("Running")
                    .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(now).endCondition()
                    .endStatus().build();
            try {
                client.pods().inNamespace(NS).resource(ready).updateStatus();
            } catch (KubernetesClientException e) {
                // deleted or changed meanwhile: the next poll retries
            }
        }
    }

    private static List<Event> events(String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && DS.equals(e.getInvolvedObject().getName())).toList();
    }

    @Test
    void runsOnePodPerEligibleNodeAndRollsOutTemplateChanges() throws Exception {
        client.apps().daemonSets().inNamespace(NS).withName(DS).delete();
        await().atMost(WAIT).until(() -> client.apps().daemonSets().inNamespace(NS).withName(DS).get() == null);
        client.nodes().resource(node(NODE_A, false)).create();
        client.nodes().resource(node(NODE_B, false)).create();
        client.nodes().resource(node(NODE_TAINTED, true)).create();
        DaemonSet ds = client.apps().daemonSets().inNamespace(NS).resource(example()).create();

        await().atMost(WAIT).until(() -> podsOnTestNodes().keySet().equals(Set.of(NODE_A, NODE_B)));
        Map<String, List<Pod>> byNode = podsOnTestNodes();
        assertThat(byNode.values()).allSatisfy(pods -> assertThat(pods).hasSize(1));
        Pod pod = byNode.get(NODE_A).get(0);
        assertThat(pod.getMetadata().getGenerateName()).isEqualTo(DS + "-");
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("DaemonSet");
            assertThat(ref.getUid()).isEqualTo(ds.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
        assertThat(pod.getSpec().getNodeName()).as("the scheduler binds it").isNull();
        var terms = pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertThat(terms).singleElement().satisfies(t -> assertThat(t.getMatchFields()).singleElement().satisfies(r -> {
            assertThat(r.getKey()).isEqualTo("metadata.name");
            assertThat(r.getOperator()).isEqualTo("In");
            assertThat(r.getValues()).containsExactly(NODE_A);
        }));
        assertThat(pod.getSpec().getTolerations()).extracting(Toleration::getKey).contains(
                "node-role.kubernetes.io/master", "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable",
                "node.kubernetes.io/disk-pressure", "node.kubernetes.io/memory-pressure", "node.kubernetes.io/pid-pressure",
                "node.kubernetes.io/unschedulable");
        String hash = pod.getMetadata().getLabels().get("controller-revision-hash");
        assertThat(hash).isNotEmpty();
        assertThat(pod.getMetadata().getLabels()).containsEntry("pod-template-generation", "1");

        await().atMost(WAIT).untilAsserted(() -> {
            DaemonSet cur = client.apps().daemonSets().inNamespace(NS).withName(DS).get();
            int total = dsPodCount();
            assertThat(cur.getStatus().getDesiredNumberScheduled()).isEqualTo(total);
            assertThat(cur.getStatus().getCurrentNumberScheduled()).isEqualTo(total);
            assertThat(cur.getStatus().getUpdatedNumberScheduled()).isEqualTo(total);
            assertThat(cur.getStatus().getNumberMisscheduled()).isZero();
            assertThat(cur.getStatus().getNumberReady()).isZero();
            assertThat(cur.getStatus().getObservedGeneration()).isEqualTo(cur.getMetadata().getGeneration());
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("SuccessfulCreate")).extracting(Event::getMessage)
                .contains("Created pod: " + byNode.get(NODE_A).get(0).getMetadata().getName(),
                        "Created pod: " + byNode.get(NODE_B).get(0).getMetadata().getName()));

        // the kubelet reports the pods ready: ready and available follow
        await().atMost(WAIT).untilAsserted(() -> {
            markAllReady();
            DaemonSet cur = client.apps().daemonSets().inNamespace(NS).withName(DS).get();
            assertThat(cur.getStatus().getNumberReady()).isEqualTo(dsPodCount());
            assertThat(cur.getStatus().getNumberAvailable()).isEqualTo(dsPodCount());
        });

        // a template change rolls out node by node (maxUnavailable 1): every pod replaced by one with the new hash
        client.apps().daemonSets().inNamespace(NS).withName(DS).edit(d -> new DaemonSetBuilder(d).editSpec().editTemplate()
                .editMetadata().addToAnnotations("rollout", "2").endMetadata().endTemplate().endSpec().build());
        await().atMost(WAIT).until(() -> {
            markAllReady();
            Map<String, List<Pod>> now = podsOnTestNodes();
            return now.keySet().equals(Set.of(NODE_A, NODE_B)) && now.values().stream().allMatch(l -> l.size() == 1
                    && !hash.equals(l.get(0).getMetadata().getLabels().get("controller-revision-hash"))
                    && "2".equals(l.get(0).getMetadata().getLabels().get("pod-template-generation")));
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("SuccessfulDelete")).extracting(Event::getMessage)
                .contains("Deleted pod: " + byNode.get(NODE_A).get(0).getMetadata().getName(),
                        "Deleted pod: " + byNode.get(NODE_B).get(0).getMetadata().getName()));
        await().atMost(WAIT).untilAsserted(() -> {
            DaemonSet cur = client.apps().daemonSets().inNamespace(NS).withName(DS).get();
            assertThat(cur.getStatus().getUpdatedNumberScheduled()).isEqualTo(dsPodCount());
            assertThat(cur.getStatus().getObservedGeneration()).isEqualTo(cur.getMetadata().getGeneration());
        });

        // a node that goes away takes its (unbound) pod with it
        client.nodes().withName(NODE_B).delete();
        await().atMost(WAIT).until(() -> podsOnTestNodes().keySet().equals(Set.of(NODE_A)));
    }
}
