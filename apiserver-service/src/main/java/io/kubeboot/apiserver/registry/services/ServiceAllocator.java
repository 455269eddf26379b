package io.kubeboot.apiserver.registry.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.apiserver.config.ApiServerProperties;
import io.kubeboot.apiserver.registry.ClaimPolicy;
import io.kubeboot.store.Claim;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ClusterIP and NodePort allocation for Services, as kube-apiserver's service REST allocators: a
 * requested value is honoured when free and in range, otherwise refused with 422; an empty one is
 * picked at random from the range. Uniqueness is the store's: each value is a {@link Claim} taken in
 * the same atomic write as the Service and released with it. Thread safe.
 */
@Component
public class ServiceAllocator implements ClaimPolicy {
    static final String CLUSTER_IP = "clusterip";
    static final String NODE_PORT = "nodeport";

    private final ServiceCidr cidr;
    private final int portMin;
    private final int portMax;
    private final SecureRandom random = new SecureRandom();

    public ServiceAllocator(ApiServerProperties props) {
        this.cidr = ServiceCidr.parse(props.getServiceCidr());
        String[] range = props.getNodePortRange().split("-");
        this.portMin = Integer.parseInt(range[0].trim());
        this.portMax = Integer.parseInt(range[1].trim());
    }

    public ServiceCidr cidr() {
        return cidr;
    }

    @Override
    public List<Claim> assign(ObjectNode svc, JsonNode old, Set<Claim> avoid) {
        ObjectNode spec = svc.has("spec") && svc.get("spec").isObject() ? (ObjectNode) svc.get("spec") : svc.putObject("spec");
        Set<Claim> claims = new LinkedHashSet<>();
        String type = spec.path("type").asText("ClusterIP");
        if (!type.equals("ExternalName")) {
            // on update, ServiceStrategy has already carried the allocated values over (patchAllocatedValues)
            String ip = spec.path("clusterIP").asText("");
            if (ip.isEmpty()) {
                ip = pickIp(avoid);
            } else if (!ip.equals("None") && !cidr.contains(ip)) {
                throw invalid(svc, "spec.clusterIPs", "[]string{\"" + ip + "\"}", "failed to allocate IP " + ip
                        + ": the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is " + cidr);
            }
            spec.put("clusterIP", ip);
            ArrayNode ips = spec.putArray("clusterIPs");
            ips.add(ip);
            if (!ip.equals("None")) {
                claims.add(new Claim(CLUSTER_IP, ip));
            }
        }
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            JsonNode ports = spec.path("ports");
            for (int i = 0; i < ports.size(); i++) {
                ObjectNode p = (ObjectNode) ports.get(i);
                int port = p.path("nodePort").asInt(0);
                if (port == 0) {
                    port = pickPort(avoid, claims);
                } else if (port < portMin || port > portMax) {
                    throw invalid(svc, "spec.ports[" + i + "].nodePort", Integer.toString(port),
                            "provided port is not in the valid range. The range of valid ports is " + portMin + "-" + portMax);
                }
                p.put("nodePort", port);
                claims.add(new Claim(NODE_PORT, Integer.toString(port)));
            }
        }
        return new ArrayList<>(claims);
    }

    @Override
    public List<Claim> held(JsonNode svc) {
        Set<Claim> claims = new LinkedHashSet<>();
        JsonNode spec = svc.path("spec");
        String ip = spec.path("clusterIP").asText("");
        if (!ip.isEmpty() && !ip.equals("None")) {
            claims.add(new Claim(CLUSTER_IP, ip));
        }
        for (JsonNode p : spec.path("ports")) {
            int port = p.path("nodePort").asInt(0);
            if (port != 0) {
                claims.add(new Claim(NODE_PORT, Integer.toString(port)));
            }
        }
        return new ArrayList<>(claims);
    }

    @Override
    public StatusException onTaken(Claim claim, ObjectNode requested) {
        JsonNode spec = requested.path("spec");
        if (claim.index().equals(CLUSTER_IP)) {
            if (claim.value().equals(spec.path("clusterIP").asText(""))) {
                return invalid(requested, "spec.clusterIPs", "[]string{\"" + claim.value() + "\"}",
                        "failed to allocate IP " + claim.value() + ": provided IP is already allocated");
            }
            return null;
        }
        JsonNode ports = spec.path("ports");
        for (int i = 0; i < ports.size(); i++) {
            if (claim.value().equals(Integer.toString(ports.get(i).path("nodePort").asInt(0)))) {
                return invalid(requested, "spec.ports[" + i + "].nodePort", claim.value(), "provided port is already allocated");
            }
        }
        return null;
    }

    private String pickIp(Set<Claim> avoid) {
        for (int i = 0; i < 1000; i++) {
            String ip = cidr.randomHost(random);
            if (!avoid.contains(new Claim(CLUSTER_IP, ip))) {
                return ip;
            }
        }
        throw ApiErrors.internal("failed to allocate a serviceIP: range is full");
    }

    private int pickPort(Set<Claim> avoid, Set<Claim> mine) {
        for (int i = 0; i < 1000; i++) {
            int port = portMin + random.nextInt(portMax - portMin + 1);
            Claim c = new Claim(NODE_PORT, Integer.toString(port));
            if (!avoid.contains(c) && !mine.contains(c)) {
                return port;
            }
        }
        throw ApiErrors.internal("failed to allocate a nodePort: range is full");
    }

    private static StatusException invalid(JsonNode svc, String field, String valueText, String detail) {
        String name = svc.path("metadata").path("name").asText("");
        return ApiErrors.invalid("", "Service", name,
                List.of(new FieldError(FieldError.Type.INVALID, field, new GoValue(valueText), detail)));
    }
}
