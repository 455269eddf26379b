package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static io.kubeboot.apiserver.table.Fields.at;
import static io.kubeboot.apiserver.table.Fields.text;

/**
 * core/v1 Events: LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN COUNT NAME, in
 * upstream's wide order: LAST SEEN, TYPE, REASON, OBJECT, SUBOBJECT, SOURCE, MESSAGE, FIRST SEEN,
 * COUNT, NAME (upstream {@code printEvent}). Events written through the newer events API (eventTime,
 * series, reportingController) are printed from those fields when the legacy ones are empty.
 */
public final class EventTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.string("Last Seen", Descriptions.EVENT_LAST_TIMESTAMP),
            Columns.string("Type", Descriptions.EVENT_TYPE),
            Columns.string("Reason", Descriptions.EVENT_REASON),
            Columns.string("Object", Descriptions.EVENT_INVOLVED_OBJECT),
            Columns.wide("Subobject", Descriptions.OBJECT_REFERENCE_FIELD_PATH),
            Columns.wide("Source", Descriptions.EVENT_SOURCE),
            Columns.string("Message", Descriptions.EVENT_MESSAGE),
            Columns.wide("First Seen", Descriptions.EVENT_FIRST_TIMESTAMP),
            Columns.wide("Count", Descriptions.EVENT_COUNT),
            new Column("Name", "string", "name", Descriptions.NAME, 1));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode event, Instant now) {
        Instant first = Timestamps.parse(at(event, "firstTimestamp"));
        String firstSeen = first != null
                ? Timestamps.since(first, now)
                : Timestamps.since(at(event, "eventTime"), now);
        Instant last = Timestamps.parse(at(event, "lastTimestamp"));
        String lastSeen = last != null ? Timestamps.since(last, now) : firstSeen;

        long count = Fields.integer(event, "count");
        if (Fields.isSet(event, "series")) {
            lastSeen = Timestamps.since(at(event, "series", "lastObservedTime"), now);
            count = Fields.integer(event, "series", "count");
        } else if (count == 0) {
            // Singleton events written through events.k8s.io carry no count.
            count = 1;
        }

        JsonNode involved = at(event, "involvedObject");
        String kind = text(involved, "kind").toLowerCase(Locale.ROOT);
        String name = text(involved, "name");
        String target = name.isEmpty() ? kind : kind + "/" + name;

        return List.of(
                lastSeen,
                text(event, "type"),
                text(event, "reason"),
                target,
                text(involved, "fieldPath"),
                source(event),
                text(event, "message").strip(),
                firstSeen,
                count,
                Fields.name(event));
    }

    /** "component, host", each falling back to reportingController / reportingInstance. */
    private static String source(JsonNode event) {
        String component = firstNonEmpty(text(event, "source", "component"), text(event, "reportingComponent"));
        String instance = firstNonEmpty(text(event, "source", "host"), text(event, "reportingInstance"));
        return instance.isEmpty() ? component : component + ", " + instance;
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}
