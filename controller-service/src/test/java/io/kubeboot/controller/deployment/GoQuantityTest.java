package io.kubeboot.controller.deployment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class GoQuantityTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // input, value, scale, cached string, format
            "0, 0, 0, 0, DecimalSI",
            "100m, 100, -3, 100m, DecimalSI",
            "1k, 1, 3, 1k, DecimalSI",
            "1000, 1000, 0, '', DecimalSI",
            "1.5, 15, -1, '', DecimalSI",
            "1Gi, 1073741824, 0, 1Gi, BinarySI",
            "128Mi, 134217728, 0, '', BinarySI",
            "1e3, 1, 3, 1e3, DecimalExponent",
            "-5, -5, 0, -5, DecimalSI",
            "250m, 250, -3, 250m, DecimalSI",
    })
    void fastPathAsParseQuantity(String in, long value, int scale, String cached, String format) {
        GoQuantity q = GoQuantity.parse(in);
        assertThat(q.decUnscaled()).isNull();
        assertThat(q.value()).isEqualTo(value);
        assertThat(q.scale()).isEqualTo(scale);
        assertThat(q.cached()).isEqualTo(cached);
        assertThat(q.format()).isEqualTo(format);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // a fraction of a binary suffix and more digits than an int64 holds take the inf.Dec path, scale 9
            "0.5Gi, 536870912000000000, 9, BinarySI",
            "0.5Ki, 512000000000, 9, BinarySI",
            "1n5, 0, 0, ''",
    })
    void slowPathRoundsToNanos(String in, String unscaled, int scale, String format) {
        GoQuantity q = GoQuantity.parse(in);
        if (format.isEmpty()) {
            assertThat(q).as("unparsable").isEqualTo(GoQuantity.ZERO);
            return;
        }
        assertThat(q.decUnscaled()).isEqualTo(new BigInteger(unscaled));
        assertThat(q.decScale()).isEqualTo(scale);
        assertThat(q.format()).isEqualTo(format);
    }
}
