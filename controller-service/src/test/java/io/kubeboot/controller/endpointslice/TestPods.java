package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

import java.util.List;
import java.util.Map;

/** Pods, Services and Nodes for the endpoint tests (this package and the endpoints package). */
public final class TestPods {
    private TestPods() {
    }

    /** A running pod "ns/name" (uid "uid-name") with app=web on node-1, IP {@code ip}, Ready as given, container port http=8080. */
    public static PodBuilder pod(String name, String ip, boolean ready) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace("ns").withName(name).withUid("uid-" + name)
                .withResourceVersion("1").withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().withNodeName("node-1")
                .addNewContainer().withName("c").withImage("nginx")
                .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(8080).withProtocol("TCP").build())
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus();
        if (ip != null) {
            b.editStatus().withPodIP(ip).addNewPodIP().withIp(ip).endPodIP().endStatus();
        }
        b.editStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .withLastTransitionTime("2024-01-01T00:00:00Z").endCondition().endStatus();
        return b;
    }

    public static ServicePort port(String name, int port, IntOrString target) {
        return new ServicePortBuilder().withName(name).withPort(port).withProtocol("TCP").withTargetPort(target).build();
    }

    /** Service "ns/web" (uid "svc-uid") selecting app=web, clusterIP 10.96.0.10, IPv4. */
    public static ServiceBuilder service(ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("web").withUid("svc-uid")
                .withCreationTimestamp("2024-01-01T00:00:00Z").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web")).withClusterIP("10.96.0.10").withIpFamilies("IPv4")
                .withPorts(List.of(ports)).endSpec();
    }

    public static Service service() {
        return service(port("http", 80, new IntOrString("http"))).build();
    }

    public static Node node(String name, String zone) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
        if (zone != null) {
            b.editMetadata().addToLabels("topology.kubernetes.io/zone", zone).endMetadata();
        }
        return b.build();
    }

    public static Pod ready(String name, String ip) {
        return pod(name, ip, true).build();
    }
}
