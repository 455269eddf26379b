package io.kubeboot.scheduler.framework.runtime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** After upstream pkg/scheduler/framework/parallelize/parallelism_test.go. */
class ParallelizerTest {

    @ParameterizedTest(name = "n={0} parallelism={1}")
    @CsvSource({"0,1", "1,1", "7,1", "1,16", "5,4", "100,4", "1000,16", "999,3"})
    void everyIndexRunsExactlyOnce(int n, int parallelism) {
        AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(n, 1));
        try (Parallelizer p = new Parallelizer(parallelism)) {
            p.until(n, runs::incrementAndGet);
        }
        for (int i = 0; i < n; i++) {
            assertThat(runs.get(i)).as("index %d", i).isEqualTo(1);
        }
        if (n == 0) {
            assertThat(runs.get(0)).isZero();
        }
    }

    @ParameterizedTest(name = "parallelism={0}")
    @CsvSource({"1", "4", "16"})
    void theFirstExceptionOfAPieceIsRethrown(int parallelism) {
        try (Parallelizer p = new Parallelizer(parallelism)) {
            assertThatThrownBy(() -> p.until(400, i -> {
                if (i == 237) {
                    throw new IllegalArgumentException("piece 237 failed");
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("piece 237 failed");
            // the pool is still usable after a failure
            AtomicIntegerArray runs = new AtomicIntegerArray(50);
            p.until(50, runs::incrementAndGet);
            assertThat(runs.get(49)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "parallelism={0}")
    @CsvSource({"1", "4"})
    void errorsPropagateAsThemselves(int parallelism) {
        try (Parallelizer p = new Parallelizer(parallelism)) {
            assertThatThrownBy(() -> p.until(100, i -> {
                if (i == 99) {
                    throw new AssertionError("error in piece");
                }
            })).isInstanceOf(AssertionError.class).hasMessage("error in piece");
        }
    }

    /** sqrt(n), but no more than n/parallelism + 1, and at least 1. */
    @ParameterizedTest(name = "chunkSize({0}, {1}) = {2}")
    @CsvSource({
            "0, 16, 1",
            "1, 16, 1",
            "4, 16, 1",
            "32, 16, 3",
            "50, 16, 4",
            "256, 16, 16",
            "1000, 16, 31",
            "1000000, 16, 1000",
            "100, 1, 10",
            "10, 100, 1"})
    void chunkSize(int n, int parallelism, int want) {
        assertThat(Parallelizer.chunkSize(n, parallelism)).isEqualTo(want);
    }
}
