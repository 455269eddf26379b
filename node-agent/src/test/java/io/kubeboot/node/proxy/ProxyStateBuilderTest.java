package io.kubeboot.node.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditionsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubeboot.node.network.Ipv4Cidr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services and EndpointSlices to the desired state, modelled on upstream's service change tracker tests
 * (serviceToServiceMap: skipped types, node ports, affinity) and EndpointSliceCache tests (ports matched by name and
 * protocol, nil names and ports ignored, readiness, terminating, merging and de-duplicating across slices, address
 * types). Each case lists the resulting service ports as
 * "ns/name:port/PROTO clusterIP:port node=N sticky=S -> [ip:port, ...]".
 */
class ProxyStateBuilderTest {
    private static final String NODE = "node-a";

    record Case(String name, List<Service> services, List<EndpointSlice> slices, List<String> expected, int refused) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("cluster IP service, one slice, ports by name",
                        List.of(svc("web", "10.96.0.10", s -> s, port("http", 80, "TCP"), port("https", 443, "TCP"))),
                        List.of(slice("web-abc", "web", ports(ep("http", 8080, "TCP"), ep("https", 8443, "TCP")),
                                endpoint("10.244.1.2", null, null), endpoint("10.244.1.3", true, false))),
                        List.of("ns/web:http/TCP 10.96.0.10:80 node=0 sticky=0 -> [10.244.1.2:8080, 10.244.1.3:8080]",
                                "ns/web:https/TCP 10.96.0.10:443 node=0 sticky=0 -> [10.244.1.2:8443, 10.244.1.3:8443]"),
                        0),
                new Case("unnamed service port matches the slice port named \"\"",
                        List.of(svc("web", "10.96.0.10", s -> s, port(null, 80, "TCP"))),
                        List.of(slice("web-abc", "web", ports(ep("", 8080, "TCP")), endpoint("10.244.1.2", true, false))),
                        List.of("ns/web/TCP 10.96.0.10:80 node=0 sticky=0 -> [10.244.1.2:8080]"), 0),
                new Case("slice port of another name or protocol does not match",
                        List.of(svc("dns", "10.96.0.10", s -> s, port("dns", 53, "UDP"), port("metrics", 9153, "TCP"))),
                        List.of(slice("dns-1", "dns", ports(ep("dns", 53, "TCP"), ep("prom", 9153, "TCP")),
                                endpoint("10.244.1.2", true, false))),
                        List.of("ns/dns:dns/UDP 10.96.0.10:53 node=0 sticky=0 -> []",
                                "ns/dns:metrics/TCP 10.96.0.10:9153 node=0 sticky=0 -> []"), 0),
                new Case("slice ports with nil name, nil port or port 0 are ignored",
                        List.of(svc("web", "10.96.0.10", s -> s, port(null, 80, "TCP"))),
                        List.of(slice("web-abc", "web", ports(ep(null, 8080, "TCP"), ep("", null, "TCP"), ep("", 0, "TCP")),
                                endpoint("10.244.1.2", true, false))),
                        List.of("ns/web/TCP 10.96.0.10:80 node=0 sticky=0 -> []"), 0),
                new Case("not ready and terminating endpoints are excluded, ready nil counts as ready",
                        List.of(svc("web", "10.96.0.10", s -> s, port("http", 80, "TCP"))),
                        List.of(slice("web-abc", "web", ports(ep("http", 8080, "TCP")),
                                endpoint("10.244.1.2", false, false), endpoint("10.244.1.3", null, null),
                                endpoint("10.244.1.4", null, true), endpoint("10.244.1.5", true, null))),
                        List.of("ns/web:http/TCP 10.96.0.10:80 node=0 sticky=0 -> [10.244.1.3:8080, 10.244.1.5:8080]"), 0),
                new Case("endpoints merged across slices, the same ip:port once, sorted by ip:port",
                        List.of(svc("web", "10.96.0.10", s -> s, port("http", 80, "TCP"))),
                        List.of(slice("web-1", "web", ports(ep("http", 8080, "TCP")),
                                        endpoint("10.244.1.9", true, false), endpoint("10.244.1.2", true, false)),
                                slice("web-2", "web", ports(ep("http", 8080, "TCP")),
                                        endpoint("10.244.1.2", true, false), endpoint("10.244.1.10", true, false))),
                        List.of("ns/web:http/TCP 10.96.0.10:80 node=0 sticky=0 -> [10.244.1.10:8080, 10.244.1.2:8080, 10.244.1.9:8080]"),
                        0),
                new Case("a named port with different numbers in different slices",
                        List.of(svc("web", "10.96.0.10", s -> s, port("http", 80, "TCP"))),
                        List.of(slice("web-1", "web", ports(ep("http", 8080, "TCP")), endpoint("10.244.1.2", true, false)),
                                slice("web-2", "web", ports(ep("http", 9090, "TCP")), endpoint("10.244.1.3", true, false))),
                        List.of("ns/web:http/TCP 10.96.0.10:80 node=0 sticky=0 -> [10.244.1.2:8080, 10.244.1.3:9090]"), 0),
                new Case("a duplicate that is not ready in one slice but ready in the local copy: the local copy wins",
                        List.of(svc("web", "10.96.0.10", s -> s, port("http", 80, "TCP"))),
                        List.of(slice("web-1", "web", ports(ep("http", 8080, "TCP")), endpoint("10.244.1.2", false, false)),
                                slice("web-2", "web", ports(ep("http", 8080, "TCP")),
                                        withNode(endpoint("10.244.1.2", true, false), NODE))),
                        List.of("ns/web:http/TCP 10.96.0.10:80 node=0 sticky=0 -> [10.244.1.2:8080]"), 0),
                new Case("slices of other services, other namespaces, IPv6 and FQDN slices, empty addresses are ignored",
                        List.of(svc("web", "10.96.0.10", s -> s, port("http", 80, "TCP"))),
                        List.of(slice("other-1", "other", ports(ep("http", 8080, "TCP")), endpoint("10.244.1.7", true, false)),
                                inNamespace(slice("web-x", "web", ports(ep("http", 8080, "TCP")), endpoint("10.244.1.8", true, false)), "ns2"),
                                addressType(slice("web-6", "web", ports(ep("http", 8080, "TCP")), endpoint("fd00::1", true, false)), "IPv6"),
                                addressType(slice("web-f", "web", ports(ep("http", 8080, "TCP")), endpoint("a.example", true, false)), "FQDN"),
                                slice("web-e", "web", ports(ep("http", 8080, "TCP")), endpoint(null, true, false)),
                                unlabelled(slice("web-u", "web", ports(ep("http", 8080, "TCP")), endpoint("10.244.1.9", true, false)))),
                        List.of("ns/web:http/TCP 10.96.0.10:80 node=0 sticky=0 -> []"), 0),
                new Case("NodePort and LoadBalancer services carry node ports; ClusterIP services do not",
                        List.of(svc("np", "10.96.0.11", s -> s.withType("NodePort"), nodePort(port("http", 80, "TCP"), 30080)),
                                svc("lb", "10.96.0.12", s -> s.withType("LoadBalancer"), nodePort(port("http", 80, "TCP"), 30081)),
                                svc("lbnone", "10.96.0.13", s -> s.withType("LoadBalancer").withAllocateLoadBalancerNodePorts(false),
                                        port("http", 80, "TCP")),
                                svc("cip", "10.96.0.14", s -> s.withType("ClusterIP"), nodePort(port("http", 80, "TCP"), 30082))),
                        List.of(),
                        List.of("ns/cip:http/TCP 10.96.0.14:80 node=0 sticky=0 -> []",
                                "ns/lb:http/TCP 10.96.0.12:80 node=30081 sticky=0 -> []",
                                "ns/lbnone:http/TCP 10.96.0.13:80 node=0 sticky=0 -> []",
                                "ns/np:http/TCP 10.96.0.11:80 node=30080 sticky=0 -> []"), 0),
                new Case("ExternalName and headless services are ignored",
                        List.of(svc("ext", null, s -> s.withType("ExternalName").withExternalName("db.example"), port("http", 80, "TCP")),
                                svc("headless", "None", s -> s, port("http", 80, "TCP")),
                                svc("noip", "", s -> s, port("http", 80, "TCP")),
                                svc("v6", "fd00::10", s -> s, port("http", 80, "TCP"))),
                        List.of(slice("headless-1", "headless", ports(ep("http", 8080, "TCP")), endpoint("10.244.1.2", true, false))),
                        List.of(), 0),
                new Case("session affinity ClientIP: the configured timeout, else 10800; None: no affinity",
                        List.of(svc("a", "10.96.0.20", s -> s.withSessionAffinity("ClientIP").withNewSessionAffinityConfig()
                                        .withNewClientIP().withTimeoutSeconds(60).endClientIP().endSessionAffinityConfig(), port("p", 80, "TCP")),
                                svc("b", "10.96.0.21", s -> s.withSessionAffinity("ClientIP"), port("p", 80, "TCP")),
                                svc("c", "10.96.0.22", s -> s.withSessionAffinity("None"), port("p", 80, "TCP"))),
                        List.of(),
                        List.of("ns/a:p/TCP 10.96.0.20:80 node=0 sticky=60 -> []",
                                "ns/b:p/TCP 10.96.0.21:80 node=0 sticky=10800 -> []",
                                "ns/c:p/TCP 10.96.0.22:80 node=0 sticky=0 -> []"), 0),
                new Case("a ClusterIP outside the service CIDR is not served; its node port is",
                        List.of(svc("out", "192.168.5.5", s -> s.withType("NodePort"), nodePort(port("http", 80, "TCP"), 30090))),
                        List.of(slice("out-1", "out", ports(ep("http", 8080, "TCP")), endpoint("127.0.0.2", true, false))),
                        List.of("ns/out:http/TCP -:80 node=30090 sticky=0 -> [127.0.0.2:8080]"), 1),
                new Case("endpoints neither loopback nor in the cluster CIDR are refused",
                        List.of(svc("web", "10.96.0.10", s -> s, port("http", 80, "TCP"))),
                        List.of(slice("web-1", "web", ports(ep("http", 8080, "TCP")), endpoint("127.0.0.3", true, false),
                                endpoint("8.8.8.8", true, false), endpoint("10.245.0.1", true, false), endpoint("10.244.255.254", true, false))),
                        List.of("ns/web:http/TCP 10.96.0.10:80 node=0 sticky=0 -> [10.244.255.254:8080, 127.0.0.3:8080]"), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void desiredState(Case c) {
        ProxyStateBuilder builder = new ProxyStateBuilder(Ipv4Cidr.parse("10.96.0.0/12"), Ipv4Cidr.parse("10.244.0.0/16"), NODE);
        ProxyState state = builder.build(c.services(), c.slices());
        assertThat(state.ports()).map(ProxyStateBuilderTest::describe).containsExactlyElementsOf(c.expected());
        assertThat(state.refused()).hasSize(c.refused());
    }

    private static String describe(ProxiedPort p) {
        ServicePort s = p.service();
        return s.name() + "/" + s.protocol() + " " + (s.clusterIp() == null ? "-" : s.clusterIp()) + ":" + s.port()
                + " node=" + s.nodePort() + " sticky=" + s.stickyMaxAgeSeconds() + " -> " + p.endpoints();
    }

    // ---- builders

    private static Service svc(String name, String clusterIp, UnaryOperator<ServiceSpecBuilder> spec,
                               io.fabric8.kubernetes.api.model.ServicePort... ports) {
        ServiceSpecBuilder b = new ServiceSpecBuilder().withType("ClusterIP").withClusterIP(clusterIp).withPorts(ports);
        return new ServiceBuilder().withNewMetadata().withNamespace("ns").withName(name).endMetadata()
                .withSpec(spec.apply(b).build()).build();
    }

    private static io.fabric8.kubernetes.api.model.ServicePort port(String name, int port, String protocol) {
        return new ServicePortBuilder().withName(name).withPort(port).withProtocol(protocol).build();
    }

    private static io.fabric8.kubernetes.api.model.ServicePort nodePort(io.fabric8.kubernetes.api.model.ServicePort p, int nodePort) {
        return new ServicePortBuilder(p).withNodePort(nodePort).build();
    }

    private static List<EndpointPort> ports(EndpointPort... ports) {
        return Arrays.asList(ports);
    }

    private static EndpointPort ep(String name, Integer port, String protocol) {
        return new EndpointPortBuilder().withName(name).withPort(port).withProtocol(protocol).build();
    }

    private static Endpoint endpoint(String ip, Boolean ready, Boolean terminating) {
        return new EndpointBuilder().withAddresses(ip == null ? List.of() : List.of(ip))
                .withConditions(new EndpointConditionsBuilder().withReady(ready).withTerminating(terminating).build())
                .build();
    }

    private static Endpoint withNode(Endpoint e, String node) {
        return new EndpointBuilder(e).withNodeName(node).build();
    }

    private static EndpointSlice slice(String name, String service, List<EndpointPort> ports, Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace("ns").withName(name)
                .addToLabels(ProxyStateBuilder.SERVICE_NAME_LABEL, service).endMetadata()
                .withAddressType("IPv4").withPorts(new ArrayList<>(ports)).withEndpoints(endpoints).build();
    }

    private static EndpointSlice inNamespace(EndpointSlice s, String ns) {
        return new EndpointSliceBuilder(s).editMetadata().withNamespace(ns).endMetadata().build();
    }

    private static EndpointSlice addressType(EndpointSlice s, String type) {
        return new EndpointSliceBuilder(s).withAddressType(type).build();
    }

    private static EndpointSlice unlabelled(EndpointSlice s) {
        return new EndpointSliceBuilder(s).editMetadata().withLabels(null).endMetadata().build();
    }
}
