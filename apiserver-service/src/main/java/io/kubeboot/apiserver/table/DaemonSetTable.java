package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static io.kubeboot.apiserver.table.Fields.at;
import static io.kubeboot.apiserver.table.Fields.integer;

/**
 * DaemonSets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE | CONTAINERS IMAGES
 * SELECTOR (upstream {@code printDaemonSet}).
 */
public final class DaemonSetTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.integer("Desired", Descriptions.DAEMONSET_DESIRED),
            Columns.integer("Current", Descriptions.DAEMONSET_CURRENT),
            Columns.integer("Ready", Descriptions.DAEMONSET_READY),
            Columns.integer("Up-to-date", Descriptions.DAEMONSET_UPDATED),
            Columns.integer("Available", Descriptions.DAEMONSET_AVAILABLE),
            Columns.string("Node Selector", Descriptions.POD_NODE_SELECTOR),
            Columns.AGE,
            Columns.CONTAINERS,
            Columns.IMAGES,
            Columns.wide("Selector", Descriptions.DAEMONSET_SELECTOR));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode daemonSet, Instant now) {
        JsonNode podSpec = at(daemonSet, "spec", "template", "spec");
        return List.of(
                Fields.name(daemonSet),
                integer(daemonSet, "status", "desiredNumberScheduled"),
                integer(daemonSet, "status", "currentNumberScheduled"),
                integer(daemonSet, "status", "numberReady"),
                integer(daemonSet, "status", "updatedNumberScheduled"),
                integer(daemonSet, "status", "numberAvailable"),
                Labels.format(podSpec.path("nodeSelector")),
                Fields.age(daemonSet, now),
                Containers.names(podSpec.path("containers")),
                Containers.images(podSpec.path("containers")),
                Labels.formatSelector(at(daemonSet, "spec", "selector")));
    }
}
