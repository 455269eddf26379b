package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static io.kubeboot.apiserver.table.Fields.at;
import static io.kubeboot.apiserver.table.Fields.integer;

/** ReplicaSets: NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR (upstream {@code printReplicaSet}). */
public final class ReplicaSetTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.integer("Desired", Descriptions.REPLICASET_SPEC_REPLICAS),
            Columns.integer("Current", Descriptions.REPLICASET_STATUS_REPLICAS),
            Columns.integer("Ready", Descriptions.REPLICASET_READY_REPLICAS),
            Columns.AGE,
            Columns.CONTAINERS,
            Columns.IMAGES,
            Columns.wide("Selector", Descriptions.REPLICASET_SELECTOR));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode replicaSet, Instant now) {
        JsonNode containers = at(replicaSet, "spec", "template", "spec", "containers");
        return List.of(
                Fields.name(replicaSet),
                integer(replicaSet, "spec", "replicas"),
                integer(replicaSet, "status", "replicas"),
                integer(replicaSet, "status", "readyReplicas"),
                Fields.age(replicaSet, now),
                Containers.names(containers),
                Containers.images(containers),
                Labels.formatSelector(at(replicaSet, "spec", "selector")));
    }
}
