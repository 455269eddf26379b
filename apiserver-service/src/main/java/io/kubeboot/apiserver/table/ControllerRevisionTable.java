package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * ControllerRevisions: NAME CONTROLLER REVISION AGE (upstream {@code printControllerRevision}). The controller is
 * the owner reference with {@code controller: true}, printed as {@code <kind>.<group>/<name>} in lower case
 * ({@code daemonset.apps/fluentd}); {@code <none>} without one.
 */
public final class ControllerRevisionTable implements TableConvertor {
    static final String NONE = "<none>";
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Controller", Descriptions.CONTROLLER_REVISION_CONTROLLER),
            Columns.string("Revision", Descriptions.CONTROLLER_REVISION_REVISION),
            Columns.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode revision, Instant now) {
        return List.of(Fields.name(revision), controller(revision), Fields.integer(revision, "revision"),
                Fields.age(revision, now));
    }

    static String controller(JsonNode revision) {
        for (JsonNode ref : Fields.list(revision, "metadata", "ownerReferences")) {
            if (Fields.bool(ref, "controller")) {
                return formatResourceName(group(Fields.text(ref, "apiVersion")), Fields.text(ref, "kind"),
                        Fields.text(ref, "name"));
            }
        }
        return NONE;
    }

    /** The group of an apiVersion: "" for "v1", "apps" for "apps/v1" (Go's {@code ParseGroupVersion}). */
    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Upstream {@code formatResourceName} with kind: {@code GroupKind.String()} lower-cased, then the name. */
    private static String formatResourceName(String group, String kind, String name) {
        if (group.isEmpty() && kind.isEmpty()) {
            return name;
        }
        String groupKind = group.isEmpty() ? kind : kind + "." + group;
        return groupKind.toLowerCase(Locale.ROOT) + "/" + name;
    }
}
