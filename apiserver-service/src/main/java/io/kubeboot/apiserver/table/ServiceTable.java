package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.kubeboot.apiserver.table.Fields.at;
import static io.kubeboot.apiserver.table.Fields.integer;
import static io.kubeboot.apiserver.table.Fields.list;
import static io.kubeboot.apiserver.table.Fields.text;

/**
 * Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR (upstream {@code printService}).
 * The server always generates the wide form, so load balancer addresses are never clipped.
 */
public final class ServiceTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Type", Descriptions.SERVICE_TYPE),
            Columns.string("Cluster-IP", Descriptions.SERVICE_CLUSTER_IP),
            Columns.string("External-IP", Descriptions.SERVICE_EXTERNAL_IPS),
            Columns.string("Port(s)", Descriptions.SERVICE_PORTS),
            Columns.AGE,
            Columns.wide("Selector", Descriptions.SERVICE_SELECTOR));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode service, Instant now) {
        JsonNode spec = at(service, "spec");
        String ports = ports(spec);
        return List.of(
                Fields.name(service),
                text(spec, "type"),
                clusterIp(spec),
                externalIp(service),
                ports.isEmpty() ? Labels.NONE : ports,
                Fields.age(service, now),
                Labels.format(spec.path("selector")));
    }

    /** First of {@code spec.clusterIPs}, falling back to {@code spec.clusterIP} as v1 defaulting fills it. */
    private static String clusterIp(JsonNode spec) {
        List<JsonNode> ips = list(spec, "clusterIPs");
        String ip = ips.isEmpty() ? text(spec, "clusterIP") : ips.get(0).asText();
        return ip.isEmpty() ? Labels.NONE : ip;
    }

    private static String externalIp(JsonNode service) {
        JsonNode spec = at(service, "spec");
        List<String> externalIps = new ArrayList<>();
        list(spec, "externalIPs").forEach(ip -> externalIps.add(ip.asText()));
        switch (text(spec, "type")) {
            case "ClusterIP", "NodePort" -> {
                return externalIps.isEmpty() ? Labels.NONE : String.join(",", externalIps);
            }
            case "LoadBalancer" -> {
                List<String> results = new ArrayList<>(loadBalancerAddresses(service));
                if (!externalIps.isEmpty()) {
                    results.addAll(externalIps);
                    return String.join(",", results);
                }
                return results.isEmpty() ? "<pending>" : String.join(",", results);
            }
            case "ExternalName" -> {
                return text(spec, "externalName");
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    /** Ingress IPs (or hostnames when no IP), de-duplicated and sorted. */
    private static TreeSet<String> loadBalancerAddresses(JsonNode service) {
        TreeSet<String> result = new TreeSet<>();
        for (JsonNode ingress : list(service, "status", "loadBalancer", "ingress")) {
            if (!text(ingress, "ip").isEmpty()) {
                result.add(text(ingress, "ip"));
            } else if (!text(ingress, "hostname").isEmpty()) {
                result.add(text(ingress, "hostname"));
            }
        }
        return result;
    }

    /** "80/TCP", or "80:30080/TCP" with a node port. */
    private static String ports(JsonNode spec) {
        List<String> pieces = new ArrayList<>();
        for (JsonNode port : list(spec, "ports")) {
            long nodePort = integer(port, "nodePort");
            String protocol = text(port, "protocol");
            pieces.add(nodePort > 0
                    ? integer(port, "port") + ":" + nodePort + "/" + protocol
                    : integer(port, "port") + "/" + protocol);
        }
        return String.join(",", pieces);
    }
}
