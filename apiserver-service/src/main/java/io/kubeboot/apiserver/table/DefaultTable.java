package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Any resource without its own printer: NAME CREATED AT, the creation time in RFC 3339 (upstream
 * {@code rest.NewDefaultTableConvertor}); kubectl shows a {@code date} column as it is.
 */
public final class DefaultTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            new Column("Created At", "date", "", Descriptions.CREATION_TIMESTAMP, 0));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode object, Instant now) {
        Instant created = Timestamps.parse(Fields.at(object, "metadata", "creationTimestamp"));
        return List.of(Fields.name(object), Timestamps.rfc3339(created));
    }
}
