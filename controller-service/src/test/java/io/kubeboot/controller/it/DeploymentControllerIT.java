package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubeboot.controller.deployment.DeploymentController;
import io.kubeboot.controller.replicaset.ReplicaSetController;
import io.kubeboot.testkit.ApiServerProcess;
import io.kubeboot.testkit.Kubectl;
import io.kubeboot.testkit.SharedExamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Deployment and ReplicaSet controllers, run in-process by the controller manager, against the real apiserver.
 * There is no node agent: the test plays the kubelet by marking pods Running and Ready through pods/status.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DeploymentControllerIT {
    private static final String NAME = "nginx-deployment";
    private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/name", "nginx");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HASH_ALPHABET = "[bcdfghjklmnpqrstvwxz2456789]+";

    private static ItSupport.Manager manager;
    private static KubernetesClient client;
    private String ns;
    private FakeKubelet kubelet;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        manager = new ItSupport.Manager("kcm-deploy-it", List.of(ReplicaSetController.descriptor(), DeploymentController.descriptor()));
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
        ns = ItSupport.createNamespace(client, "deploy");
        kubelet = new FakeKubelet(client, ns);
    }

    @AfterEach
    void stopKubelet() {
        kubelet.close();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void nginxDeploymentGetsOneReplicaSetAndThreeReadyPods() throws Exception {
        Deployment d = createNginx();

        ReplicaSet rs = awaitComplete(d);
        String hash = rs.getMetadata().getLabels().get("pod-template-hash");
        assertThat(hash).matches(HASH_ALPHABET).hasSizeBetween(8, 10);
        assertThat(rs.getMetadata().getName()).isEqualTo(NAME + "-" + hash);
        assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry("pod-template-hash", hash)
                .containsAllEntriesOf(LABELS);
        assertThat(rs.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
        assertThat(rs.getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "1")
                .containsEntry("deployment.kubernetes.io/desired-replicas", "3")
                .containsEntry("deployment.kubernetes.io/max-replicas", "4");
        assertControllerRef(rs.getMetadata().getOwnerReferences(), "Deployment", NAME, d.getMetadata().getUid());

        List<Pod> pods = pods();
        assertThat(pods).hasSize(3);
        for (Pod p : pods) {
            assertThat(p.getMetadata().getName()).startsWith(rs.getMetadata().getName() + "-");
            assertThat(p.getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
            assertControllerRef(p.getMetadata().getOwnerReferences(), "ReplicaSet", rs.getMetadata().getName(), rs.getMetadata().getUid());
        }

        Deployment cur = deployment();
        assertThat(cur.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(cur.getStatus().getObservedGeneration()).isEqualTo(cur.getMetadata().getGeneration());
        assertThat(cur.getStatus().getReplicas()).isEqualTo(3);
        assertThat(cur.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(cur.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(cur.getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(condition(cur, "Available")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("MinimumReplicasAvailable");
            assertThat(c.getMessage()).isEqualTo("Deployment has minimum availability.");
        });
        assertThat(condition(cur, "Progressing")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable");
            assertThat(c.getMessage()).isEqualTo("ReplicaSet \"" + rs.getMetadata().getName() + "\" has successfully progressed.");
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventMessages("ScalingReplicaSet"))
                .containsExactly("Scaled up replica set " + rs.getMetadata().getName() + " from 0 to 3"));
    }

    @Test
    void imageChangeRollsOutWithinSurgeAndUnavailabilityBounds() throws Exception {
        Deployment d = createNginx();
        ReplicaSet first = awaitComplete(d);

        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        // replicas 3, maxSurge 25% rounds up to 1, maxUnavailable 25% rounds down to 0
        try (PodBoundsWatch ignored = new PodBoundsWatch(client, ns, 4, 3, violations)) {
            setImage("nginx:1.16.1");
            ReplicaSet second = awaitComplete(d);
            assertThat(second.getMetadata().getName()).isNotEqualTo(first.getMetadata().getName());
            assertThat(second.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
            await().atMost(WAIT).until(() -> replicas(first.getMetadata().getName()) == 0 && pods().size() == 3);
        }
        assertThat(violations).as("pod counts observed at every watch event").isEmpty();
        assertThat(deployment().getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(pods()).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.16.1"));
        assertThat(eventMessages("ScalingReplicaSet"))
                .contains("Scaled down replica set " + first.getMetadata().getName() + " from 3 to 2")
                .anyMatch(m -> m.matches("Scaled up replica set " + NAME + "-" + HASH_ALPHABET + " from 0 to 1"));

        if (Kubectl.available()) {
            Kubectl.Result r = kubectl().run("rollout", "status", "deployment/" + NAME, "-n", ns, "--timeout=60s").assertOk();
            assertThat(r.out()).contains("deployment \"" + NAME + "\" successfully rolled out");
        }
    }

    @Test
    void rolloutUndoGoesBackToTheOldReplicaSet() throws Exception {
        Deployment d = createNginx();
        ReplicaSet first = awaitComplete(d);
        setImage("nginx:1.16.1");
        ReplicaSet second = awaitComplete(d);
        assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());

        if (Kubectl.available()) {
            kubectl().run("rollout", "undo", "deployment/" + NAME, "-n", ns).assertOk();
        } else {
            // what kubectl 1.32 does client side: the old ReplicaSet's template, without its hash label
            var template = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(first.getSpec().getTemplate()).build();
            template.getMetadata().getLabels().remove("pod-template-hash");
            editDeployment(x -> new DeploymentBuilder(x).editSpec().withTemplate(template).endSpec().build());
        }
        ReplicaSet back = awaitComplete(d);
        assertThat(back.getMetadata().getUid()).as("the old ReplicaSet is reused").isEqualTo(first.getMetadata().getUid());
        assertThat(back.getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "3")
                .containsEntry("deployment.kubernetes.io/revision-history", "1");
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).hasSize(2);
        await().atMost(WAIT).until(() -> replicas(second.getMetadata().getName()) == 0);
        assertThat(deployment().getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3");
        assertThat(pods()).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.14.2"));
    }

    @Test
    void scalesToZeroAndBack() throws Exception {
        Deployment d = createNginx();
        ReplicaSet rs = awaitComplete(d);

        scale(0);
        await().atMost(WAIT).until(() -> pods().isEmpty() && replicas(rs.getMetadata().getName()) == 0);
        await().atMost(WAIT).untilAsserted(() -> {
            Deployment cur = deployment();
            assertThat(cur.getStatus().getObservedGeneration()).isEqualTo(cur.getMetadata().getGeneration());
            assertThat(nz(cur.getStatus().getReplicas())).isZero();
            assertThat(condition(cur, "Available").getStatus()).isEqualTo("True");
        });
        assertThat(client.apps().replicaSets().inNamespace(ns).withName(rs.getMetadata().getName()).get()
                .getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/desired-replicas", "0");

        scale(3);
        ReplicaSet again = awaitComplete(d);
        assertThat(again.getMetadata().getUid()).isEqualTo(rs.getMetadata().getUid());
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventMessages("ScalingReplicaSet")).contains(
                "Scaled down replica set " + rs.getMetadata().getName() + " from 3 to 0",
                "Scaled up replica set " + rs.getMetadata().getName() + " from 0 to 3"));
    }

    @Test
    void pausedDeploymentScalesButDoesNotRollOutUntilResumed() throws Exception {
        Deployment d = createNginx();
        ReplicaSet first = awaitComplete(d);

        editDeployment(x -> new DeploymentBuilder(x).editSpec().withPaused(true).endSpec().build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(condition(deployment(), "Progressing")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("DeploymentPaused");
            assertThat(c.getMessage()).isEqualTo("Deployment is paused");
        }));
        setImage("nginx:1.16.1");
        scale(4);
        await().atMost(WAIT).until(() -> replicas(first.getMetadata().getName()) == 4 && readyPods() == 4);
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).as("no rollout while paused").hasSize(1);

        editDeployment(x -> new DeploymentBuilder(x).editSpec().withPaused(false).endSpec().build());
        ReplicaSet second = awaitComplete(d);
        assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
        assertThat(second.getSpec().getReplicas()).isEqualTo(4);

        // kubectl rollout restart: a template annotation change is a new template
        if (Kubectl.available()) {
            kubectl().run("rollout", "restart", "deployment/" + NAME, "-n", ns).assertOk();
        } else {
            editDeployment(x -> new DeploymentBuilder(x).editSpec().editTemplate()
                    .editMetadata().addToAnnotations("kubectl.kubernetes.io/restartedAt", Instant.now().toString()).endMetadata()
                    .endTemplate().endSpec().build());
        }
        ReplicaSet third = awaitComplete(d);
        assertThat(third.getMetadata().getUid()).isNotIn(first.getMetadata().getUid(), second.getMetadata().getUid());
        assertThat(third.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
    }

    @Test
    void scalingMidRolloutIsProportional() throws Exception {
        // the documentation's example: 10 replicas, maxSurge 3, maxUnavailable 2, a rollout stuck on a bad image
        kubelet.readyOnly(p -> !"nginx:sometag".equals(p.getSpec().getContainers().get(0).getImage()));
        Deployment d = loadNginx();
        d.getSpec().setReplicas(10);
        d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString(3)).withMaxUnavailable(new IntOrString(2)).endRollingUpdate().build());
        d = client.apps().deployments().inNamespace(ns).resource(d).create();
        ReplicaSet first = awaitComplete(d);
        assertThat(first.getSpec().getReplicas()).isEqualTo(10);

        setImage("nginx:sometag");
        await().atMost(WAIT).until(() -> replicas(first.getMetadata().getName()) == 8 && newestReplicas(first) == 5);
        scale(15);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(replicas(first.getMetadata().getName())).isEqualTo(11);
            assertThat(newestReplicas(first)).isEqualTo(7);
        });
        for (ReplicaSet rs : client.apps().replicaSets().inNamespace(ns).list().getItems()) {
            assertThat(rs.getMetadata().getAnnotations())
                    .containsEntry("deployment.kubernetes.io/desired-replicas", "15")
                    .containsEntry("deployment.kubernetes.io/max-replicas", "18");
        }
    }

    @Test
    void recreateScalesTheOldReplicaSetDownBeforeCreatingTheNewOne() throws Exception {
        Deployment d = loadNginx();
        d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder().withType("Recreate").build());
        d = client.apps().deployments().inNamespace(ns).resource(d).create();
        ReplicaSet first = awaitComplete(d);

        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> imageByPod = new ConcurrentHashMap<>();
        for (Pod p : pods()) {
            imageByPod.put(p.getMetadata().getName(), p.getSpec().getContainers().get(0).getImage());
        }
        Watch w = client.pods().inNamespace(ns).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.DELETED) {
                    imageByPod.remove(pod.getMetadata().getName());
                } else {
                    imageByPod.put(pod.getMetadata().getName(), pod.getSpec().getContainers().get(0).getImage());
                }
                if (imageByPod.values().stream().distinct().count() > 1) {
                    violations.add("old and new pods at once: " + imageByPod);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        try {
            setImage("nginx:1.16.1");
            ReplicaSet second = awaitComplete(d);
            assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
        } finally {
            w.close();
        }
        assertThat(violations).isEmpty();
        assertThat(eventMessages("ScalingReplicaSet")).contains("Scaled down replica set " + first.getMetadata().getName() + " from 3 to 0");
    }

    // ------------------------------------------------------------------ helpers

    private Deployment loadNginx() throws Exception {
        try (InputStream in = Files.newInputStream(SharedExamples.manifest("controllers/nginx-deployment.yaml"))) {
            return client.apps().deployments().load(in).item();
        }
    }

    private Deployment createNginx() throws Exception {
        return client.apps().deployments().inNamespace(ns).resource(loadNginx()).create();
    }

    /** Waits until the Deployment's current generation is fully rolled out and returns its new ReplicaSet. */
    private ReplicaSet awaitComplete(Deployment d) {
        await().atMost(WAIT).until(() -> {
            Deployment cur = deployment();
            int replicas = cur.getSpec().getReplicas();
            var s = cur.getStatus();
            return s != null && Objects.equals(s.getObservedGeneration(), cur.getMetadata().getGeneration())
                    && nz(s.getUpdatedReplicas()) == replicas && nz(s.getReplicas()) == replicas
                    && nz(s.getAvailableReplicas()) == replicas && readyPods() == replicas
                    && newReplicaSet(cur) != null;
        });
        return newReplicaSet(deployment());
    }

    /** The ReplicaSet whose revision is the Deployment's. */
    private ReplicaSet newReplicaSet(Deployment d) {
        String revision = d.getMetadata().getAnnotations() == null ? null : d.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
        return client.apps().replicaSets().inNamespace(ns).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getAnnotations() != null
                        && Objects.equals(revision, rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision")))
                .findFirst().orElse(null);
    }

    private int newestReplicas(ReplicaSet other) {
        return client.apps().replicaSets().inNamespace(ns).list().getItems().stream()
                .filter(rs -> !rs.getMetadata().getUid().equals(other.getMetadata().getUid()))
                .mapToInt(rs -> rs.getSpec().getReplicas()).sum();
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(ns).withName(NAME).get();
    }

    private int replicas(String rsName) {
        ReplicaSet rs = client.apps().replicaSets().inNamespace(ns).withName(rsName).get();
        return rs == null ? -1 : rs.getSpec().getReplicas();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(ns).withLabels(LABELS).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private long readyPods() {
        return pods().stream().filter(FakeKubelet::isReady).count();
    }

    private void setImage(String image) {
        editDeployment(x -> new DeploymentBuilder(x).editSpec().editTemplate()
                .editSpec().editFirstContainer().withImage(image).endContainer().endSpec().endTemplate().endSpec().build());
    }

    /** fabric8's edit is a patch guarded by resourceVersion: retried while the controller writes status. */
    private void editDeployment(java.util.function.UnaryOperator<Deployment> change) {
        await().atMost(WAIT).ignoreExceptionsMatching(e -> e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
                && k.getCode() == 409).until(() -> {
            client.apps().deployments().inNamespace(ns).withName(NAME).edit(change);
            return true;
        });
    }

    private void scale(int replicas) {
        editDeployment(x -> new DeploymentBuilder(x).editSpec().withReplicas(replicas).endSpec().build());
    }

    private List<String> eventMessages(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && "Deployment".equals(e.getInvolvedObject().getKind()))
                .sorted((a, b) -> String.valueOf(a.getMetadata().getCreationTimestamp()).compareTo(String.valueOf(b.getMetadata().getCreationTimestamp())))
                .map(Event::getMessage).toList();
    }

    private static DeploymentCondition condition(Deployment d, String type) {
        return d.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " condition in " + d.getStatus()));
    }

    private static void assertControllerRef(List<OwnerReference> refs, String kind, String name, String uid) {
        assertThat(refs).singleElement().satisfies(ref -> {
            assertThat(ref.getApiVersion()).isEqualTo("apps/v1");
            assertThat(ref.getKind()).isEqualTo(kind);
            assertThat(ref.getName()).isEqualTo(name);
            assertThat(ref.getUid()).isEqualTo(uid);
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        });
    }

    private static Kubectl kubectl() {
        return new Kubectl(ApiServerProcess.get().url());
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    /**
     * Plays the kubelet for one namespace: every new pod (that {@code readyOnly} accepts) becomes Running with
     * Ready=True through pods/status, as soon as the watch reports it.
     */
    static final class FakeKubelet implements AutoCloseable {
        private final KubernetesClient client;
        private final String ns;
        private final ExecutorService writer = Executors.newSingleThreadExecutor();
        private final Watch watch;
        private volatile Predicate<Pod> readyOnly = p -> true;

        FakeKubelet(KubernetesClient client, String ns) {
            this.client = client;
            this.ns = ns;
            this.watch = client.pods().inNamespace(ns).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Pod pod) {
                    if (action != Action.DELETED && !isReady(pod) && pod.getMetadata().getDeletionTimestamp() == null
                            && readyOnly.test(pod)) {
                        writer.submit(() -> markReady(pod.getMetadata().getName()));
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            });
        }

        void readyOnly(Predicate<Pod> which) {
            readyOnly = which;
        }

        static boolean isReady(Pod p) {
            return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        }

        private void markReady(String name) {
            try {
                Pod cur = client.pods().inNamespace(ns).withName(name).get();
                if (cur == null || isReady(cur) || cur.getMetadata().getDeletionTimestamp() != null) {
                    return;
                }
                String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
                List<PodCondition> conditions = List.of(
                        new PodConditionBuilder().withType("Initialized").withStatus("True").withLastTransitionTime(now).build(),
                        new PodConditionBuilder().withType("Ready").withStatus("True").withLastTransitionTime(now).build(),
                        new PodConditionBuilder().withType("ContainersReady").withStatus("True").withLastTransitionTime(now).build(),
                        new PodConditionBuilder().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).build());
                Pod ready = new PodBuilder(cur).editOrNewStatus().withPhase("Running").withConditions(conditions)
                        .withStartTime(now).endStatus().build();
                client.pods().inNamespace(ns).resource(ready).updateStatus();
            } catch (RuntimeException e) {
                // a conflict or a pod gone meanwhile: the next watch event retries
            }
        }

        @Override
        public void close() {
            watch.close();
            writer.shutdownNow();
        }
    }

    /** Records every watch event at which the namespace has more than {@code maxPods} pods or fewer than {@code minAvailable} ready. */
    static final class PodBoundsWatch implements AutoCloseable {
        private final Map<String, Pod> pods = new ConcurrentHashMap<>();
        private final Watch watch;

        PodBoundsWatch(KubernetesClient client, String ns, int maxPods, int minAvailable, List<String> violations) {
            for (Pod p : client.pods().inNamespace(ns).list().getItems()) {
                pods.put(p.getMetadata().getName(), p);
            }
            this.watch = client.pods().inNamespace(ns).watch(new Watcher<>() {
                @Override
                public synchronized void eventReceived(Action action, Pod pod) {
                    if (action == Action.DELETED) {
                        pods.remove(pod.getMetadata().getName());
                    } else {
                        pods.put(pod.getMetadata().getName(), pod);
                    }
                    List<Pod> live = pods.values().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
                    long available = live.stream().filter(FakeKubelet::isReady).count();
                    if (live.size() > maxPods || available < minAvailable) {
                        violations.add(action + " " + pod.getMetadata().getName() + ": " + live.size() + " pods, " + available + " available");
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            });
        }

        @Override
        public void close() {
            watch.close();
        }
    }
}
