package io.kubeboot.api.helpers.resource;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Quantity.Value()} and {@code MilliValue()} of apimachinery: integer views rounded up (towards
 * positive infinity for the non-negative amounts the API admits), in every suffix format.
 */
class QuantitiesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // quantity, Value(), MilliValue()
            "0, 0, 0",
            "1, 1, 1000",
            "100m, 1, 100",
            "1500m, 2, 1500",
            "0.5, 1, 500",
            "1.5, 2, 1500",
            "100u, 1, 1",
            "1n, 1, 1",
            "250m, 1, 250",
            "1k, 1000, 1000000",
            "1M, 1000000, 1000000000",
            "1Ki, 1024, 1024000",
            "1Mi, 1048576, 1048576000",
            "1.5Gi, 1610612736, 1610612736000",
            "2Mi, 2097152, 2097152000",
            "1e3, 1000, 1000000",
            "1E3, 1000, 1000000",
            "12e-1, 2, 1200",
            "10000, 10000, 10000000",
    })
    void valueAndMilliValue(String quantity, long value, long milliValue) {
        Quantity q = new Quantity(quantity);
        assertThat(Quantities.value(q)).as("Value()").isEqualTo(value);
        assertThat(Quantities.milliValue(q)).as("MilliValue()").isEqualTo(milliValue);
    }

    @Test
    void nullIsZero() {
        assertThat(Quantities.value((Quantity) null)).isZero();
        assertThat(Quantities.milliValue((Quantity) null)).isZero();
    }

    /** Requests are unbounded in the API; an amount beyond int64 must not fail the scheduler. */
    @Test
    void amountsBeyondLongSaturate() {
        assertThat(Quantities.value(new Quantity("1E30"))).isEqualTo(Long.MAX_VALUE);
        assertThat(Quantities.milliValue(new Quantity("9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
        assertThat(Quantities.value(new Quantity("9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
    }
}
