package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.apiserver.table.TableConvertor.Column;
import io.kubeboot.apiserver.table.TableConvertor.RowCondition;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Builds the {@code meta.k8s.io/v1 Table} that answers {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io},
 * byte-compatible with kube-apiserver 1.32 ({@code endpoints/handlers/response.go asTable}):
 *
 * <pre>
 * {"kind":"Table","apiVersion":"meta.k8s.io/v1",
 *  "metadata":{"resourceVersion":"123","continue":"..."},          (empty values left out)
 *  "columnDefinitions":[{"name","type","format","description","priority"}...] | null,
 *  "rows":[{"cells":[...],"conditions":[...] (only when any),"object":{...} | null}]}
 * </pre>
 *
 * Cells are always the wide form (all columns); kubectl hides priority &gt; 0 columns itself.
 * {@code columnDefinitions} is JSON null when not wanted, as upstream sends it in every watch event
 * after the first. The input objects are not modified; the table holds copies of what it shows.
 *
 * <p>Stateless; thread safe.
 */
@Component
public class TableBuilder {

    /** The {@code includeObject} query parameter: what each row's {@code object} holds. */
    public enum IncludeObject {
        /** {@code object: null}. */
        NONE,
        /** A {@code meta.k8s.io/v1 PartialObjectMetadata} with the object's full metadata (the default). */
        METADATA,
        /** The whole object. */
        OBJECT;

        /**
         * Parses the query parameter value ("None", "Metadata", "Object"; absent or empty means
         * Metadata), answering anything else with upstream's 400 BadRequest.
         */
        public static IncludeObject parse(String value) {
            if (value == null || value.isEmpty()) {
                return METADATA;
            }
            return switch (value) {
                case "None" -> NONE;
                case "Metadata" -> METADATA;
                case "Object" -> OBJECT;
                default -> throw ApiErrors.badRequest("unrecognized includeObject value: " + FieldError.quote(value));
            };
        }
    }

    public ObjectNode table(TableConvertor convertor, List<JsonNode> objects, String resourceVersion,
                            String continueToken, IncludeObject include, boolean withColumnDefinitions, Instant now) {
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            metadata.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null && !continueToken.isEmpty()) {
            metadata.put("continue", continueToken);
        }
        if (withColumnDefinitions) {
            ArrayNode columns = table.putArray("columnDefinitions");
            for (Column column : convertor.columns()) {
                columns.addObject()
                        .put("name", column.name())
                        .put("type", column.type())
                        .put("format", column.format())
                        .put("description", column.description())
                        .put("priority", column.priority());
            }
        } else {
            table.putNull("columnDefinitions");
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            rows.add(row(convertor, object, include, now));
        }
        return table;
    }

    private static ObjectNode row(TableConvertor convertor, JsonNode object, IncludeObject include, Instant now) {
        ObjectNode row = Json.object();
        ArrayNode cells = row.putArray("cells");
        for (Object cell : convertor.cells(object, now)) {
            if (cell instanceof Long l) {
                cells.add(l);
            } else if (cell instanceof Integer i) {
                cells.add(i);
            } else if (cell instanceof Boolean b) {
                cells.add(b);
            } else {
                cells.add(String.valueOf(cell));
            }
        }
        List<RowCondition> conditions = convertor.conditions(object);
        if (!conditions.isEmpty()) {
            ArrayNode array = row.putArray("conditions");
            for (RowCondition c : conditions) {
                ObjectNode condition = array.addObject().put("type", c.type()).put("status", c.status());
                if (c.reason() != null && !c.reason().isEmpty()) {
                    condition.put("reason", c.reason());
                }
                if (c.message() != null && !c.message().isEmpty()) {
                    condition.put("message", c.message());
                }
            }
        }
        switch (include) {
            case NONE -> row.putNull("object");
            case OBJECT -> row.set("object", object.deepCopy());
            case METADATA -> {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                JsonNode metadata = object.path("metadata");
                partial.set("metadata", metadata.isObject() ? metadata.deepCopy() : Json.object());
            }
        }
        return row;
    }
}
