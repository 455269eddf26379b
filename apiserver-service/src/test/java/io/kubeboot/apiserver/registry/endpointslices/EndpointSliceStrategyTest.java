package io.kubeboot.apiserver.registry.endpointslices;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldError.Type;
import io.kubeboot.apiserver.registry.StrategyHarness;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases from upstream {@code TestValidateEndpointSlice}, {@code TestValidateEndpointSliceUpdate} and the strategy. */
class EndpointSliceStrategyTest {
    private final EndpointSliceStrategy strategy = new EndpointSliceStrategy();

    static EndpointSlice slice(String addressType, String address) {
        EndpointSlice eps = StrategyHarness.yaml(EndpointSlice.class, """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: example-abc, namespace: default, labels: {kubernetes.io/service-name: example}}
                addressType: IPv4
                ports: [{name: http, port: 80}]
                endpoints:
                  - addresses: ["10.1.2.3"]
                    conditions: {ready: true}
                    hostname: pod-1
                    nodeName: node-1
                    zone: us-west2-a
                """);
        eps.setAddressType(addressType);
        eps.getEndpoints().get(0).setAddresses(List.of(address));
        return eps;
    }

    @Test
    void defaultsPortNameAndProtocol() {
        EndpointSlice eps = slice("IPv4", "10.1.2.3");
        eps.getPorts().get(0).setName(null);
        EndpointSlice created = StrategyHarness.created(strategy, eps);
        assertThat(created.getPorts().get(0).getName()).isEmpty();
        assertThat(created.getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(strategy.validate(created).list()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"IPv4,10.1.2.3", "IPv4,010.001.002.003", "IPv6,2001:db8::1", "IPv6,fd00::1:2", "FQDN,foo.example.com",
            "FQDN,foo.example.com."})
    void acceptsAddressesOfTheirType(String type, String address) {
        assertThat(StrategyHarness.create(strategy, slice(type, address))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "IPv4|2001:db8::1|must be a valid IPv4 address",
            "IPv6|10.1.2.3|must be a valid IPv6 address",
            "IPv4|foo|must be a valid IPv4 address",
            "IPv4|127.0.0.1|may not be in the loopback range (127.0.0.0/8, ::1/128)",
            "IPv4|0.0.0.0|may not be unspecified (0.0.0.0)",
            "IPv4|169.254.1.1|may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            "IPv4|224.0.0.1|may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
            "IPv6|fe80::1|may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            "FQDN|foo|should be a domain with at least two segments separated by dots"})
    void rejectsBadAddresses(String type, String address, String detail) {
        assertThat(StrategyHarness.create(strategy, slice(type, address)))
                .extracting(FieldError::field, FieldError::detail)
                .contains(Tuple.tuple("endpoints[0].addresses[0]", detail));
    }

    @Test
    void addressTypeRequiredSupportedAndImmutable() {
        assertThat(StrategyHarness.create(strategy, slice("", "10.1.2.3")))
                .extracting(FieldError::field, FieldError::type).containsExactly(Tuple.tuple("addressType", Type.REQUIRED));
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, slice("IP", "10.1.2.3")))).isEqualTo(
                "addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"\n");
        EndpointSlice old = StrategyHarness.created(strategy, slice("IPv4", "10.1.2.3"));
        assertThat(StrategyHarness.update(strategy, old, e -> {
            e.setAddressType("IPv6");
            e.getEndpoints().get(0).setAddresses(List.of("2001:db8::1"));
        })).extracting(FieldError::field).containsExactly("addressType");
    }

    @Test
    void portsAndEndpointsLimits() {
        EndpointSlice eps = slice("IPv4", "10.1.2.3");
        eps.getPorts().get(0).setProtocol("HTTP");
        eps.getPorts().add(StrategyHarness.copy(eps, EndpointSlice.class).getPorts().get(0));
        eps.getPorts().get(1).setProtocol("TCP");
        eps.getEndpoints().get(0).setAddresses(List.of());
        eps.getEndpoints().get(0).setHostname("Bad_Host");
        assertThat(StrategyHarness.create(strategy, eps)).extracting(FieldError::field, FieldError::type).containsExactly(
                Tuple.tuple("endpoints[0].addresses", Type.REQUIRED),
                Tuple.tuple("endpoints[0].hostname", Type.INVALID),
                Tuple.tuple("ports[0].protocol", Type.NOT_SUPPORTED),
                Tuple.tuple("ports[1].name", Type.DUPLICATE));

        EndpointSlice many = slice("IPv4", "10.1.2.3");
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            endpoints.add(many.getEndpoints().get(0));
        }
        many.setEndpoints(endpoints);
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, many)))
                .isEqualTo("endpoints: Too many: 1001: must have at most 1000 items\n");
    }

    @Test
    void generationFollowsBodyAndLabelChanges() {
        EndpointSlice old = StrategyHarness.created(strategy, slice("IPv4", "10.1.2.3"));
        EndpointSlice annotated = StrategyHarness.copy(old, EndpointSlice.class);
        annotated.getMetadata().setAnnotations(java.util.Map.of("a", "b"));
        strategy.prepareForUpdate(annotated, old);
        assertThat(annotated.getMetadata().getGeneration()).isEqualTo(1L);
        EndpointSlice moved = StrategyHarness.copy(old, EndpointSlice.class);
        moved.getEndpoints().get(0).setAddresses(List.of("10.1.2.4"));
        strategy.prepareForUpdate(moved, old);
        assertThat(moved.getMetadata().getGeneration()).isEqualTo(2L);
    }
}
