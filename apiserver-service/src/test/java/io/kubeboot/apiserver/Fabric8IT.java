package io.kubeboot.apiserver;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.testkit.SharedExamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The fabric8 8.0 client, unchanged, against the apiserver: CRUD, patches, informers, conflicts. */
class Fabric8IT extends ApiServerITBase {
    KubernetesClient client;
    String ns;

    @BeforeEach
    void setUp() {
        client = fabric8Client();
        ns = createNamespace("f8");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void createGetListUpdatePatchDelete() throws Exception {
        ConfigMap cm = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("cfg").addToLabels("app", "demo").endMetadata()
                .addToData("k", "v1").build()).create();
        assertThat(cm.getMetadata().getUid()).isNotEmpty();
        assertThat(cm.getMetadata().getResourceVersion()).isNotEmpty();
        assertThat(cm.getMetadata().getCreationTimestamp()).isNotEmpty();

        assertThat(client.configMaps().inNamespace(ns).withName("cfg").get().getData()).containsEntry("k", "v1");
        assertThat(client.configMaps().inNamespace(ns).withName("missing").get()).isNull();
        assertThat(client.configMaps().inNamespace(ns).withLabel("app", "demo").list().getItems()).hasSize(1);
        assertThat(client.configMaps().inNamespace(ns).withLabel("app", "other").list().getItems()).isEmpty();

        ConfigMap edited = client.configMaps().inNamespace(ns).withName("cfg").edit(c ->
                new ConfigMapBuilder(c).addToData("k", "v2").build());
        assertThat(edited.getData()).containsEntry("k", "v2");
        assertThat(Long.parseLong(edited.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(cm.getMetadata().getResourceVersion()));

        ConfigMap merged = client.configMaps().inNamespace(ns).withName("cfg")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"extra\":\"x\"}}");
        assertThat(merged.getData()).containsEntry("extra", "x").containsEntry("k", "v2");
        ConfigMap strategic = client.configMaps().inNamespace(ns).withName("cfg")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}");
        assertThat(strategic.getMetadata().getLabels()).containsEntry("tier", "web").containsEntry("app", "demo");

        Deployment d = client.apps().deployments().inNamespace(ns)
                .load(new FileInputStream(SharedExamples.manifest("controllers/nginx-deployment.yaml").toFile())).create();
        assertThat(d.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        Deployment scaled = client.apps().deployments().inNamespace(ns).withName(d.getMetadata().getName()).scale(4);
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(4);
        assertThat(client.apps().deployments().inNamespace(ns).withName(d.getMetadata().getName()).get()
                .getMetadata().getGeneration()).isEqualTo(2L);

        assertThat(client.configMaps().inNamespace(ns).withName("cfg").delete()).hasSize(1);
        assertThat(client.configMaps().inNamespace(ns).withName("cfg").get()).isNull();
        assertThat(client.configMaps().inNamespace(ns).withName("cfg").delete()).isEmpty();
    }

    @Test
    void staleResourceVersionIsAConflict() {
        ConfigMap cm = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("c").endMetadata().addToData("n", "0").build()).create();
        client.configMaps().inNamespace(ns).withName("c").edit(c -> new ConfigMapBuilder(c).addToData("n", "1").build());
        ConfigMap stale = new ConfigMapBuilder(cm).addToData("n", "stale").build();
        assertThatThrownBy(() -> client.configMaps().inNamespace(ns).resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                    assertThat(e.getStatus().getMessage()).contains("the object has been modified");
                });
        assertThat(client.configMaps().inNamespace(ns).withName("c").get().getData()).containsEntry("n", "1");
    }

    @Test
    void informerReceivesEveryEventInOrder() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(ns).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                events.add("ADD " + obj.getMetadata().getName() + " " + obj.getData().get("v"));
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                events.add("UPDATE " + newObj.getMetadata().getName() + " " + newObj.getData().get("v"));
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                events.add("DELETE " + obj.getMetadata().getName());
            }
        });
        try {
            informer.run();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = "cm" + i;
                client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                        .endMetadata().addToData("v", "0").build()).create();
                expected.add("ADD " + name + " 0");
            }
            for (int i = 0; i < 20; i++) {
                String name = "cm" + i;
                client.configMaps().inNamespace(ns).withName(name).edit(c -> new ConfigMapBuilder(c).addToData("v", "1").build());
                expected.add("UPDATE " + name + " 1");
            }
            for (int i = 0; i < 20; i += 2) {
                client.configMaps().inNamespace(ns).withName("cm" + i).delete();
                expected.add("DELETE cm" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> events.size() >= expected.size());
            assertThat(events).containsExactlyElementsOf(expected);
            assertThat(informer.getStore().list()).hasSize(10);
        } finally {
            informer.close();
        }
    }

    @Test
    void thirtyTwoWritersLoseNoUpdate() throws Exception {
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("counter")
                .endMetadata().addToData("n", "0").build()).create();
        AtomicInteger successes = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    while (true) {
                        ConfigMap cur = client.configMaps().inNamespace(ns).withName("counter").get();
                        int n = Integer.parseInt(cur.getData().get("n"));
                        ConfigMap next = new ConfigMapBuilder(cur).addToData("n", Integer.toString(n + 1)).build();
                        try {
                            client.configMaps().inNamespace(ns).resource(next).update();
                            successes.incrementAndGet();
                            break;
                        } catch (KubernetesClientException e) {
                            if (e.getCode() != 409) {
                                throw e;
                            }
                            conflicts.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(successes.get()).isEqualTo(320);
        assertThat(client.configMaps().inNamespace(ns).withName("counter").get().getData().get("n")).isEqualTo("320");
        assertThat(conflicts.get()).as("32 writers on one object must have collided").isPositive();
    }

    @Test
    void podsAndBinding() {
        Pod pod = client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx:1.14.2").endContainer().endSpec().build()).create();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(client.pods().inNamespace(ns).withField("spec.nodeName", "").list().getItems()).hasSize(1);

        // what a scheduler sends (fabric8 has no typed call for it)
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"p\"},"
                + "\"target\":{\"kind\":\"Node\",\"name\":\"node-1\"}}";
        assertThat(postJson("/api/v1/namespaces/" + ns + "/pods/p/binding", binding).statusCode()).isEqualTo(201);
        Pod bound = client.pods().inNamespace(ns).withName("p").get();
        assertThat(bound.getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(bound.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("PodScheduled");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        assertThat(client.pods().inNamespace(ns).withField("spec.nodeName", "node-1").list().getItems()).hasSize(1);
        assertThat(postJson("/api/v1/namespaces/" + ns + "/pods/p/binding", binding).statusCode())
                .as("a bound pod cannot be bound again").isEqualTo(409);

        // a bound pod is deleted gracefully: it stays, terminating, until its kubelet confirms
        client.pods().inNamespace(ns).withName("p").delete();
        Pod terminating = client.pods().inNamespace(ns).withName("p").get();
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(terminating.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
        client.pods().inNamespace(ns).withName("p").withGracePeriod(0).delete();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().inNamespace(ns).withName("p").get() == null);
    }

    @Test
    void finalizersHoldDeletionUntilRemoved() {
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("held")
                .withFinalizers("example.com/hold").endMetadata().build()).create();
        client.configMaps().inNamespace(ns).withName("held").delete();
        ConfigMap held = client.configMaps().inNamespace(ns).withName("held").get();
        assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
        client.configMaps().inNamespace(ns).withName("held").edit(c -> {
            c.getMetadata().setFinalizers(List.of());
            return c;
        });
        assertThat(client.configMaps().inNamespace(ns).withName("held").get()).isNull();
    }

    @Test
    void aDeletedNamespaceIsTerminatingAndTakesNoNewContent() {
        client.namespaces().withName(ns).delete();
        var terminating = client.namespaces().withName(ns).get();
        assertThat(terminating.getStatus().getPhase()).isEqualTo("Terminating");
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(terminating.getSpec().getFinalizers()).containsExactly("kubernetes");
        assertThatThrownBy(() -> client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("late").endMetadata().build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getStatus().getMessage()).contains("because it is being terminated");
                    // controllers recognise this case by the cause, as client-go's HasStatusCause does
                    assertThat(e.getStatus().getDetails().getCauses())
                            .anySatisfy(c -> assertThat(c.getReason()).isEqualTo("NamespaceTerminating"));
                });
    }

    @Test
    void servicesGetUniqueClusterIpsAndNodePorts() {
        var svc = client.services().inNamespace(ns).load(SharedExamples.manifest("service/access/backend-service.yaml").toFile()).create();
        assertThat(svc.getSpec().getClusterIP()).matches("10\\.\\d+\\.\\d+\\.\\d+");
        assertThat(svc.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
        var np = client.services().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("np").endMetadata().withNewSpec().withType("NodePort")
                .addNewPort().withPort(80).endPort().addToSelector(Map.of("app", "x")).endSpec().build()).create();
        int nodePort = np.getSpec().getPorts().get(0).getNodePort();
        assertThat(nodePort).isBetween(30000, 32767);
        assertThat(np.getSpec().getClusterIP()).isNotEqualTo(svc.getSpec().getClusterIP());
        // a replace that leaves the allocated values out keeps them, as kubectl replace -f relies on
        var replaced = client.services().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("np").withResourceVersion(np.getMetadata().getResourceVersion()).endMetadata()
                .withNewSpec().withType("NodePort").addNewPort().withPort(80).endPort().addToSelector(Map.of("app", "y"))
                .endSpec().build()).update();
        assertThat(replaced.getSpec().getClusterIP()).isEqualTo(np.getSpec().getClusterIP());
        assertThat(replaced.getSpec().getPorts().get(0).getNodePort()).isEqualTo(nodePort);

        var clash = new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("clash").endMetadata()
                .withNewSpec().withType("NodePort").withClusterIP(svc.getSpec().getClusterIP())
                .addNewPort().withPort(80).endPort().endSpec().build();
        assertThatThrownBy(() -> client.services().inNamespace(ns).resource(clash).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains("provided IP is already allocated");
                });
        assertThat(client.services().inNamespace(ns).withName("clash").get()).isNull();

        client.services().inNamespace(ns).withName("hello").delete();
        var reuse = new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("reuse").endMetadata()
                .withNewSpec().withClusterIP(svc.getSpec().getClusterIP()).addNewPort().withPort(80).endPort().endSpec().build();
        assertThat(client.services().inNamespace(ns).resource(reuse).create().getSpec().getClusterIP())
                .as("a deleted Service's ClusterIP is free again").isEqualTo(svc.getSpec().getClusterIP());
    }
}
