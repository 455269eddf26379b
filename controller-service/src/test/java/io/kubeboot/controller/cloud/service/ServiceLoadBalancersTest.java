package io.kubeboot.controller.cloud.service;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.LoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases from upstream controllers/service controller_test.go (TestNeedsCleanup, TestNeedsUpdate, predicates). */
class ServiceLoadBalancersTest {
    private static Service lb() {
        return new ServiceBuilder().withNewMetadata().withName("s").withNamespace("default").withUid("uid-1").endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withName("http").withProtocol("TCP").withPort(80)
                .withNodePort(30080).withTargetPort(new IntOrString(8080)).endPort().endSpec().build();
    }

    private static Service with(UnaryOperator<ServiceBuilder> edit) {
        return edit.apply(new ServiceBuilder(lb())).build();
    }

    static Stream<Arguments> cleanupCases() {
        return Stream.of(
                Arguments.of("no finalizer", lb(), false),
                Arguments.of("finalizer, LoadBalancer", with(b -> b.editMetadata().addToFinalizers(ServiceLoadBalancers.FINALIZER).endMetadata()), false),
                Arguments.of("finalizer, deleting", with(b -> b.editMetadata().addToFinalizers(ServiceLoadBalancers.FINALIZER)
                        .withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata()), true),
                Arguments.of("finalizer, ClusterIP", with(b -> b.editMetadata().addToFinalizers(ServiceLoadBalancers.FINALIZER).endMetadata()
                        .editSpec().withType("ClusterIP").endSpec()), true),
                Arguments.of("no finalizer, deleting", with(b -> b.editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata()), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cleanupCases")
    void needsCleanup(String name, Service s, boolean expected) {
        assertThat(ServiceLoadBalancers.needsCleanup(s)).isEqualTo(expected);
    }

    static Stream<Arguments> updateCases() {
        return Stream.of(
                Arguments.of("no change", lb(), lb(), true, false),
                Arguments.of("neither wants a LB", with(b -> b.editSpec().withType("ClusterIP").endSpec()),
                        with(b -> b.editSpec().withType("NodePort").endSpec()), false, false),
                Arguments.of("type changed to LoadBalancer", with(b -> b.editSpec().withType("ClusterIP").endSpec()), lb(), false, true),
                Arguments.of("type changed away", lb(), with(b -> b.editSpec().withType("ClusterIP").endSpec()), true, true),
                Arguments.of("loadBalancerClass set", lb(), with(b -> b.editSpec().withLoadBalancerClass("x").endSpec()), true, true),
                Arguments.of("source ranges", lb(), with(b -> b.editSpec().withLoadBalancerSourceRanges("10.0.0.0/8").endSpec()), true, true),
                Arguments.of("port added", lb(), with(b -> b.editSpec().addNewPort().withName("https").withProtocol("TCP").withPort(443).withNodePort(30443).endPort().endSpec()), true, true),
                Arguments.of("nodePort changed", lb(), with(b -> b.editSpec().editFirstPort().withNodePort(30081).endPort().endSpec()), true, true),
                Arguments.of("targetPort changed", lb(), with(b -> b.editSpec().editFirstPort().withTargetPort(new IntOrString(9090)).endPort().endSpec()), true, true),
                Arguments.of("session affinity", lb(), with(b -> b.editSpec().withSessionAffinity("ClientIP").endSpec()), true, true),
                Arguments.of("loadBalancerIP", lb(), with(b -> b.editSpec().withLoadBalancerIP("127.0.0.9").endSpec()), true, true),
                Arguments.of("externalIPs", lb(), with(b -> b.editSpec().withExternalIPs("1.2.3.4").endSpec()), true, true),
                Arguments.of("annotations", lb(), with(b -> b.editMetadata().withAnnotations(Map.of("a", "b")).endMetadata()), true, true),
                Arguments.of("labels do not count", lb(), with(b -> b.editMetadata().withLabels(Map.of("a", "b")).endMetadata()), true, false),
                Arguments.of("uid", lb(), with(b -> b.editMetadata().withUid("uid-2").endMetadata()), true, true),
                Arguments.of("externalTrafficPolicy", lb(), with(b -> b.editSpec().withExternalTrafficPolicy("Local").endSpec()), true, true),
                Arguments.of("healthCheckNodePort", lb(), with(b -> b.editSpec().withHealthCheckNodePort(30100).endSpec()), true, true),
                Arguments.of("ipFamilies count", lb(), with(b -> b.editSpec().withIpFamilies("IPv4", "IPv6").endSpec()), true, true),
                Arguments.of("finalizer added does not count", lb(), with(b -> b.editMetadata().addToFinalizers(ServiceLoadBalancers.FINALIZER).endMetadata()), true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCases")
    void needsUpdate(String name, Service oldS, Service newS, boolean oldWants, boolean expected) {
        assertThat(ServiceLoadBalancers.wantsLoadBalancer(oldS)).isEqualTo(oldWants);
        assertThat(ServiceLoadBalancers.needsUpdate(oldS, newS)).isEqualTo(expected);
    }

    private static LoadBalancerStatus status(String... ips) {
        LoadBalancerStatusBuilder b = new LoadBalancerStatusBuilder();
        for (String ip : ips) {
            b.addNewIngress().withIp(ip).withIpMode("VIP").endIngress();
        }
        return b.build();
    }

    static Stream<Arguments> statusCases() {
        return Stream.of(
                Arguments.of("both empty", new LoadBalancerStatus(), status(), true),
                Arguments.of("null and empty", null, new LoadBalancerStatus(), true),
                Arguments.of("same ip", status("127.0.0.2"), status("127.0.0.2"), true),
                Arguments.of("ip added", status(), status("127.0.0.2"), false),
                Arguments.of("ip cleared", status("127.0.0.2"), new LoadBalancerStatus(), false),
                Arguments.of("other ip", status("127.0.0.2"), status("127.0.0.3"), false),
                Arguments.of("order matters", status("127.0.0.2", "127.0.0.3"), status("127.0.0.3", "127.0.0.2"), false),
                Arguments.of("ipMode differs", status("127.0.0.2"),
                        new LoadBalancerStatusBuilder().addNewIngress().withIp("127.0.0.2").endIngress().build(), false),
                Arguments.of("hostname differs", new LoadBalancerStatusBuilder().addNewIngress().withHostname("a").endIngress().build(),
                        new LoadBalancerStatusBuilder().addNewIngress().withHostname("b").endIngress().build(), false),
                Arguments.of("empty ports equal absent ports",
                        new LoadBalancerStatusBuilder().addNewIngress().withIp("127.0.0.2").withPorts(List.of()).endIngress().build(),
                        new LoadBalancerStatusBuilder().addNewIngress().withIp("127.0.0.2").endIngress().build(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusCases")
    void loadBalancerStatusEqual(String name, LoadBalancerStatus a, LoadBalancerStatus b, boolean expected) {
        assertThat(ServiceLoadBalancers.loadBalancerStatusEqual(a, b)).isEqualTo(expected);
        assertThat(ServiceLoadBalancers.loadBalancerStatusEqual(b, a)).isEqualTo(expected);
    }

    private static Node node(String name, Map<String, String> labels, String providerId, String taintKey, boolean deleting) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withProviderID(providerId).endSpec();
        if (taintKey != null) {
            b.editSpec().addNewTaint().withKey(taintKey).withEffect("NoSchedule").endTaint().endSpec();
        }
        if (deleting) {
            b.editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata();
        }
        return b.build();
    }

    static Stream<Arguments> nodeCases() {
        String ex = ServiceLoadBalancers.LABEL_EXCLUDE_BALANCERS;
        return Stream.of(
                Arguments.of("plain", node("a", Map.of(), "", null, false), true),
                Arguments.of("excluded true", node("a", Map.of(ex, "true"), "", null, false), false),
                Arguments.of("excluded false", node("a", Map.of(ex, "false"), "", null, false), true),
                Arguments.of("excluded unparsable", node("a", Map.of(ex, "yes"), "", null, false), false),
                Arguments.of("excluded empty value", node("a", Map.of(ex, ""), "", null, false), false),
                Arguments.of("autoscaler taint", node("a", Map.of(), "", ServiceLoadBalancers.TO_BE_DELETED_TAINT, false), false),
                Arguments.of("other taint", node("a", Map.of(), "", "foo", false), true),
                Arguments.of("deleting", node("a", Map.of(), "", null, true), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeCases")
    void stableNodeSet(String name, Node n, boolean expected) {
        assertThat(ServiceLoadBalancers.inStableNodeSet(n)).isEqualTo(expected);
    }

    static Stream<Arguments> syncUpdatedNodeCases() {
        String ex = ServiceLoadBalancers.LABEL_EXCLUDE_BALANCERS;
        return Stream.of(
                Arguments.of("nothing", node("a", Map.of(), "p", null, false), node("a", Map.of("x", "y"), "p", null, false), false),
                Arguments.of("excluded", node("a", Map.of(), "p", null, false), node("a", Map.of(ex, "true"), "p", null, false), true),
                Arguments.of("providerID set", node("a", Map.of(), "", null, false), node("a", Map.of(), "p", null, false), true),
                Arguments.of("taint does not count", node("a", Map.of(), "p", null, false),
                        node("a", Map.of(), "p", ServiceLoadBalancers.TO_BE_DELETED_TAINT, false), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syncUpdatedNodeCases")
    void shouldSyncUpdatedNode(String name, Node o, Node n, boolean expected) {
        assertThat(ServiceLoadBalancers.shouldSyncUpdatedNode(o, n)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void nodesSufficientlyEqualComparesNamesAndProviderIds() {
        Node a = node("a", Map.of(), "p1", null, false);
        Node b = node("b", Map.of(), "p2", null, false);
        assertThat(ServiceLoadBalancers.nodesSufficientlyEqual(List.of(a, b), List.of(b, a))).isTrue();
        assertThat(ServiceLoadBalancers.nodesSufficientlyEqual(List.of(a), List.of(a, b))).isFalse();
        assertThat(ServiceLoadBalancers.nodesSufficientlyEqual(List.of(a), List.of(node("a", Map.of(), "p9", null, false)))).isFalse();
        assertThat(ServiceLoadBalancers.nodesSufficientlyEqual(List.of(a), List.of(node("a", Map.of("l", "v"), "p1", null, false)))).isTrue();
    }

    @org.junit.jupiter.api.Test
    void loggableNodeNamesAreSortedAndLimitedTo20() {
        List<Node> many = new java.util.ArrayList<>();
        for (int i = 0; i < 22; i++) {
            many.add(node(String.format("n%02d", 21 - i), Map.of(), "", null, false));
        }
        assertThat(ServiceController.loggableNodeNames(many.subList(0, 2))).isEqualTo("[n20 n21]");
        assertThat(ServiceController.loggableNodeNames(many)).startsWith("[n02 n03").endsWith("n21 <2 more>]");
    }
}
