package io.kubeboot.apiserver.registry.services;

import io.fabric8.kubernetes.api.model.*;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.apiserver.registry.pods.Expect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.registry.pods.Expect.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Service defaulting and validation after upstream's {@code TestValidateServiceCreate} / {@code TestValidateServiceUpdate}. */
class ServiceStrategyTest {
    private final ServiceStrategy strategy = new ServiceStrategy();

    private Service svc(Consumer<Service> customize) {
        Service s = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("ns").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web"))
                .addNewPort().withName("http").withPort(80).endPort().endSpec().build();
        customize.accept(s);
        strategy.prepareForCreate(s);
        strategy.applyDefaults(s);
        return s;
    }

    private static ServicePort port(String name, int port, String protocol) {
        return new ServicePortBuilder().withName(name).withPort(port).withProtocol(protocol).build();
    }

    @Test
    void defaults() {
        Service s = svc(x -> { });
        ServiceSpec spec = s.getSpec();
        assertThat(spec.getType()).isEqualTo("ClusterIP");
        assertThat(spec.getSessionAffinity()).isEqualTo("None");
        assertThat(spec.getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(spec.getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(80);
        assertThat(spec.getInternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(spec.getExternalTrafficPolicy()).isNull();
        assertThat(spec.getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(spec.getIpFamilies()).containsExactly("IPv4");
        Service nodePort = svc(x -> x.getSpec().setType("NodePort"));
        assertThat(nodePort.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
        Service lb = svc(x -> x.getSpec().setType("LoadBalancer"));
        assertThat(lb.getSpec().getAllocateLoadBalancerNodePorts()).isTrue();
        Service clientIp = svc(x -> x.getSpec().setSessionAffinity("ClientIP"));
        assertThat(clientIp.getSpec().getSessionAffinityConfig().getClientIP().getTimeoutSeconds()).isEqualTo(10800);
        Service headless = svc(x -> {
            x.getSpec().setClusterIP("None");
            x.getSpec().setSelector(null);
        });
        assertThat(headless.getSpec().getClusterIPs()).containsExactly("None");
        assertThat(headless.getSpec().getIpFamilyPolicy()).isEqualTo("RequireDualStack");
        Service external = svc(x -> {
            x.getSpec().setType("ExternalName");
            x.getSpec().setExternalName("example.com");
        });
        assertThat(external.getSpec().getIpFamilyPolicy()).isNull();
        assertThat(external.getSpec().getInternalTrafficPolicy()).isNull();
        assertThat(strategy.validate(external).list()).isEmpty();
    }

    @Test
    void namesAreDns1035Labels() {
        assertThat(strategy.nameValidator().validate("1abc", false)).isNotEmpty();
        assertThat(strategy.nameValidator().validate("abc-1", false)).isEmpty();
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                arguments("valid", (Consumer<Service>) s -> { }, none()),
                arguments("no ports", (Consumer<Service>) s -> s.getSpec().setPorts(new ArrayList<>()), of(required("spec.ports"))),
                arguments("headless without ports", (Consumer<Service>) s -> {
                    s.getSpec().setPorts(new ArrayList<>());
                    s.getSpec().setClusterIP("None");
                }, none()),
                // the target port defaults to the (invalid) port, and is reported too, as upstream does
                arguments("port zero", (Consumer<Service>) s -> s.getSpec().setPorts(List.of(port("p", 0, "TCP"))),
                        of(invalid("spec.ports[0].port"), invalid("spec.ports[0].targetPort"))),
                arguments("unnamed ports when several", (Consumer<Service>) s -> s.getSpec().setPorts(List.of(port(null, 80, "TCP"), port(null, 81, "TCP"))),
                        of(required("spec.ports[0].name"), required("spec.ports[1].name"))),
                arguments("duplicate port names", (Consumer<Service>) s -> s.getSpec().setPorts(List.of(port("p", 80, "TCP"), port("p", 81, "TCP"))),
                        of(duplicate("spec.ports[1].name"))),
                arguments("bad port name", (Consumer<Service>) s -> s.getSpec().setPorts(List.of(port("P_1", 80, "TCP"))),
                        of(invalid("spec.ports[0].name"))),
                arguments("duplicate port and protocol", (Consumer<Service>) s -> s.getSpec().setPorts(List.of(port("a", 80, "TCP"), port("b", 80, "TCP"))),
                        of(duplicate("spec.ports[1]"))),
                arguments("same port other protocol", (Consumer<Service>) s -> s.getSpec().setPorts(List.of(port("a", 53, "TCP"), port("b", 53, "UDP"))), none()),
                arguments("bad protocol", (Consumer<Service>) s -> s.getSpec().setPorts(List.of(port("a", 80, "HTTP"))),
                        of(notSupported("spec.ports[0].protocol"))),
                arguments("bad target port name", (Consumer<Service>) s -> s.getSpec().getPorts().get(0).setTargetPort(new IntOrString("-bad")),
                        of(invalid("spec.ports[0].targetPort"))),
                arguments("nodePort with ClusterIP", (Consumer<Service>) s -> s.getSpec().getPorts().get(0).setNodePort(30080),
                        of(forbidden("spec.ports[0].nodePort"))),
                arguments("nodePort with NodePort", (Consumer<Service>) s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().getPorts().get(0).setNodePort(30080);
                }, none()),
                arguments("bad selector", (Consumer<Service>) s -> s.getSpec().setSelector(Map.of("app", "-x")), of(invalid("spec.selector"))),
                arguments("bad type", (Consumer<Service>) s -> s.getSpec().setType("Internal"), of(notSupported("spec.type"))),
                arguments("bad session affinity", (Consumer<Service>) s -> s.getSpec().setSessionAffinity("Sticky"), of(notSupported("spec.sessionAffinity"))),
                arguments("cluster IP not an IP", (Consumer<Service>) s -> s.getSpec().setClusterIP("10.0.0.300"),
                        of(invalid("spec.clusterIPs[0]"))),
                arguments("cluster IP valid", (Consumer<Service>) s -> s.getSpec().setClusterIP("10.0.0.10"), none()),
                arguments("clusterIPs mismatch", (Consumer<Service>) s -> {
                    s.getSpec().setClusterIP("10.0.0.10");
                    s.getSpec().setClusterIPs(List.of("10.0.0.11"));
                }, of(invalid("spec.clusterIPs"))),
                arguments("IPv6 in IPv4 family", (Consumer<Service>) s -> {
                    s.getSpec().setClusterIP("fd00::10");
                    s.getSpec().setIpFamilies(List.of("IPv4"));
                },
                        of(invalid("spec.clusterIPs[0]"))),
                arguments("NodePort cannot be headless", (Consumer<Service>) s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().setClusterIP("None");
                }, of(invalid("spec.clusterIPs[0]"))),
                arguments("loopback external IP", (Consumer<Service>) s -> s.getSpec().setExternalIPs(List.of("127.0.0.1")),
                        of(invalid("spec.externalIPs[0]"))),
                arguments("source ranges need LoadBalancer", (Consumer<Service>) s -> s.getSpec().setLoadBalancerSourceRanges(List.of("10.0.0.0/8")),
                        of(forbidden("spec.LoadBalancerSourceRanges"))),
                arguments("externalName without name", (Consumer<Service>) s -> s.getSpec().setType("ExternalName"),
                        of(required("spec.externalName"))),
                arguments("externalTrafficPolicy on ClusterIP", (Consumer<Service>) s -> s.getSpec().setExternalTrafficPolicy("Local"),
                        of(invalid("spec.externalTrafficPolicy"))),
                arguments("bad internalTrafficPolicy", (Consumer<Service>) s -> s.getSpec().setInternalTrafficPolicy("Node"),
                        of(notSupported("spec.internalTrafficPolicy"))),
                arguments("client IP timeout too long", (Consumer<Service>) s -> {
                    s.getSpec().setSessionAffinity("ClientIP");
                    s.getSpec().setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(86401)));
                }, of(invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds"))),
                arguments("bad appProtocol", (Consumer<Service>) s -> s.getSpec().getPorts().get(0).setAppProtocol("a b"),
                        of(invalid("spec.ports[0].appProtocol"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createCases")
    void validatesCreate(String name, Consumer<Service> mutate, List<Expect> expected) {
        assertErrors(strategy.validate(svc(mutate)), expected);
    }

    @Test
    void duplicatePortMessageMatchesUpstream() {
        Service s = svc(x -> x.getSpec().setPorts(List.of(port("a", 80, "TCP"), port("b", 80, "TCP"))));
        assertThat(strategy.validate(s).list()).extracting(FieldError::toString).containsExactly(
                "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), "
                        + "Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}");
    }

    private Service allocated() {
        Service s = svc(x -> x.getSpec().setType("NodePort"));
        s.getSpec().setClusterIP("10.96.0.10");
        s.getSpec().setClusterIPs(List.of("10.96.0.10"));
        s.getSpec().getPorts().get(0).setNodePort(30080);
        return s;
    }

    @Test
    void clusterIpIsImmutable() {
        Service old = allocated();
        Service s = new ServiceBuilder(old).build();
        s.getSpec().setClusterIP("10.96.0.11");
        strategy.prepareForUpdate(s, old);
        strategy.applyDefaults(s);
        assertErrors(strategy.validateUpdate(s, old), of(invalid("spec.clusterIPs[0]")));
        assertThat(strategy.validateUpdate(s, old).list().get(0).detail()).isEqualTo("may not change once set");
    }

    @Test
    void updateWithoutAllocatedValuesKeepsThem() {
        Service old = allocated();
        Service s = svc(x -> x.getSpec().setType("NodePort"));
        s.getSpec().setIpFamilies(null);
        s.getSpec().setIpFamilyPolicy(null);
        strategy.prepareForUpdate(s, old);
        strategy.applyDefaults(s);
        assertThat(s.getSpec().getClusterIP()).isEqualTo("10.96.0.10");
        assertThat(s.getSpec().getClusterIPs()).containsExactly("10.96.0.10");
        assertThat(s.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
        assertThat(strategy.validateUpdate(s, old).list()).isEmpty();
    }

    @Test
    void switchingToClusterIpDropsUntouchedNodePorts() {
        Service old = allocated();
        Service s = new ServiceBuilder(old).build();
        s.getSpec().setType("ClusterIP");
        strategy.prepareForUpdate(s, old);
        strategy.applyDefaults(s);
        assertThat(s.getSpec().getPorts().get(0).getNodePort()).isNull();
        assertThat(s.getSpec().getExternalTrafficPolicy()).isNull();
        assertThat(strategy.validateUpdate(s, old).list()).isEmpty();
    }

    @Test
    void switchingToExternalNameDropsClusterIps() {
        Service old = allocated();
        Service s = new ServiceBuilder(old).build();
        s.getSpec().setType("ExternalName");
        s.getSpec().setExternalName("db.example.com");
        strategy.prepareForUpdate(s, old);
        strategy.applyDefaults(s);
        assertThat(s.getSpec().getClusterIPs()).isNullOrEmpty();
        assertThat(strategy.validateUpdate(s, old).list()).isEmpty();
    }

    @Test
    void loadBalancerStatus() {
        Service s = svc(x -> x.getSpec().setType("LoadBalancer"));
        s.setStatus(new ServiceStatusBuilder().withNewLoadBalancer().addNewIngress().withIp("1.2.3.4").endIngress().endLoadBalancer().build());
        assertErrors(strategy.validateStatusUpdate(s, s), of(required("status.loadBalancer.ingress[0].ipMode")));
        s.getStatus().getLoadBalancer().getIngress().get(0).setIpMode("VIP");
        assertErrors(strategy.validateStatusUpdate(s, s), none());
        Service clusterIp = svc(x -> { });
        clusterIp.setStatus(s.getStatus());
        assertErrors(strategy.validateStatusUpdate(clusterIp, clusterIp), of(forbidden("status.loadBalancer.ingress")));
    }
}
