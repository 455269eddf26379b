package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.kubeboot.apiserver.table.Fields.list;
import static io.kubeboot.apiserver.table.Fields.text;

/**
 * EndpointSlices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE (upstream {@code printEndpointSlice}). Ports and
 * addresses show the first three and "+ N more..."; an empty list prints {@code <unset>}.
 */
public final class EndpointSliceTable implements TableConvertor {
    private static final int MAX = 3;

    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("AddressType", Descriptions.ENDPOINTSLICE_ADDRESS_TYPE),
            Columns.string("Ports", Descriptions.ENDPOINTSLICE_PORTS),
            Columns.string("Endpoints", Descriptions.ENDPOINTSLICE_ENDPOINTS),
            Columns.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode slice, Instant now) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : list(slice, "ports")) {
            if (Fields.isPresent(port, "port")) {
                ports.add(Long.toString(Fields.integer(port, "port")));
            } else if (Fields.isPresent(port, "name")) {
                ports.add(text(port, "name"));
            } else {
                ports.add("*");
            }
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode endpoint : list(slice, "endpoints")) {
            list(endpoint, "addresses").forEach(a -> addresses.add(a.asText()));
        }
        return List.of(
                Fields.name(slice),
                text(slice, "addressType"),
                withMore(ports),
                withMore(addresses),
                Fields.age(slice, now));
    }

    /** Upstream {@code listWithMoreString}. */
    private static String withMore(List<String> all) {
        String shown = String.join(",", all.subList(0, Math.min(MAX, all.size())));
        if (all.size() > MAX) {
            return shown + " + " + (all.size() - MAX) + " more...";
        }
        return shown.isEmpty() ? "<unset>" : shown;
    }
}
