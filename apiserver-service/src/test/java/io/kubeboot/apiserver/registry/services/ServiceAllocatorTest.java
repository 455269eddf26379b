package io.kubeboot.apiserver.registry.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import io.kubeboot.apiserver.config.ApiServerProperties;
import io.kubeboot.store.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ClusterIP and NodePort choices, as upstream's service allocators make them. */
class ServiceAllocatorTest {
    final ServiceAllocator allocator;

    ServiceAllocatorTest() {
        ApiServerProperties props = new ApiServerProperties();
        props.setServiceCidr("10.96.0.0/28");
        props.setNodePortRange("30000-30009");
        allocator = new ServiceAllocator(props);
    }

    static ObjectNode svc(String spec) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree("{\"metadata\":{\"name\":\"s\"},\"spec\":" + spec + "}");
    }

    @ParameterizedTest(name = "{0} in range: {1}")
    @CsvSource({"10.96.0.0,false", "10.96.0.1,true", "10.96.0.14,true", "10.96.0.15,false", "10.96.0.16,false",
            "10.95.255.255,false", "not-an-ip,false"})
    void rangeExcludesNetworkAndBroadcast(String ip, boolean inside) {
        assertThat(allocator.cidr().contains(ip)).isEqualTo(inside);
    }

    @Test
    void picksAFreeClusterIpAndNodePortsWhenNoneAreAsked() throws IOException {
        ObjectNode s = svc("{\"type\":\"NodePort\",\"ports\":[{\"port\":80},{\"port\":443}]}");
        Set<Claim> avoid = new HashSet<>();
        for (int i = 1; i <= 13; i++) {
            avoid.add(new Claim(ServiceAllocator.CLUSTER_IP, allocator.cidr().host(i)));
        }
        List<Claim> claims = allocator.assign(s, null, avoid);
        assertThat(s.path("spec").path("clusterIP").asText()).isEqualTo("10.96.0.14");
        assertThat(s.path("spec").path("clusterIPs").get(0).asText()).isEqualTo("10.96.0.14");
        int p0 = s.path("spec").path("ports").get(0).path("nodePort").asInt();
        int p1 = s.path("spec").path("ports").get(1).path("nodePort").asInt();
        assertThat(p0).isBetween(30000, 30009);
        assertThat(p1).isBetween(30000, 30009).isNotEqualTo(p0);
        assertThat(claims).containsExactly(new Claim("clusterip", "10.96.0.14"),
                new Claim("nodeport", Integer.toString(p0)), new Claim("nodeport", Integer.toString(p1)));
        assertThat(allocator.held(s)).isEqualTo(claims);
    }

    @Test
    void honoursRequestsAndRefusesOutOfRange() throws IOException {
        ObjectNode ok = svc("{\"clusterIP\":\"10.96.0.5\",\"ports\":[{\"port\":80}]}");
        assertThat(allocator.assign(ok, null, Set.of())).containsExactly(new Claim("clusterip", "10.96.0.5"));
        ObjectNode headless = svc("{\"clusterIP\":\"None\",\"ports\":[{\"port\":80}]}");
        assertThat(allocator.assign(headless, null, Set.of())).isEmpty();
        assertThatThrownBy(() -> allocator.assign(svc("{\"clusterIP\":\"10.97.0.1\"}"), null, Set.of()))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo("Service \"s\" is invalid: spec.clusterIPs: Invalid value: "
                            + "[]string{\"10.97.0.1\"}: failed to allocate IP 10.97.0.1: the provided IP (10.97.0.1) is not "
                            + "in the valid range. The range of valid IPs is 10.96.0.0/28");
                });
        assertThatThrownBy(() -> allocator.assign(svc("{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":80}]}"),
                null, Set.of()))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.getMessage())
                        .endsWith("spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. "
                                + "The range of valid ports is 30000-30009"));
    }

    @Test
    void aTakenValueIsAnErrorOnlyWhenTheClientAskedForIt() throws IOException {
        ObjectNode asked = svc("{\"clusterIP\":\"10.96.0.5\",\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30001}]}");
        assertThat(allocator.onTaken(new Claim("clusterip", "10.96.0.5"), asked).getMessage())
                .endsWith("failed to allocate IP 10.96.0.5: provided IP is already allocated");
        assertThat(allocator.onTaken(new Claim("nodeport", "30001"), asked).getMessage())
                .endsWith("spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated");
        ObjectNode picked = svc("{\"ports\":[{\"port\":80}]}");
        assertThat(allocator.onTaken(new Claim("clusterip", "10.96.0.7"), picked)).as("server's pick: pick again").isNull();
    }

    @Test
    void updatesKeepAllocatedValues() throws IOException {
        ObjectNode old = svc("{\"clusterIP\":\"10.96.0.3\",\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"protocol\":\"TCP\",\"nodePort\":30004}]}");
        ObjectNode next = svc("{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"protocol\":\"TCP\"}]}");
        // the registry runs the strategy's update preparation before allocating, as here
        var spec = io.kubeboot.api.json.Models.toModel(next.get("spec"), io.fabric8.kubernetes.api.model.ServiceSpec.class);
        ServiceStrategy.patchAllocatedValues(spec,
                io.kubeboot.api.json.Models.toModel(old.get("spec"), io.fabric8.kubernetes.api.model.ServiceSpec.class));
        next.set("spec", io.kubeboot.api.json.Models.toTree(spec));
        assertThat(allocator.assign(next, old, Set.of()))
                .containsExactly(new Claim("clusterip", "10.96.0.3"), new Claim("nodeport", "30004"));
    }
}
