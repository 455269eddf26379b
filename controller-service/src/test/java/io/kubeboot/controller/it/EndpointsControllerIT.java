package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubeboot.controller.endpoints.EndpointsController;
import io.kubeboot.controller.endpoints.EndpointsProperties;
import io.kubeboot.controller.endpointslice.EndpointSliceController;
import io.kubeboot.controller.endpointslice.EndpointSliceProperties;
import io.kubeboot.testkit.SharedExamples;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Endpoints and EndpointSlice controllers against the real apiserver, the test playing the kubelet (pod IPs,
 * phase and Ready condition written through the status subresource). Uses the website's "Connecting Applications
 * with Services" example (run-my-nginx.yaml, nginx-svc.yaml); the Deployment's pods are created directly from its
 * template, as no deployment controller runs here.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EndpointsControllerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ItSupport.Manager manager;
    private static KubernetesClient client;
    private static String node;
    private String ns;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        node = "ep-node-" + UUID.randomUUID().toString().substring(0, 8);
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
                .addToLabels("topology.kubernetes.io/zone", "zone-a").endMetadata().build()).create();
        manager = new ItSupport.Manager("kcm-ep-it", List.of(
                EndpointsController.descriptor(new EndpointsProperties()),
                EndpointSliceController.descriptor(new EndpointSliceProperties())));
        await().atMost(Duration.ofSeconds(30)).until(manager.manager::isLeader);
    }

    @AfterAll
    static void stopManager() {
        if (manager != null) {
            manager.close();
        }
        if (client != null) {
            client.nodes().withName(node).delete();
            client.close();
        }
    }

    @BeforeEach
    void namespace() {
        ns = ItSupport.createNamespace(client, "ep");
    }

    /** A pod from {@code template}, bound to the test node. */
    private Pod createPod(String name, PodTemplateSpec template) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withLabels(template.getMetadata().getLabels()).endMetadata()
                .withSpec(template.getSpec()).editSpec().withNodeName(node).endSpec().build();
        return client.pods().inNamespace(ns).resource(pod).create();
    }

    /** As the kubelet: Running with {@code ip}, Ready as given. */
    private void reportStatus(String name, String ip, boolean ready) {
        client.pods().inNamespace(ns).withName(name).editStatus(p -> new PodBuilder(p).editOrNewStatus()
                .withPhase("Running").withPodIP(ip).withPodIPs().addNewPodIP().withIp(ip).endPodIP()
                .withConditions().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .withLastTransitionTime(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).endCondition()
                .endStatus().build());
    }

    private Endpoints endpoints(String name) {
        return client.endpoints().inNamespace(ns).withName(name).get();
    }

    private List<EndpointSlice> slices(String service) {
        return client.discovery().v1().endpointSlices().inNamespace(ns)
                .withLabel("kubernetes.io/service-name", service).list().getItems();
    }

    private static List<String> ips(List<EndpointAddress> addresses) {
        return addresses == null ? List.of() : addresses.stream().map(EndpointAddress::getIp).toList();
    }

    @Test
    void websiteNginxServiceListsReadyAndNotReadyPods() throws Exception {
        // every version of the Endpoints, for the trigger-time annotation below
        List<Endpoints> versions = new CopyOnWriteArrayList<>();
        Watch watch = client.endpoints().inNamespace(ns).withName("my-nginx").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Endpoints resource) {
                versions.add(resource);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        Service svc = client.services().inNamespace(ns)
                .load(SharedExamples.manifest("service/networking/nginx-svc.yaml").toFile()).create();
        Deployment deployment = client.apps().deployments().inNamespace(ns)
                .load(SharedExamples.manifest("service/networking/run-my-nginx.yaml").toFile()).item();
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        Pod a = createPod("my-nginx-a", template);
        Pod b = createPod("my-nginx-b", template);
        Pod c = createPod("my-nginx-c", template);
        reportStatus("my-nginx-a", "10.244.1.11", true);
        reportStatus("my-nginx-b", "10.244.1.10", true);
        reportStatus("my-nginx-c", "10.244.1.12", false);

        await().atMost(WAIT).untilAsserted(() -> {
            Endpoints ep = endpoints("my-nginx");
            assertThat(ep).isNotNull();
            assertThat(ep.getSubsets()).singleElement().satisfies(ss -> {
                assertThat(ips(ss.getAddresses())).containsExactly("10.244.1.10", "10.244.1.11");
                assertThat(ips(ss.getNotReadyAddresses())).containsExactly("10.244.1.12");
                assertThat(ss.getPorts()).singleElement().satisfies(p -> {
                    assertThat(p.getPort()).isEqualTo(80);
                    assertThat(p.getProtocol()).isEqualTo("TCP");
                });
            });
        });
        Endpoints ep = endpoints("my-nginx");
        EndpointAddress first = ep.getSubsets().get(0).getAddresses().get(0);
        assertThat(first.getNodeName()).isEqualTo(node);
        assertThat(first.getTargetRef().getKind()).isEqualTo("Pod");
        assertThat(first.getTargetRef().getNamespace()).isEqualTo(ns);
        assertThat(first.getTargetRef().getName()).isEqualTo("my-nginx-b");
        assertThat(first.getTargetRef().getUid()).isEqualTo(b.getMetadata().getUid());
        assertThat(ep.getMetadata().getLabels()).containsExactlyEntriesOf(Map.of("run", "my-nginx"));
        // the write that listed the pods carried the time of the change that caused it; a later sync that finds
        // nothing new (e.g. the retry after a stale informer cache) drops the annotation, as upstream's does
        await().atMost(WAIT).untilAsserted(() -> assertThat(versions).anySatisfy(v -> {
            assertThat(v.getSubsets()).isNotEmpty();
            assertThat(v.getMetadata().getAnnotations()).containsKey("endpoints.kubernetes.io/last-change-trigger-time");
        }));
        watch.close();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(slices("my-nginx")).singleElement().satisfies(s -> {
                assertThat(s.getEndpoints()).extracting(e -> e.getAddresses().get(0), e -> e.getConditions().getReady())
                        .containsExactlyInAnyOrder(Tuple.tuple("10.244.1.10", true), Tuple.tuple("10.244.1.11", true),
                                Tuple.tuple("10.244.1.12", false));
            });
        });
        EndpointSlice slice = slices("my-nginx").get(0);
        assertThat(slice.getMetadata().getName()).startsWith("my-nginx-").isNotEqualTo("my-nginx-");
        assertThat(slice.getMetadata().getGenerateName()).isEqualTo("my-nginx-");
        assertThat(slice.getMetadata().getLabels()).containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                .containsEntry("run", "my-nginx");
        assertThat(slice.getAddressType()).isEqualTo("IPv4");
        assertThat(slice.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(80);
            assertThat(p.getProtocol()).isEqualTo("TCP");
        });
        assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Service");
            assertThat(o.getUid()).isEqualTo(svc.getMetadata().getUid());
            assertThat(o.getController()).isTrue();
        });
        Endpoint ea = slice.getEndpoints().stream().filter(e -> e.getTargetRef().getName().equals("my-nginx-a")).findFirst().orElseThrow();
        assertThat(ea.getNodeName()).isEqualTo(node);
        assertThat(ea.getZone()).isEqualTo("zone-a");
        assertThat(ea.getConditions().getServing()).isTrue();
        assertThat(ea.getConditions().getTerminating()).isFalse();
        assertThat(ea.getTargetRef().getUid()).isEqualTo(a.getMetadata().getUid());

        // the not-ready pod becomes ready; a ready one goes away
        reportStatus("my-nginx-c", "10.244.1.12", true);
        client.pods().inNamespace(ns).withName("my-nginx-a").withGracePeriod(0).delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(endpoints("my-nginx").getSubsets()).singleElement().satisfies(ss -> {
            assertThat(ips(ss.getAddresses())).containsExactly("10.244.1.10", "10.244.1.12");
            assertThat(ss.getNotReadyAddresses()).isNullOrEmpty();
        }));
        await().atMost(WAIT).untilAsserted(() -> assertThat(slices("my-nginx")).singleElement().satisfies(s ->
                assertThat(s.getEndpoints()).extracting(e -> e.getTargetRef().getName(), e -> e.getConditions().getReady())
                        .containsExactlyInAnyOrder(Tuple.tuple("my-nginx-b", true), Tuple.tuple("my-nginx-c", true))));
        assertThat(c.getMetadata().getUid()).isNotNull();

        // the Service goes: so do its Endpoints
        client.services().inNamespace(ns).withName("my-nginx").delete();
        await().atMost(WAIT).until(() -> endpoints("my-nginx") == null);
    }

    @Test
    void namedAndNumericTargetPortsAreResolvedPerPod() {
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web"))
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .addNewPort().withName("metrics").withPort(9090).withTargetPort(new IntOrString(9100)).endPort()
                .endSpec().build()).create();
        PodTemplateSpec template = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx")
                .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec().build();
        createPod("web-0", template);
        reportStatus("web-0", "10.244.2.5", true);

        await().atMost(WAIT).untilAsserted(() -> assertThat(endpoints("web")).isNotNull().satisfies(ep ->
                assertThat(ep.getSubsets()).singleElement().satisfies(ss -> {
                    assertThat(ips(ss.getAddresses())).containsExactly("10.244.2.5");
                    assertThat(ss.getPorts()).extracting(EndpointPort::getName, EndpointPort::getPort)
                            .containsExactlyInAnyOrder(Tuple.tuple("http", 8080), Tuple.tuple("metrics", 9100));
                })));
        await().atMost(WAIT).untilAsserted(() -> assertThat(slices("web")).singleElement().satisfies(s ->
                assertThat(s.getPorts()).extracting(io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort::getName,
                                io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort::getPort)
                        .containsExactlyInAnyOrder(Tuple.tuple("http", 8080), Tuple.tuple("metrics", 9100))));
    }

    @Test
    void aServiceWithoutSelectorKeepsItsManualEndpoints() {
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("external").endMetadata()
                .withNewSpec().addNewPort().withPort(80).withTargetPort(new IntOrString(9376)).endPort().endSpec().build()).create();
        Endpoints manual = client.endpoints().inNamespace(ns).resource(new EndpointsBuilder().withNewMetadata().withName("external").endMetadata()
                .addNewSubset().addNewAddress().withIp("192.0.2.42").endAddress().addNewPort().withPort(9376).endPort().endSubset()
                .build()).create();

        // a Service with a selector synced after it shows the controllers have looked at the namespace
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("marker").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "none")).addNewPort().withPort(80).endPort().endSpec().build()).create();
        await().atMost(WAIT).until(() -> endpoints("marker") != null && !slices("marker").isEmpty());
        assertThat(endpoints("marker").getSubsets()).isNullOrEmpty();
        assertThat(slices("marker")).singleElement().satisfies(s -> assertThat(s.getEndpoints()).isNullOrEmpty());

        Endpoints after = endpoints("external");
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(manual.getMetadata().getResourceVersion());
        assertThat(after.getSubsets()).extracting(EndpointSubset::getAddresses).singleElement()
                .satisfies(l -> assertThat(ips(l)).containsExactly("192.0.2.42"));
        assertThat(slices("external")).isEmpty();
    }
}
