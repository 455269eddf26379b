package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.kubeboot.apiserver.table.Fields.at;
import static io.kubeboot.apiserver.table.Fields.integer;
import static io.kubeboot.apiserver.table.Fields.list;
import static io.kubeboot.apiserver.table.Fields.text;

/**
 * Jobs: NAME STATUS COMPLETIONS DURATION AGE | CONTAINERS IMAGES SELECTOR (upstream {@code printJob}).
 * STATUS is the first of Complete, Failed, Terminating, Suspended, FailureTarget that applies, else
 * Running; COMPLETIONS is "succeeded/completions" ("0/1 of 3" for parallel jobs without a count);
 * DURATION runs from start to completion, or to now while unfinished.
 */
public final class JobTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Status", Descriptions.JOB_STATUS),
            Columns.string("Completions", Descriptions.JOB_SUCCEEDED),
            Columns.string("Duration", Descriptions.JOB_DURATION),
            Columns.AGE,
            Columns.CONTAINERS,
            Columns.IMAGES,
            Columns.wide("Selector", Descriptions.JOB_SELECTOR));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode job, Instant now) {
        JsonNode containers = at(job, "spec", "template", "spec", "containers");
        return List.of(
                Fields.name(job),
                status(job),
                completions(job),
                duration(job, now),
                Fields.age(job, now),
                Containers.names(containers),
                Containers.images(containers),
                Labels.formatSelector(at(job, "spec", "selector")));
    }

    private static String completions(JsonNode job) {
        long succeeded = integer(job, "status", "succeeded");
        if (Fields.isPresent(job, "spec", "completions")) {
            return succeeded + "/" + integer(job, "spec", "completions");
        }
        long parallelism = integer(job, "spec", "parallelism");
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    /** Empty until started (an unreadable start time counts as not started). */
    private static String duration(JsonNode job, Instant now) {
        Instant start = Timestamps.parse(at(job, "status", "startTime"));
        if (start == null) {
            return "";
        }
        Instant completed = Timestamps.parse(at(job, "status", "completionTime"));
        return Durations.human(Duration.between(start, completed == null ? now : completed));
    }

    private static String status(JsonNode job) {
        if (hasCondition(job, "Complete")) {
            return "Complete";
        }
        if (hasCondition(job, "Failed")) {
            return "Failed";
        }
        if (Fields.deleting(job)) {
            return "Terminating";
        }
        if (hasCondition(job, "Suspended")) {
            return "Suspended";
        }
        if (hasCondition(job, "FailureTarget")) {
            return "FailureTarget";
        }
        return "Running";
    }

    /** The first condition of {@code type} decides. */
    private static boolean hasCondition(JsonNode job, String type) {
        for (JsonNode condition : list(job, "status", "conditions")) {
            if (type.equals(text(condition, "type"))) {
                return "True".equals(text(condition, "status"));
            }
        }
        return false;
    }
}
