package io.kubeboot.api.helpers.cron;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ported from robfig/cron v3 spec_test.go (TestActivation, TestNext) and parser_test.go, in their 5-field form; the
 * former controller and apiserver copies' cases are merged here. Every rejection is checked both through
 * {@code parseStandard} (the controller) and {@code parseError} (apiserver validation), which must agree.
 */
class CronScheduleTest {
    private static Instant t(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    /** An activation at {@code time}: Next(time - 1s) is exactly {@code time}. */
    @ParameterizedTest(name = "{1} at {0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "2012-07-09T15:00:00Z | 0/15 * * * *    | true",
            "2012-07-09T15:45:00Z | 0/15 * * * *    | true",
            "2012-07-09T15:40:00Z | 0/15 * * * *    | false",
            "2012-07-09T15:05:00Z | 5/15 * * * *    | true",
            "2012-07-09T15:20:00Z | 5/15 * * * *    | true",
            "2012-07-09T15:50:00Z | 5/15 * * * *    | true",
            "2012-07-15T15:00:00Z | 0/15 * * * 1-5  | false",
            "2012-07-09T15:00:00Z | 0/15 * * * 1-5  | true",
            "2012-07-13T15:00:00Z | 0/15 * * * 1-5  | true",
            "2012-07-14T15:00:00Z | 0/15 * * * 1-5  | false",
            "2012-07-15T15:00:00Z | 0/15 * * * sun  | true",
            "2012-07-15T15:00:00Z | 0/15 * * * Sun  | true",
            "2012-07-15T15:00:00Z | 0/15 * * * mon-fri | false",
            "2012-07-15T00:00:00Z | * * 1,15 * Sun  | true",
            "2012-06-15T00:00:00Z | * * 1,15 * Sun  | true",
            "2012-08-01T00:00:00Z | * * 1,15 * Sun  | true",
            "2012-07-15T00:00:00Z | * * */10 * Sun  | true",
            "2012-07-15T00:00:00Z | * * * * Mon     | false",
            "2012-07-09T00:00:00Z | * * 1,15 * *    | false",
            "2012-07-15T00:00:00Z | * * 1,15 * *    | true",
            "2012-07-15T00:00:00Z | * * */2 * Sun   | true",
            "2012-07-09T15:00:00Z | @hourly         | true",
            "2012-07-09T15:01:00Z | @hourly         | false",
            "2012-07-09T00:00:00Z | @daily          | true",
            "2012-07-09T00:00:00Z | @weekly         | false",
            "2012-07-08T00:00:00Z | @weekly         | true",
            "2012-07-01T00:00:00Z | @monthly        | true",
            "2012-01-01T00:00:00Z | @yearly         | true",
            "2012-02-01T00:00:00Z | @annually      | false",
    })
    void activation(String time, String spec, boolean expected) {
        CronSchedule s = CronSchedule.parseStandard(spec, ZoneOffset.UTC);
        Instant at = t(time);
        assertThat(s.next(at.minusSeconds(1)).equals(at)).isEqualTo(expected);
    }

    /** Next activation strictly after a time; "" means none within five years (the zero time). */
    @ParameterizedTest(name = "{1} after {0}")
    @CsvSource(delimiter = '|', value = {
            "2012-07-09T14:45:00Z | 0/15 * * * *     | 2012-07-09T15:00:00Z",
            "2012-07-09T14:59:00Z | 0/15 * * * *     | 2012-07-09T15:00:00Z",
            "2012-07-09T14:59:59Z | 0/15 * * * *     | 2012-07-09T15:00:00Z",
            "2012-07-09T15:45:00Z | 20-35/15 * * * * | 2012-07-09T16:20:00Z",
            "2012-07-09T23:46:00Z | */15 * * * *     | 2012-07-10T00:00:00Z",
            "2012-07-09T23:45:00Z | 20-35/15 * * * * | 2012-07-10T00:20:00Z",
            "2012-07-09T23:35:00Z | 0 0 9 Apr-Oct ?  | 2012-08-09T00:00:00Z",
            "2012-07-09T23:35:00Z | 0 0 */5 Apr,Aug,Oct Mon | 2012-08-01T00:00:00Z",
            "2012-07-09T23:35:00Z | 0 0 */5 Oct Mon  | 2012-10-01T00:00:00Z",
            "2012-07-09T23:35:00Z | 0 0 * Feb Mon    | 2013-02-04T00:00:00Z",
            "2012-07-09T23:35:00Z | 0 0 * Feb Mon/2  | 2013-02-01T00:00:00Z",
            "2012-12-31T23:59:45Z | * * * * *        | 2013-01-01T00:00:00Z",
            "2012-07-09T23:35:00Z | 0 0 29 Feb ?     | 2016-02-29T00:00:00Z",
            "2012-03-11T00:00:00-05:00 | TZ=America/New_York 30 2 11 Mar ? | 2013-03-11T02:30:00-04:00",
            "2012-03-11T00:00:00-05:00 | TZ=America/New_York 0 * * * ?     | 2012-03-11T01:00:00-05:00",
            "2012-03-11T01:00:00-05:00 | TZ=America/New_York 0 * * * ?     | 2012-03-11T03:00:00-04:00",
            "2012-03-11T03:00:00-04:00 | TZ=America/New_York 0 * * * ?     | 2012-03-11T04:00:00-04:00",
            "2012-03-11T00:00:00-05:00 | TZ=America/New_York 0 1 * * ?     | 2012-03-11T01:00:00-05:00",
            "2012-03-11T01:00:00-05:00 | TZ=America/New_York 0 1 * * ?     | 2012-03-12T01:00:00-04:00",
            "2012-03-11T00:00:00-05:00 | TZ=America/New_York 0 2 * * ?     | 2012-03-12T02:00:00-04:00",
            "2012-11-04T00:00:00-04:00 | TZ=America/New_York 30 2 04 Nov ? | 2012-11-04T02:30:00-05:00",
            "2012-11-04T01:45:00-04:00 | TZ=America/New_York 30 1 04 Nov ? | 2012-11-04T01:30:00-05:00",
            "2012-11-04T00:00:00-04:00 | TZ=America/New_York 0 * * * ?     | 2012-11-04T01:00:00-04:00",
            "2012-11-04T01:00:00-04:00 | TZ=America/New_York 0 * * * ?     | 2012-11-04T01:00:00-05:00",
            "2012-11-04T01:00:00-05:00 | TZ=America/New_York 0 * * * ?     | 2012-11-04T02:00:00-05:00",
            "2012-11-04T00:00:00-04:00 | TZ=America/New_York 0 1 * * ?     | 2012-11-04T01:00:00-04:00",
            "2012-11-04T01:00:00-04:00 | TZ=America/New_York 0 1 * * ?     | 2012-11-04T01:00:00-05:00",
            "2012-11-04T01:00:00-05:00 | TZ=America/New_York 0 1 * * ?     | 2012-11-05T01:00:00-05:00",
            "2012-11-04T00:00:00-04:00 | TZ=America/New_York 0 2 * * ?     | 2012-11-04T02:00:00-05:00",
            "2012-11-04T02:00:00-05:00 | TZ=America/New_York 0 2 * * ?     | 2012-11-05T02:00:00-05:00",
            "2012-11-04T00:00:00-04:00 | TZ=America/New_York 0 3 * * ?     | 2012-11-04T03:00:00-05:00",
            "2012-11-04T03:00:00-05:00 | TZ=America/New_York 0 3 * * ?     | 2012-11-05T03:00:00-05:00",
            "2012-11-04T00:00:00-04:00 | CRON_TZ=America/New_York 0 3 3 * ? | 2012-12-03T03:00:00-05:00",
            "2012-07-09T23:35:00Z | 0 0 30 Feb ?     | ''",
            "2012-07-09T23:35:00Z | 0 0 31 Apr ?     | ''",
            "2012-07-09T23:35:00Z | @every 1h30m     | 2012-07-10T01:05:00Z",
            "2012-07-09T23:35:00Z | @every 10ms      | 2012-07-09T23:35:01Z",
            "2012-07-09T23:35:00Z | @every -5s       | 2012-07-09T23:35:01Z",
            "2012-07-09T23:35:00Z | @every 1.5s      | 2012-07-09T23:35:01Z",
            "2012-07-09T23:35:00Z | @every .5m       | 2012-07-09T23:35:30Z",
            "2012-07-09T23:35:00Z | 1,,2 * * * *     | 2012-07-10T00:01:00Z",
            "2012-07-09T23:35:00Z | , * * * *        | ''",
            "2012-07-09T23:35:00Z | TZ=UTC 0\u00a00 * * *\u00a0 | 2012-07-10T00:00:00Z",
    })
    void next(String from, String spec, String expected) {
        CronSchedule s = CronSchedule.parseStandard(spec, ZoneOffset.UTC);
        Instant actual = s.next(t(from));
        if (expected.isEmpty()) {
            assertThat(actual).isEqualTo(CronSchedule.ZERO);
        } else {
            assertThat(actual).isEqualTo(t(expected));
        }
    }

    /** Without a TZ prefix the schedule runs in the controller's local zone (Go's time.Local). */
    @org.junit.jupiter.api.Test
    void localZoneAppliesWithoutPrefix() {
        CronSchedule s = CronSchedule.parseStandard("0 3 3 * ?", ZoneId.of("America/New_York"));
        assertThat(s.next(t("2012-11-04T00:00:00-04:00"))).isEqualTo(t("2012-12-03T03:00:00-05:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * * ?", "0 * * * *", "*/15 * * * *", "5 0 * 8 *", "15 14 1 * *", "0 22 * * 1-5",
            "23 0-20/2 * * *", "5 4 * * sun", "0 0,12 1 */2 *", "0 4 8-14 * *", "0 0 1 jan-dec mon", "5/10 * * * *",
            "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually", "@every 1h30m",
            "@every 5s", "TZ=UTC 0 * * * *", "  0 * * * *  ", "@every .5s", "@every 1.s", "@every 0", "@every 10ms",
            "TZ= 0 * * * *", "CRON_TZ=Local 0 * * * *", "TZ=America/New_York @daily", "1,,2 * * * *", "*-5 * * * *",
            "\t0\n*\u00a0* * *"})
    void acceptsStandardSchedules(String schedule) {
        assertThat(CronSchedule.parseError(schedule)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "''                 | empty spec string",
            "error              | expected exactly 5 fields, found 1: [error]",
            "0 0 * * * *        | expected exactly 5 fields, found 6: [0 0 * * * *]",
            "TZ=UTC             | expected exactly 5 fields, found 0: []",
            "* 24 * * *         | end of range (24) above maximum (23): 24",
            "x * * * *          | failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            "@foo               | unrecognized descriptor: @foo",
            "@every xyz         | failed to parse duration @every xyz: time: invalid duration \"xyz\"",
            "@every 5           | failed to parse duration @every 5: time: missing unit in duration \"5\"",
            "@every 5x          | failed to parse duration @every 5x: time: unknown unit \"x\" in duration \"5x\"",
            "@every .s          | failed to parse duration @every .s: time: invalid duration \".s\"",
            "@every 5\u00b5x    | failed to parse duration @every 5\u00b5x: time: unknown unit \"\\xc2\\xb5x\" in duration \"5\\xc2\\xb5x\"",
            "@every             | unrecognized descriptor: @every",
            "TZ=Mars/Base 0 * * * * | provided bad location Mars/Base: unknown time zone Mars/Base",
            "TZ=america/new_york 0 * * * * | provided bad location america/new_york: unknown time zone america/new_york",
            "TZ=../etc/passwd 0 * * * * | provided bad location ../etc/passwd: time: invalid location name",
            "TZ=/etc/localtime 0 * * * * | provided bad location /etc/localtime: time: invalid location name",
            "1/2/3/4 * * * *    | too many slashes: 1/2/3/4",
            "*/x * * * *        | failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            "1-x * * * *        | failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            "+ * * * *          | failed to parse int from +: strconv.Atoi: parsing \"+\": invalid syntax",
            "1\u00e9 * * * *    | failed to parse int from 1\u00e9: strconv.Atoi: parsing \"1\u00e9\": invalid syntax",
            "1\u0007 * * * *    | failed to parse int from 1\u0007: strconv.Atoi: parsing \"1\\a\": invalid syntax",
            "1\u200b * * * *    | failed to parse int from 1\u200b: strconv.Atoi: parsing \"1\\u200b\": invalid syntax",
            "\u0663 * * * *     | failed to parse int from \u0663: strconv.Atoi: parsing \"\u0663\": invalid syntax",
            "+5 * * * *         | ''",
            "99999999999999999999 * * * * | failed to parse int from 99999999999999999999: strconv.Atoi: parsing \"99999999999999999999\": value out of range",
            "99999999999999999999x * * * * | failed to parse int from 99999999999999999999x: strconv.Atoi: parsing \"99999999999999999999x\": value out of range",
            "9223372036854775807 * * * * | end of range (9223372036854775807) above maximum (59): 9223372036854775807",
            "-9223372036854775808/2 * * * * | failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
            "* * * * */-1       | negative number (-1) not allowed: -1",
            "* * * *            | expected exactly 5 fields, found 4: [* * * *]",
            "* * * * * *        | expected exactly 5 fields, found 6: [* * * * * *]",
            "* 5 j * *          | failed to parse int from j: strconv.Atoi: parsing \"j\": invalid syntax",
            "@every Xm          | failed to parse duration @every Xm: time: invalid duration \"Xm\"",
            "@unrecognized      | unrecognized descriptor: @unrecognized",
            "1-2-3 * * * *      | too many hyphens: 1-2-3",
            "*/2/3 * * * *      | too many slashes: */2/3",
            "60 * * * *         | end of range (60) above maximum (59): 60",
            "* * 0 * *          | beginning of range (0) below minimum (1): 0",
            "5-1 * * * *        | beginning of range (5) beyond end of range (1): 5-1",
            "*/0 * * * *        | step of range should be a positive number: */0",
            "* * * 13 *         | end of range (13) above maximum (12): 13",
            "* * * * 7          | end of range (7) above maximum (6): 7",
            "-1 * * * *         | failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
            "TZ=Mars/Olympus * * * * * | provided bad location Mars/Olympus: unknown time zone Mars/Olympus",
    })
    void parseErrors(String spec, String message) {
        if (message.isEmpty()) {
            assertThat(CronSchedule.parseError(spec)).isEmpty();
            return;
        }
        assertThatThrownBy(() -> CronSchedule.parseStandard(spec, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(CronSchedule.parseError(spec)).contains(message);
    }

    /** Go's time.LoadLocation as CronJob validation uses it for spec.timeZone. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "''                  | ''",
            "UTC                 | ''",
            "Local               | ''",
            "America/New_York    | ''",
            "Etc/GMT+5           | ''",
            "America/New_Yrok    | unknown time zone America/New_Yrok",
            "utc                 | unknown time zone utc",
            "Mars/Base           | unknown time zone Mars/Base",
            "../etc/passwd       | time: invalid location name",
            "America/..          | time: invalid location name",
            "/etc/localtime      | time: invalid location name",
            "\\x                | time: invalid location name",
    })
    void loadLocation(String name, String message) {
        if (message.isEmpty()) {
            assertThat(CronSchedule.loadLocationError(name)).isEmpty();
            assertThat(CronSchedule.loadLocation(name, ZoneId.of("Asia/Tokyo"))).isNotNull();
        } else {
            assertThat(CronSchedule.loadLocationError(name)).contains(message);
            assertThatThrownBy(() -> CronSchedule.loadLocation(name, ZoneOffset.UTC)).hasMessage(message);
        }
    }

    @org.junit.jupiter.api.Test
    void localAndEmptyZones() {
        assertThat(CronSchedule.loadLocation("Local", ZoneId.of("Asia/Tokyo"))).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(CronSchedule.loadLocation("", ZoneId.of("Asia/Tokyo"))).isEqualTo(ZoneOffset.UTC);
        assertThat(CronSchedule.parseStandard("TZ=Asia/Tokyo 0 0 * * *", ZoneOffset.UTC).zone())
                .isEqualTo(ZoneId.of("Asia/Tokyo"));
    }
}
