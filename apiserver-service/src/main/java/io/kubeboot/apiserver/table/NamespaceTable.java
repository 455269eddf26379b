package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Namespaces: NAME STATUS AGE, STATUS being {@code status.phase} (upstream {@code printNamespace}). */
public final class NamespaceTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Status", Descriptions.NAMESPACE_STATUS),
            Columns.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode namespace, Instant now) {
        return List.of(Fields.name(namespace), Fields.text(namespace, "status", "phase"), Fields.age(namespace, now));
    }
}
