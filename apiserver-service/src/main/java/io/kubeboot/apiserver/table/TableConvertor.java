package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Turns objects of one resource type into rows of a {@code meta.k8s.io/v1 Table}, with the columns
 * kube-apiserver 1.32 prints for that type (upstream {@code pkg/printers/internalversion/printers.go}).
 * Columns with priority &gt; 0 are shown by kubectl only with {@code -o wide}.
 *
 * <p>Stateless and thread safe; the object passed in must not be modified.
 */
public interface TableConvertor {

    /** One {@code columnDefinitions} entry. */
    record Column(String name, String type, String format, String description, int priority) {
    }

    List<Column> columns();

    /** The cells of one row, one per column, already formatted as kubectl prints them ("5m", "1/1", "&lt;none&gt;"). */
    List<Object> cells(JsonNode object, Instant now);

    /** One {@code rows[].conditions} entry (upstream sets {@code Completed} on finished pods). */
    record RowCondition(String type, String status, String reason, String message) {
    }

    /** The row's conditions; most types have none. */
    default List<RowCondition> conditions(JsonNode object) {
        return List.of();
    }
}
