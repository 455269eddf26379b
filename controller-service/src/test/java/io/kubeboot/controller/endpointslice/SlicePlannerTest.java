package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The slice packing of upstream's reconciler (cases after reconciler_test.go). */
class SlicePlannerTest {
    private static final Function<String, Optional<Node>> NODES = n -> Optional.of(TestPods.node(n, "zone-a"));

    private final SlicePlanner planner = new SlicePlanner(100, SliceShapes.CONTROLLER_NAME);

    private static List<Pod> pods(int n) {
        return IntStream.range(0, n).mapToObj(i -> TestPods.ready("p" + i, "10.0." + (i / 250) + "." + (i % 250 + 1))).toList();
    }

    /** An existing slice as the apiserver would return it: named, with uid and generation. */
    private static EndpointSlice stored(EndpointSlice s, String name) {
        return new EndpointSliceBuilder(s).editMetadata().withName(name).withUid("uid-" + name).withGeneration(1L)
                .withResourceVersion("7").endMetadata().build();
    }

    @ParameterizedTest(name = "{0} pods -> slices of {1}")
    @CsvSource({"0, ''", "1, 1", "100, 100", "101, '100;1'", "250, '100;100;50'"})
    void packsNewEndpointsIntoSlicesOfAtMostMaxEndpoints(int n, String sizes) {
        SlicePlanner.Plan plan = planner.plan(TestPods.service(), pods(n), List.of(), NODES);
        List<Integer> expected = sizes.isEmpty() ? List.of(0)
                : java.util.Arrays.stream(sizes.split(";")).map(Integer::parseInt).toList();
        assertThat(plan.toCreate()).extracting(SliceShapes::size).containsExactlyElementsOf(expected);
        assertThat(plan.toUpdate()).isEmpty();
        assertThat(plan.toDelete()).isEmpty();
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void aNewSliceIsShapedAsUpstreamWrites() {
        Service svc = TestPods.service(TestPods.port("http", 80, new IntOrString("http")),
                TestPods.port("", 9090, new IntOrString(9100))).editMetadata().withLabels(Map.of("team", "a")).endMetadata().build();
        Pod notReady = TestPods.pod("b", "10.0.0.2", false).build();
        Pod terminating = TestPods.pod("t", "10.0.0.3", true).editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata().build();
        SlicePlanner.Plan plan = planner.plan(svc, List.of(TestPods.ready("a", "10.0.0.1"), notReady, terminating), List.of(), NODES);

        assertThat(plan.toCreate()).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getGenerateName()).isEqualTo("web-");
            assertThat(s.getMetadata().getNamespace()).isEqualTo("ns");
            assertThat(s.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "a",
                    "kubernetes.io/service-name", "web", "endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"));
            assertThat(s.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getApiVersion()).isEqualTo("v1");
                assertThat(o.getKind()).isEqualTo("Service");
                assertThat(o.getName()).isEqualTo("web");
                assertThat(o.getUid()).isEqualTo("svc-uid");
                assertThat(o.getController()).isTrue();
                assertThat(o.getBlockOwnerDeletion()).isTrue();
            });
            assertThat(s.getAddressType()).isEqualTo("IPv4");
            assertThat(s.getPorts()).extracting(EndpointPort::getName, EndpointPort::getPort, EndpointPort::getProtocol)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("http", 8080, "TCP"),
                            org.assertj.core.groups.Tuple.tuple("", 9100, "TCP"));
            assertThat(s.getEndpoints()).extracting(e -> e.getTargetRef().getName(), e -> e.getConditions().getReady(),
                            e -> e.getConditions().getServing(), e -> e.getConditions().getTerminating())
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", true, true, false),
                            org.assertj.core.groups.Tuple.tuple("b", false, false, false),
                            org.assertj.core.groups.Tuple.tuple("t", false, true, true));
            Endpoint a = s.getEndpoints().stream().filter(e -> e.getTargetRef().getName().equals("a")).findFirst().orElseThrow();
            assertThat(a.getAddresses()).containsExactly("10.0.0.1");
            assertThat(a.getNodeName()).isEqualTo("node-1");
            assertThat(a.getZone()).isEqualTo("zone-a");
            assertThat(a.getTargetRef().getKind()).isEqualTo("Pod");
            assertThat(a.getTargetRef().getNamespace()).isEqualTo("ns");
            assertThat(a.getTargetRef().getUid()).isEqualTo("uid-a");
        });
    }

    @Test
    void aServiceWithoutEndpointsGetsOnePlaceholderAndKeepsIt() {
        SlicePlanner.Plan first = planner.plan(TestPods.service(), List.of(), List.of(), NODES);
        assertThat(first.toCreate()).singleElement().satisfies(s -> {
            assertThat(s.getPorts()).isEmpty();
            assertThat(s.getEndpoints()).isEmpty();
        });
        EndpointSlice placeholder = stored(first.toCreate().get(0), "web-abcde");
        assertThat(planner.plan(TestPods.service(), List.of(), List.of(placeholder), NODES).isEmpty()).isTrue();
    }

    @Test
    void unchangedEndpointsLeaveTheSliceAloneAndChangedOnesUpdateItInPlace() {
        Service svc = TestPods.service();
        EndpointSlice existing = stored(planner.plan(svc, pods(3), List.of(), NODES).toCreate().get(0), "web-abcde");
        assertThat(planner.plan(svc, pods(3), List.of(existing), NODES).isEmpty()).isTrue();

        List<Pod> changed = new ArrayList<>(pods(3));
        changed.set(1, TestPods.pod("p1", "10.0.0.2", false).build());
        SlicePlanner.Plan plan = planner.plan(svc, changed, List.of(existing), NODES);
        assertThat(plan.toCreate()).isEmpty();
        assertThat(plan.toDelete()).isEmpty();
        assertThat(plan.toUpdate()).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getName()).isEqualTo("web-abcde");
            assertThat(s.getEndpoints()).filteredOn(e -> e.getTargetRef().getName().equals("p1"))
                    .singleElement().satisfies(e -> assertThat(e.getConditions().getReady()).isFalse());
        });
        // the cached object is not touched
        assertThat(existing.getEndpoints()).allSatisfy(e -> assertThat(e.getConditions().getReady()).isTrue());
    }

    @Test
    void newEndpointsFillTheUnchangedSliceThatFitsBest() {
        Service svc = TestPods.service();
        EndpointSlice full = stored(planner.plan(svc, pods(100), List.of(), NODES).toCreate().get(0), "web-full");
        SlicePlanner.Plan plan = planner.plan(svc, pods(102), List.of(full), NODES);
        assertThat(plan.toUpdate()).isEmpty();
        assertThat(plan.toCreate()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).hasSize(2));

        EndpointSlice small = stored(planner.plan(svc, pods(102).subList(100, 102), List.of(), NODES).toCreate().get(0), "web-small");
        SlicePlanner.Plan next = planner.plan(svc, pods(103), List.of(full, small), NODES);
        assertThat(next.toCreate()).isEmpty();
        assertThat(next.toUpdate()).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getName()).isEqualTo("web-small");
            assertThat(s.getEndpoints()).hasSize(3);
        });
    }

    @Test
    void aSliceLeftEmptyIsReusedForNewEndpointsInsteadOfDeleteAndCreate() {
        Service svc = TestPods.service();
        EndpointSlice old = stored(planner.plan(svc, List.of(TestPods.ready("old", "10.0.0.1")), List.of(), NODES).toCreate().get(0), "web-old");
        Service numeric = TestPods.service(TestPods.port("http", 80, new IntOrString(8081))).build();
        // the port set changed: the old slice's group is no longer wanted, a new one is needed
        SlicePlanner.Plan plan = planner.plan(numeric, List.of(TestPods.ready("old", "10.0.0.1")), List.of(old), NODES);
        assertThat(plan.toCreate()).isEmpty();
        assertThat(plan.toDelete()).isEmpty();
        assertThat(plan.toUpdate()).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getName()).isEqualTo("web-old");
            assertThat(s.getMetadata().getResourceVersion()).isEqualTo("7");
            assertThat(s.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8081));
        });
    }

    @Test
    void slicesNotOwnedByTheServiceAreDeleted() {
        Service svc = TestPods.service();
        EndpointSlice foreign = new EndpointSliceBuilder(stored(planner.plan(svc, pods(1), List.of(), NODES).toCreate().get(0), "web-old"))
                .editMetadata().editFirstOwnerReference().withUid("previous-service-uid").endOwnerReference().endMetadata().build();
        SlicePlanner.Plan plan = planner.plan(svc, pods(1), List.of(foreign), NODES);
        assertThat(plan.toDelete()).extracting(s -> s.getMetadata().getName()).containsExactly("web-old");
        assertThat(plan.toCreate()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).hasSize(1));
    }

    @Test
    void podsOnUnknownNodesAreLeftOutAndReported() {
        SlicePlanner.Plan plan = planner.plan(TestPods.service(), pods(2), List.of(), n -> Optional.empty());
        assertThat(plan.errors()).containsExactly(
                "skipping Pod p0 for Service ns/web: Node node-1 Not Found",
                "skipping Pod p1 for Service ns/web: Node node-1 Not Found");
        assertThat(plan.toCreate()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).isEmpty());

        Service publish = new ServiceBuilder(TestPods.service()).editSpec().withPublishNotReadyAddresses(true).endSpec().build();
        SlicePlanner.Plan published = planner.plan(publish, pods(2), List.of(), n -> Optional.empty());
        assertThat(published.errors()).isEmpty();
        assertThat(published.toCreate()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).hasSize(2)
                .allSatisfy(e -> assertThat(e.getZone()).isNull()));
    }

    @Test
    void labelChangesOfTheServiceAreCopiedToItsSlices() {
        Service svc = TestPods.service();
        EndpointSlice existing = stored(planner.plan(svc, pods(1), List.of(), NODES).toCreate().get(0), "web-abcde");
        Service relabelled = new ServiceBuilder(svc).editMetadata().withLabels(Map.of("tier", "front")).endMetadata().build();
        SlicePlanner.Plan plan = planner.plan(relabelled, pods(1), List.of(existing), NODES);
        assertThat(plan.toUpdate()).singleElement().satisfies(s -> assertThat(s.getMetadata().getLabels()).containsEntry("tier", "front")
                .containsEntry("kubernetes.io/service-name", "web"));
    }

    @Test
    void headlessDualStackServiceWithoutFamiliesGetsBothAddressTypes() {
        Service headless = new ServiceBuilder(TestPods.service()).editSpec().withClusterIP("None").withIpFamilies(List.of()).endSpec().build();
        Pod dual = TestPods.pod("a", "10.0.0.1", true).editStatus().addNewPodIP().withIp("fd00::1").endPodIP().endStatus().build();
        SlicePlanner.Plan plan = planner.plan(headless, List.of(dual), List.of(), NODES);
        assertThat(plan.toCreate()).extracting(EndpointSlice::getAddressType).containsExactlyInAnyOrder("IPv4", "IPv6");
        assertThat(plan.toCreate()).allSatisfy(s -> assertThat(s.getMetadata().getLabels()).containsEntry("service.kubernetes.io/headless", ""));
        assertThat(plan.toCreate()).filteredOn(s -> s.getAddressType().equals("IPv6")).singleElement()
                .satisfies(s -> assertThat(s.getEndpoints().get(0).getAddresses()).containsExactly("fd00::1"));
    }
}
