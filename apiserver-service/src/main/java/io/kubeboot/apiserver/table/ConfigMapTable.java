package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** ConfigMaps: NAME DATA AGE, DATA counting {@code data} and {@code binaryData} keys (upstream {@code printConfigMap}). */
public final class ConfigMapTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Data", Descriptions.CONFIGMAP_DATA),
            Columns.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode configMap, Instant now) {
        long keys = Fields.size(configMap, "data") + Fields.size(configMap, "binaryData");
        return List.of(Fields.name(configMap), keys, Fields.age(configMap, now));
    }
}
