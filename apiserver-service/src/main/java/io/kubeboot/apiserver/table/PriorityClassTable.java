package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** PriorityClasses: NAME VALUE GLOBAL-DEFAULT AGE | PREEMPTIONPOLICY (upstream {@code printPriorityClass}). */
public final class PriorityClassTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.integer("Value", Descriptions.PRIORITY_CLASS_VALUE),
            Columns.bool("Global-Default", Descriptions.PRIORITY_CLASS_GLOBAL_DEFAULT),
            Columns.AGE,
            // Upstream declares this column with priority 0 but only fills it in wide output;
            // the server always generates wide rows, so kubectl shows it by default too.
            Columns.string("PreemptionPolicy", Descriptions.PRIORITY_CLASS_PREEMPTION_POLICY));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode priorityClass, Instant now) {
        return List.of(
                Fields.name(priorityClass),
                Fields.integer(priorityClass, "value"),
                Fields.bool(priorityClass, "globalDefault"),
                Fields.age(priorityClass, now),
                Fields.text(priorityClass, "preemptionPolicy"));
    }
}
