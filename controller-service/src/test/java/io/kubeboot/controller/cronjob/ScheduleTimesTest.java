package io.kubeboot.controller.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.kubeboot.api.helpers.cron.CronSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Ported from upstream pkg/controller/cronjob/utils_test.go (TestMostRecentScheduleTime, TestNextScheduleTimeDuration). */
class ScheduleTimesTest {
    private static final Instant TOP_OF_HOUR = Instant.parse("2016-05-19T10:00:00Z");

    private static Instant min(int m) {
        return TOP_OF_HOUR.plus(Duration.ofMinutes(m));
    }

    private static CronJob cj(String schedule, Instant created, Instant lastSchedule, Long deadline) {
        return new CronJobBuilder().withNewMetadata().withName("cj").withNamespace("ns")
                .withCreationTimestamp(created.toString()).endMetadata()
                .withNewSpec().withSchedule(schedule).withStartingDeadlineSeconds(deadline).endSpec()
                .withNewStatus().withLastScheduleTime(lastSchedule == null ? null : lastSchedule.toString()).endStatus().build();
    }

    static Stream<Arguments> mostRecent() {
        return Stream.of(
                // name, cronjob, now, includeDeadline, expected most recent, expected missed
                Arguments.of("now before next schedule", cj("0 * * * *", min(-10), null, null), min(-5), false, null, ScheduleTimes.Missed.NONE),
                Arguments.of("now just after next schedule", cj("0 * * * *", min(-10), null, null), min(2), false, TOP_OF_HOUR, ScheduleTimes.Missed.NONE),
                Arguments.of("missed 5 schedules", cj("0 * * * *", min(-10), null, null), min(5 * 60 + 2), false, min(5 * 60), ScheduleTimes.Missed.FEW),
                Arguments.of("last schedule time is the earliest (two missed)", cj("0 * * * *", min(-10 * 60), min(-2 * 60), null), min(2), false, TOP_OF_HOUR, ScheduleTimes.Missed.FEW),
                Arguments.of("last schedule time one hour ago", cj("0 * * * *", min(-10 * 60), min(-60), null), min(2), false, TOP_OF_HOUR, ScheduleTimes.Missed.NONE),
                Arguments.of("rogue cronjob (many missed)", cj("59 23 * * *", min(-102 * 24 * 60), null, null), min(2), false,
                        Instant.parse("2016-05-18T23:59:00Z"), ScheduleTimes.Missed.MANY),
                Arguments.of("starting deadline caps how far back", cj("*/10 * * * *", min(-1000), null, 300L), min(12), true, min(10), ScheduleTimes.Missed.NONE),
                Arguments.of("starting deadline ignored when not included", cj("*/10 * * * *", min(-35), null, 300L), min(12), false, min(10), ScheduleTimes.Missed.FEW),
                Arguments.of("@every 1h", cj("@every 1h", min(-30), null, null), min(95), false, min(90), ScheduleTimes.Missed.FEW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void mostRecent(String name, CronJob cj, Instant now, boolean includeDeadline, Instant expected, ScheduleTimes.Missed missed) {
        CronSchedule s = CronSchedule.parseStandard(cj.getSpec().getSchedule(), ZoneOffset.UTC);
        ScheduleTimes.MostRecent r = ScheduleTimes.mostRecentScheduleTime(cj, now, s, includeDeadline);
        assertThat(r.error()).isNull();
        assertThat(r.mostRecent()).isEqualTo(expected);
        assertThat(r.missed()).isEqualTo(missed);
    }

    @Test
    void impossibleScheduleIsAnError() {
        CronJob c = cj("59 23 31 2 *", min(-10), null, null);
        ScheduleTimes.MostRecent r = ScheduleTimes.mostRecentScheduleTime(c, min(10), CronSchedule.parseStandard("59 23 31 2 *", ZoneOffset.UTC), true);
        assertThat(r.mostRecent()).isNull();
        assertThat(r.error()).isEqualTo("time difference between two schedules is less than 1 second");
    }

    static Stream<Arguments> nextDuration() {
        return Stream.of(
                Arguments.of("before the first schedule", cj("*/10 * * * *", min(-5), null, null), min(5), Duration.ofMinutes(5).plusMillis(100)),
                Arguments.of("right after the last schedule", cj("*/10 * * * *", min(-5), min(10), null), min(11), Duration.ofMinutes(9).plusMillis(100)),
                Arguments.of("missed schedules: next after the most recent", cj("*/10 * * * *", min(-100), min(-50), null), min(12), Duration.ofMinutes(8).plusMillis(100)),
                Arguments.of("impossible schedule: aim after now", cj("59 23 31 2 *", min(-5), null, null), min(5), Duration.between(min(5), CronSchedule.ZERO).plusMillis(100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nextDuration(String name, CronJob cj, Instant now, Duration expected) {
        CronSchedule s = CronSchedule.parseStandard(cj.getSpec().getSchedule(), ZoneOffset.UTC);
        assertThat(ScheduleTimes.nextScheduleTimeDuration(cj, now, s)).isEqualTo(expected);
    }
}
