package io.kubeboot.apiserver.registry.cronjobs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** robfig/cron v3 {@code ParseStandard} acceptance and error texts (its parser_test.go cases). */
class CronScheduleTest {

    @ParameterizedTest
    @ValueSource(strings = {"* * * * ?", "0 * * * *", "*/15 * * * *", "5 0 * 8 *", "15 14 1 * *", "0 22 * * 1-5",
            "23 0-20/2 * * *", "5 4 * * sun", "0 0,12 1 */2 *", "0 4 8-14 * *", "0 0 1 jan-dec mon", "5/10 * * * *",
            "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually", "@every 1h30m",
            "@every 5s", "TZ=UTC 0 * * * *", "  0 * * * *  "})
    void acceptsStandardSchedules(String schedule) {
        assertThat(CronSchedule.parseError(schedule)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "error|expected exactly 5 fields, found 1: [error]",
            "* * * *|expected exactly 5 fields, found 4: [* * * *]",
            "0 0 * * * *|expected exactly 5 fields, found 6: [0 0 * * * *]",
            "60 * * * *|end of range (60) above maximum (59): 60",
            "* 24 * * *|end of range (24) above maximum (23): 24",
            "* * 0 * *|beginning of range (0) below minimum (1): 0",
            "* * * 13 *|end of range (13) above maximum (12): 13",
            "* * * * 7|end of range (7) above maximum (6): 7",
            "5-1 * * * *|beginning of range (5) beyond end of range (1): 5-1",
            "*/0 * * * *|step of range should be a positive number: */0",
            "1-2-3 * * * *|too many hyphens: 1-2-3",
            "*/2/3 * * * *|too many slashes: */2/3",
            "x * * * *|failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            "-1 * * * *|failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
            "@foo|unrecognized descriptor: @foo",
            "@every xyz|failed to parse duration @every xyz: time: invalid duration \"xyz\"",
            "@every 5|failed to parse duration @every 5: time: missing unit in duration \"5\"",
            "@every 5x|failed to parse duration @every 5x: time: unknown unit \"x\" in duration \"5x\"",
            "TZ=Mars/Base 0 * * * *|provided bad location Mars/Base: unknown time zone Mars/Base"})
    void rejectsWithRobfigMessages(String schedule, String message) {
        assertThat(CronSchedule.parseError(schedule)).contains(message);
    }
}
