package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Leases: NAME HOLDER AGE (upstream {@code printLease}). */
public final class LeaseTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Holder", Descriptions.LEASE_HOLDER_IDENTITY),
            Columns.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode lease, Instant now) {
        return List.of(Fields.name(lease), Fields.text(lease, "spec", "holderIdentity"), Fields.age(lease, now));
    }
}
