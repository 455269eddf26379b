package io.kubeboot.scheduler.plugins.nodeports;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Upstream node_ports_test.go: TestNodePorts and TestPreFilterDisabled. */
class NodePortsTest {
    private static final Status CONFLICT = Status.unschedulable("node(s) didn't have free ports for the requested pod ports");
    private final NodePorts plugin = new NodePorts(Map.of(), null);

    /** As upstream's newPod: each port is "PROTOCOL/hostIP/hostPort" on the one app container. */
    private static Pod newPod(String... hostPortInfos) {
        List<ContainerPort> ports = new ArrayList<>();
        for (String info : hostPortInfos) {
            String[] p = info.split("/");
            ports.add(new ContainerPortBuilder().withProtocol(p[0]).withHostIP(p[1]).withHostPort(Integer.parseInt(p[2])).build());
        }
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
                .withNewSpec().withNodeName("m1").addNewContainer().withName("c").withPorts(ports).endContainer().endSpec().build();
    }

    private static Pod initContainerPod(boolean sidecar) {
        return new PodBuilder().withNewMetadata().withName("init").withNamespace("default").endMetadata().withNewSpec()
                .withInitContainers(new ContainerBuilder().withName("init").withRestartPolicy(sidecar ? "Always" : null)
                        .withPorts(new ContainerPortBuilder().withContainerPort(8001).withHostPort(8001).withProtocol("TCP").build())
                        .build())
                .endSpec().build();
    }

    private static NodeInfo nodeWith(Pod... pods) {
        return NodeInfo.of(new NodeBuilder().withNewMetadata().withName("m1").endMetadata().build(), pods);
    }

    static Stream<Arguments> nodePorts() {
        Status skip = Status.skip();
        Status ok = Status.success();
        return Stream.of(
                arguments("skip filter", new PodBuilder().withNewMetadata().withName("e").withNamespace("d").endMetadata().build(),
                        nodeWith(), skip, null),
                arguments("other port", newPod("UDP/127.0.0.1/8080"), nodeWith(newPod("UDP/127.0.0.1/9090")), ok, ok),
                arguments("same udp port", newPod("UDP/127.0.0.1/8080"), nodeWith(newPod("UDP/127.0.0.1/8080")), ok, CONFLICT),
                arguments("same tcp port", newPod("TCP/127.0.0.1/8080"), nodeWith(newPod("TCP/127.0.0.1/8080")), ok, CONFLICT),
                arguments("different host ip", newPod("TCP/127.0.0.1/8080"), nodeWith(newPod("TCP/127.0.0.2/8080")), ok, ok),
                arguments("different protocol", newPod("UDP/127.0.0.1/8080"), nodeWith(newPod("TCP/127.0.0.1/8080")), ok, ok),
                arguments("second udp port conflict", newPod("UDP/127.0.0.1/8000", "UDP/127.0.0.1/8080"),
                        nodeWith(newPod("UDP/127.0.0.1/8080")), ok, CONFLICT),
                arguments("first tcp port conflict", newPod("TCP/127.0.0.1/8001", "UDP/127.0.0.1/8080"),
                        nodeWith(newPod("TCP/127.0.0.1/8001", "UDP/127.0.0.1/8081")), ok, CONFLICT),
                arguments("first tcp port conflict due to 0.0.0.0 hostIP", newPod("TCP/0.0.0.0/8001"),
                        nodeWith(newPod("TCP/127.0.0.1/8001")), ok, CONFLICT),
                arguments("TCP hostPort conflict due to 0.0.0.0 hostIP", newPod("TCP/10.0.10.10/8001", "TCP/0.0.0.0/8001"),
                        nodeWith(newPod("TCP/127.0.0.1/8001")), ok, CONFLICT),
                arguments("second tcp port conflict to 0.0.0.0 hostIP", newPod("TCP/127.0.0.1/8001"),
                        nodeWith(newPod("TCP/0.0.0.0/8001")), ok, CONFLICT),
                arguments("second different protocol", newPod("UDP/127.0.0.1/8001"), nodeWith(newPod("TCP/0.0.0.0/8001")), ok, ok),
                arguments("UDP hostPort conflict due to 0.0.0.0 hostIP", newPod("UDP/127.0.0.1/8001"),
                        nodeWith(newPod("TCP/0.0.0.0/8001", "UDP/0.0.0.0/8001")), ok, CONFLICT),
                arguments("non-sidecar initContainer using hostPort", initContainerPod(false),
                        nodeWith(newPod("TCP/0.0.0.0/8001")), skip, null),
                arguments("TCP hostPort conflict from sidecar initContainer", initContainerPod(true),
                        nodeWith(newPod("TCP/0.0.0.0/8001")), ok, CONFLICT),
                arguments("empty protocol and host IP mean TCP on 0.0.0.0", newPod("//8001"),
                        nodeWith(newPod("TCP/127.0.0.1/8001")), ok, CONFLICT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nodePorts(String name, Pod pod, NodeInfo node, Status wantPreFilter, Status wantFilter) {
        CycleState state = new CycleState();
        PodInfo p = PodInfo.of(pod);
        PreFilterPlugin.Result r = plugin.preFilter(state, p, List.of(node));
        assertThat(r.status()).isEqualTo(wantPreFilter);
        assertThat(r.nodeNames()).isNull();
        if (!r.status().isSkip()) {
            assertThat(plugin.filter(state, p, node)).isEqualTo(wantFilter);
        }
    }

    @Test
    void filterWithoutPreFilterIsAnError() {
        Status s = plugin.filter(new CycleState(), PodInfo.of(newPod()), nodeWith());
        assertThat(s).isEqualTo(Status.error("reading \"PreFilterNodePorts\" from cycleState: not found"));
    }

    @Test
    void hasNoPreFilterExtensions() {
        assertThat(plugin.preFilterExtensions()).isNull();
    }

    @Test
    void retriesWhenAPodIsDeletedOrANodeAdded() {
        assertThat(plugin.eventsToRegister())
                .anyMatch(e -> e.covers(ClusterEvent.of(ClusterEvent.Resource.ASSIGNED_POD, ClusterEvent.DELETE)))
                .anyMatch(e -> e.covers(ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD)))
                .noneMatch(e -> e.covers(ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.ADD)));
    }
}
