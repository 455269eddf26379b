package io.kubeboot.api.helpers.cron;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Go's time_test.go parseDurationTests / parseDurationErrorTests, plus the cron copies' former cases. */
class GoDurationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0|0", "5s|5000000000", "30s|30000000000", "1478s|1478000000000",
            "-5s|-5000000000", "+5s|5000000000", "-0|0", "+0|0",
            "5.0s|5000000000", "5.6s|5600000000", "5.s|5000000000", ".5s|500000000", "1.0s|1000000000",
            "1.00s|1000000000", "1.004s|1004000000", "1.0040s|1004000000", "100.00100s|100001000000",
            "10ns|10", "11us|11000", "12\u00b5s|12000", "12\u03bcs|12000", "13ms|13000000", "14s|14000000000",
            "15m|900000000000", "16h|57600000000000",
            "3h30m|12600000000000", "10.5s4m|250500000000", "-2m3.4s|-123400000000",
            "1h2m3s4ms5us6ns|3723004005006", "39h9m14.425s|140954425000000",
            "52763797000ns|52763797000",
            "0.3333333333333333333h|1200000000000",
            "9007199254740993ns|9007199254740993",
            "9223372036854775807ns|9223372036854775807", "9223372036854775.807us|9223372036854775807",
            "9223372036s854ms775us807ns|9223372036854775807",
            "-9223372036854775808ns|-9223372036854775808", "-9223372036854775.808us|-9223372036854775808",
            "-9223372036s854ms775us808ns|-9223372036854775808",
            "-2562047h47m16.854775808s|-9223372036854775808",
            "0.100000000000000000000h|360000000000",
            "0.830103483285477580700h|2988372539827",
            // robfig's @every examples
            "1h30m|5400000000000", "10ms|10000000", "-1.5s|-1500000000", "300ms|300000000",
    })
    void parses(String s, long nanos) {
        assertThat(GoDuration.parse(s)).isEqualTo(Duration.ofNanos(nanos));
        assertThat(GoDuration.parseError(s)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "''|time: invalid duration \"\"",
            "3|time: missing unit in duration \"3\"",
            "5|time: missing unit in duration \"5\"",
            "-|time: invalid duration \"-\"",
            "s|time: invalid duration \"s\"",
            ".|time: invalid duration \".\"",
            "-.|time: invalid duration \"-.\"",
            ".s|time: invalid duration \".s\"",
            "+.s|time: invalid duration \"+.s\"",
            "xyz|time: invalid duration \"xyz\"",
            "Xm|time: invalid duration \"Xm\"",
            "1d|time: unknown unit \"d\" in duration \"1d\"",
            "5x|time: unknown unit \"x\" in duration \"5x\"",
            "1.2.3s|time: missing unit in duration \"1.2.3s\"",
            "\ufffd|time: invalid duration \"\\xef\\xbf\\xbd\"",
            "\ufffd hello \ufffd world|time: invalid duration \"\\xef\\xbf\\xbd hello \\xef\\xbf\\xbd world\"",
            "5\u00b5x|time: unknown unit \"\\xc2\\xb5x\" in duration \"5\\xc2\\xb5x\"",
            "1\"s|time: unknown unit \"\\\"s\" in duration \"1\\\"s\"",
            "9223372036854775810ns|time: invalid duration \"9223372036854775810ns\"",
            "9223372036854775808ns|time: invalid duration \"9223372036854775808ns\"",
            "-9223372036854775809ns|time: invalid duration \"-9223372036854775809ns\"",
            "9223372036854776us|time: invalid duration \"9223372036854776us\"",
            "3000000h|time: invalid duration \"3000000h\"",
            "9223372036854775.808us|time: invalid duration \"9223372036854775.808us\"",
            "9223372036854ms775us808ns|time: invalid duration \"9223372036854ms775us808ns\"",
            "1\u0663s|time: unknown unit \"\\xd9\\xa3s\" in duration \"1\\xd9\\xa3s\"",
    })
    void rejectsWithGoMessages(String s, String message) {
        assertThatThrownBy(() -> GoDuration.parse(s)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(GoDuration.parseError(s)).contains(message);
    }
}
