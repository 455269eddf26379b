package io.kubeboot.apiserver.registry.endpoints;

import io.fabric8.kubernetes.api.model.*;
import io.kubeboot.apiserver.registry.pods.Expect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.registry.pods.Expect.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** After upstream's {@code TestValidateEndpointsCreate}. */
class EndpointsStrategyTest {
    private final EndpointsStrategy strategy = new EndpointsStrategy();

    private static EndpointPort port(String name, int number) {
        return new EndpointPortBuilder().withName(name).withPort(number).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("valid", (Consumer<EndpointSubset>) s -> { }, none()),
                arguments("not ready only", (Consumer<EndpointSubset>) s -> {
                    s.setNotReadyAddresses(s.getAddresses());
                    s.setAddresses(null);
                }, none()),
                arguments("no addresses", (Consumer<EndpointSubset>) s -> s.setAddresses(null), of(required("subsets[0]"))),
                arguments("bad IP", (Consumer<EndpointSubset>) s -> s.getAddresses().get(0).setIp("[2001:db8::1]"),
                        of(invalid("subsets[0].addresses[0].ip"), invalid("subsets[0].addresses[0].ip"))),
                arguments("loopback IP", (Consumer<EndpointSubset>) s -> s.getAddresses().get(0).setIp("127.0.0.1"),
                        of(invalid("subsets[0].addresses[0].ip"))),
                arguments("link-local IP", (Consumer<EndpointSubset>) s -> s.getAddresses().get(0).setIp("169.254.169.254"),
                        of(invalid("subsets[0].addresses[0].ip"))),
                arguments("bad hostname", (Consumer<EndpointSubset>) s -> s.getAddresses().get(0).setHostname("a.b"),
                        of(invalid("subsets[0].addresses[0].hostname"))),
                arguments("bad nodeName", (Consumer<EndpointSubset>) s -> s.getAddresses().get(0).setNodeName("Node_1"),
                        of(invalid("subsets[0].addresses[0].nodeName"))),
                arguments("unnamed ports when several", (Consumer<EndpointSubset>) s -> s.setPorts(List.of(port(null, 80), port("b", 81))),
                        of(required("subsets[0].ports[0].name"))),
                arguments("bad port number", (Consumer<EndpointSubset>) s -> s.setPorts(List.of(port("a", 0))),
                        of(invalid("subsets[0].ports[0].port"))),
                arguments("bad protocol", (Consumer<EndpointSubset>) s -> s.getPorts().get(0).setProtocol("ICMP"),
                        of(notSupported("subsets[0].ports[0].protocol"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, Consumer<EndpointSubset> mutate, List<Expect> expected) {
        EndpointSubset subset = new EndpointSubsetBuilder().addNewAddress().withIp("10.1.2.3").endAddress()
                .addToPorts(port("http", 8080)).build();
        mutate.accept(subset);
        Endpoints ep = new EndpointsBuilder().withNewMetadata().withName("svc").withNamespace("ns").endMetadata()
                .withSubsets(subset).build();
        strategy.applyDefaults(ep);
        assertThat(ep.getSubsets().get(0).getPorts()).allSatisfy(p -> assertThat(p.getProtocol()).isIn("TCP", "ICMP"));
        assertErrors(strategy.validate(ep), expected);
        assertErrors(strategy.validateUpdate(ep, ep), expected);
    }
}
