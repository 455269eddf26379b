package io.kubeboot.controller.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubeboot.controller.endpointslice.TestPods;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The subsets of upstream {@code syncService} (cases after endpoints_controller_test.go). */
class DesiredSubsetsTest {

    @Test
    void readyAndNotReadyPodsWithNamedAndNumericTargetPorts() {
        Service svc = TestPods.service(TestPods.port("http", 80, new IntOrString("http")), TestPods.port("metrics", 9090, new IntOrString(9100))).build();
        List<Pod> pods = List.of(TestPods.ready("a", "10.0.0.2"), TestPods.pod("b", "10.0.0.1", false).build(), TestPods.ready("c", "10.0.0.3"));

        DesiredSubsets.Result r = DesiredSubsets.compute(svc, pods);

        assertThat(r.ready()).isEqualTo(4);
        assertThat(r.notReady()).isEqualTo(2);
        assertThat(r.subsets()).singleElement().satisfies(ss -> {
            assertThat(ss.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.2", "10.0.0.3");
            assertThat(ss.getNotReadyAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.1");
            assertThat(ss.getPorts()).extracting(EndpointPort::getName, EndpointPort::getPort, EndpointPort::getProtocol)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("http", 8080, "TCP"),
                            org.assertj.core.groups.Tuple.tuple("metrics", 9100, "TCP"));
            EndpointAddress a = ss.getAddresses().get(0);
            assertThat(a.getNodeName()).isEqualTo("node-1");
            assertThat(a.getTargetRef().getKind()).isEqualTo("Pod");
            assertThat(a.getTargetRef().getNamespace()).isEqualTo("ns");
            assertThat(a.getTargetRef().getName()).isEqualTo("a");
            assertThat(a.getTargetRef().getUid()).isEqualTo("uid-a");
        });
    }

    @Test
    void publishNotReadyAddressesMakesEveryAddressReadyAndKeepsTerminatingPods() {
        Service svc = new ServiceBuilder(TestPods.service()).editSpec().withPublishNotReadyAddresses(true).endSpec().build();
        Pod terminating = TestPods.pod("t", "10.0.0.9", false).editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata().build();
        DesiredSubsets.Result r = DesiredSubsets.compute(svc, List.of(TestPods.pod("b", "10.0.0.1", false).build(), terminating));
        assertThat(r.subsets()).singleElement().satisfies(ss -> {
            assertThat(ss.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.1", "10.0.0.9");
            assertThat(ss.getNotReadyAddresses()).isNullOrEmpty();
        });
    }

    @Test
    void leavesOutTerminalTerminatingAndIpLessPodsAndPodsWithoutTheNamedPort() {
        Service svc = TestPods.service();
        Pod failed = TestPods.pod("f", "10.0.0.5", true).editStatus().withPhase("Failed").endStatus().build();
        Pod deleting = TestPods.pod("d", "10.0.0.6", true).editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata().build();
        Pod noIp = TestPods.pod("n", null, true).build();
        Pod noPort = TestPods.pod("x", "10.0.0.7", true).editSpec().editFirstContainer().withPorts(List.of()).endContainer().endSpec().build();
        assertThat(DesiredSubsets.compute(svc, List.of(failed, deleting, noIp, noPort)).subsets()).isEmpty();
    }

    @Test
    void headlessServiceWithoutPortsGetsPortlessAddressesWithHostnames() {
        Service svc = new ServiceBuilder(TestPods.service()).editSpec().withClusterIP("None").withPorts(List.of()).endSpec().build();
        Pod p = TestPods.pod("h", "10.0.0.4", true).editSpec().withHostname("h0").withSubdomain("web").endSpec().build();
        List<EndpointSubset> subsets = DesiredSubsets.compute(svc, List.of(p)).subsets();
        assertThat(subsets).singleElement().satisfies(ss -> {
            assertThat(ss.getPorts()).isNullOrEmpty();
            assertThat(ss.getAddresses()).singleElement().satisfies(a -> assertThat(a.getHostname()).isEqualTo("h0"));
        });
    }

    @Test
    void portlessServiceWithAClusterIpGetsNoSubsets() {
        Service svc = new ServiceBuilder(TestPods.service()).editSpec().withPorts(List.of()).endSpec().build();
        assertThat(DesiredSubsets.compute(svc, List.of(TestPods.ready("a", "10.0.0.2"))).subsets()).isEmpty();
    }

    @Test
    void ipv6ServicePicksThePodsIpv6Address() {
        Service svc = new ServiceBuilder(TestPods.service()).editSpec().withIpFamilies("IPv6").withClusterIP("fd00::10").endSpec().build();
        Pod dual = TestPods.pod("a", "10.0.0.2", true).editStatus().addNewPodIP().withIp("fd00::2").endPodIP().endStatus().build();
        Pod v4only = TestPods.ready("b", "10.0.0.3");
        assertThat(DesiredSubsets.compute(svc, List.of(dual, v4only)).subsets()).singleElement()
                .satisfies(ss -> assertThat(ss.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("fd00::2"));
    }
}
