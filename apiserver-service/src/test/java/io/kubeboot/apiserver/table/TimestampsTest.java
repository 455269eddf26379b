package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** Upstream TestTranslateTimestampSince cases, and the timestamp forms stored objects carry. */
class TimestampsTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @ParameterizedTest
    @CsvSource({
            // offset from NOW in ms (negative is in the past) -> age
            "2100, <invalid>",
            "1900, 0s",
            "0, 0s",
            "-30000, 30s",
            "-300000, 5m",
            "-6000000, 100m",
            "-172800000, 2d",
            "-7776000000, 90d",
            "-315360000000, 10y",
    })
    void translateTimestampSince(long offsetMillis, String expected) {
        assertThat(Timestamps.since(F.textNode(NOW.plusMillis(offsetMillis).toString()), NOW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "2024-05-01T11:55:00Z, 5m",
            "2024-05-01T11:55:00.123456Z, 4m59s",
            "2024-05-01T13:55:00+02:00, 5m",
            "0001-01-01T00:00:00Z, <unknown>",
            "yesterday, <unknown>",
            "'', <unknown>",
    })
    void storedForms(String value, String expected) {
        assertThat(Timestamps.since(F.textNode(value), NOW)).isEqualTo(expected);
    }

    @Test
    void absentOrNullIsUnknown() {
        assertThat(Timestamps.since(MissingNode.getInstance(), NOW)).isEqualTo("<unknown>");
        assertThat(Timestamps.since(F.nullNode(), NOW)).isEqualTo("<unknown>");
    }

    @Test
    void rfc3339DropsFractionsAndPrintsGoZeroTime() {
        assertThat(Timestamps.rfc3339(Instant.parse("2024-05-01T11:55:00.987Z"))).isEqualTo("2024-05-01T11:55:00Z");
        assertThat(Timestamps.rfc3339(null)).isEqualTo("0001-01-01T00:00:00Z");
    }
}
