package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.kubeboot.apiserver.table.Fields.integer;
import static io.kubeboot.apiserver.table.Fields.list;
import static io.kubeboot.apiserver.table.Fields.text;

/**
 * Endpoints: NAME ENDPOINTS AGE (upstream {@code printEndpoints}). ENDPOINTS lists the first three
 * "ip:port" pairs (bare IPs for subsets without ports) and "+ N more..." for the rest.
 */
public final class EndpointsTable implements TableConvertor {
    private static final int MAX = 3;

    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Endpoints", Descriptions.ENDPOINTS_SUBSETS),
            Columns.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode endpoints, Instant now) {
        return List.of(Fields.name(endpoints), format(endpoints), Fields.age(endpoints, now));
    }

    static String format(JsonNode endpoints) {
        List<JsonNode> subsets = list(endpoints, "subsets");
        if (subsets.isEmpty()) {
            return Labels.NONE;
        }
        List<String> shown = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (JsonNode subset : subsets) {
            List<JsonNode> addresses = list(subset, "addresses");
            List<JsonNode> ports = list(subset, "ports");
            if (ports.isEmpty()) {
                // Headless services may have no ports at all.
                count += addresses.size();
                for (JsonNode address : addresses) {
                    if (shown.size() == MAX) {
                        more = true;
                        break;
                    }
                    shown.add(text(address, "ip"));
                }
                continue;
            }
            for (JsonNode port : ports) {
                count += addresses.size();
                for (JsonNode address : addresses) {
                    if (shown.size() == MAX) {
                        more = true;
                        break;
                    }
                    shown.add(hostPort(text(address, "ip"), integer(port, "port")));
                }
            }
        }
        String joined = String.join(",", shown);
        return more ? joined + " + " + (count - MAX) + " more..." : joined;
    }

    /** Go's {@code net.JoinHostPort}: IPv6 hosts are bracketed. */
    static String hostPort(String host, long port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
