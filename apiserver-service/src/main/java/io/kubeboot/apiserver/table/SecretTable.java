package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Secrets: NAME TYPE DATA AGE (upstream {@code printSecret}). */
public final class SecretTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Type", Descriptions.SECRET_TYPE),
            Columns.string("Data", Descriptions.SECRET_DATA),
            Columns.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode secret, Instant now) {
        return List.of(
                Fields.name(secret),
                Fields.text(secret, "type"),
                (long) Fields.size(secret, "data"),
                Fields.age(secret, now));
    }
}
