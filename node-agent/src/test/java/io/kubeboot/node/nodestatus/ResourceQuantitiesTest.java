package io.kubeboot.node.nodestatus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The canonical quantity strings apimachinery prints for the kubelet's values. */
class ResourceQuantitiesTest {
    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "1000, 1000",
            "1024, 1Ki",
            "16730923008, 16338792Ki",
            "104857600, 100Mi",
            "4294967296, 4Gi",
            "94579391537, 94579391537",
            "1099511627776, 1Ti",
    })
    void bytesInBinarySiCanonicalForm(long bytes, String expected) {
        assertThat(ResourceQuantities.bytes(bytes).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"8000, 8", "500, 500m", "3500, 3500m", "0, 0"})
    void cpuFromMilliCores(long milli, String expected) {
        assertThat(ResourceQuantities.milliCpu(milli).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"4, 4000", "3500m, 3500", "0.5, 500", "100m, 100"})
    void cpuOverridesParse(String quantity, long milli) {
        assertThat(ResourceQuantities.milliValue(quantity)).isEqualTo(milli);
    }

    @ParameterizedTest
    @CsvSource({"8Gi, 8589934592", "1G, 1000000000", "512Mi, 536870912", "1000, 1000"})
    void memoryOverridesParse(String quantity, long bytes) {
        assertThat(ResourceQuantities.byteValue(quantity)).isEqualTo(bytes);
    }
}
