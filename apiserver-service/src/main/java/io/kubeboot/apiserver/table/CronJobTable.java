package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static io.kubeboot.apiserver.table.Fields.at;
import static io.kubeboot.apiserver.table.Fields.text;

/**
 * CronJobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE | CONTAINERS IMAGES SELECTOR
 * (upstream {@code printCronJob}). SUSPEND prints "True" / "False" / {@code <unset>}.
 */
public final class CronJobTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Schedule", Descriptions.CRONJOB_SCHEDULE),
            Columns.string("Timezone", Descriptions.CRONJOB_TIME_ZONE),
            Columns.bool("Suspend", Descriptions.CRONJOB_SUSPEND),
            Columns.integer("Active", Descriptions.CRONJOB_ACTIVE),
            Columns.string("Last Schedule", Descriptions.CRONJOB_LAST_SCHEDULE),
            Columns.AGE,
            Columns.CONTAINERS,
            Columns.IMAGES,
            Columns.wide("Selector", Descriptions.JOB_SELECTOR));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode cronJob, Instant now) {
        JsonNode jobSpec = at(cronJob, "spec", "jobTemplate", "spec");
        JsonNode containers = at(jobSpec, "template", "spec", "containers");
        String lastSchedule = Fields.isPresent(cronJob, "status", "lastScheduleTime")
                ? Timestamps.since(at(cronJob, "status", "lastScheduleTime"), now)
                : Labels.NONE;
        String timeZone = Fields.isPresent(cronJob, "spec", "timeZone") ? text(cronJob, "spec", "timeZone") : Labels.NONE;
        String suspend = Fields.isPresent(cronJob, "spec", "suspend")
                ? (Fields.bool(cronJob, "spec", "suspend") ? "True" : "False")
                : "<unset>";
        return List.of(
                Fields.name(cronJob),
                text(cronJob, "spec", "schedule"),
                timeZone,
                suspend,
                (long) Fields.size(cronJob, "status", "active"),
                lastSchedule,
                Fields.age(cronJob, now),
                Containers.names(containers),
                Containers.images(containers),
                Labels.formatSelector(jobSpec.path("selector")));
    }
}
