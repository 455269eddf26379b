package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static io.kubeboot.apiserver.table.Fields.at;
import static io.kubeboot.apiserver.table.Fields.integer;

/**
 * Deployments: NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR (upstream
 * {@code printDeployment}). READY is "ready/desired"; SELECTOR is the selector string, empty for no
 * selector and {@code <invalid>} for a malformed one.
 */
public final class DeploymentTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Ready", Descriptions.DEPLOYMENT_READY),
            Columns.string("Up-to-date", Descriptions.DEPLOYMENT_UPDATED_REPLICAS),
            Columns.string("Available", Descriptions.DEPLOYMENT_AVAILABLE_REPLICAS),
            Columns.AGE,
            Columns.CONTAINERS,
            Columns.IMAGES,
            Columns.wide("Selector", Descriptions.DEPLOYMENT_SELECTOR));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode deployment, Instant now) {
        JsonNode containers = at(deployment, "spec", "template", "spec", "containers");
        return List.of(
                Fields.name(deployment),
                integer(deployment, "status", "readyReplicas") + "/" + integer(deployment, "spec", "replicas"),
                integer(deployment, "status", "updatedReplicas"),
                integer(deployment, "status", "availableReplicas"),
                Fields.age(deployment, now),
                Containers.names(containers),
                Containers.images(containers),
                Labels.selectorString(at(deployment, "spec", "selector")).orElse("<invalid>"));
    }
}
