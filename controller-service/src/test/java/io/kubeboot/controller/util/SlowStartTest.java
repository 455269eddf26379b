package io.kubeboot.controller.util;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Port of upstream's TestSlowStartBatch, plus the batch sizes it implies. */
class SlowStartTest {

    @ParameterizedTest(name = "count={0} callLimit={1}")
    @CsvSource({
            // all fail: the first batch (1 call) fails, the rest is skipped
            "10, 0, 0, true, 1",
            // all succeed: 1+2+4+3
            "10, 10, 10, false, 10",
            // some succeed: 1+2+4 calls, the batch of 4 has the failures
            "10, 5, 5, true, 7",
    })
    void stopsAfterTheFirstBatchWithAFailure(int count, int callLimit, int expectedSuccesses, boolean expectError,
                                             int expectedCalls) {
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            SlowStart.Outcome out = SlowStart.run(count, SlowStart.INITIAL_BATCH_SIZE, pool, () -> {
                if (calls.incrementAndGet() > callLimit) {
                    throw new IllegalStateException("fake error");
                }
            });
            assertThat(out.successes()).isEqualTo(expectedSuccesses);
            assertThat(out.error() != null).isEqualTo(expectError);
            if (expectError) {
                assertThat(out.error()).hasMessage("fake error");
            }
            assertThat(calls.get()).isEqualTo(expectedCalls);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "count={0} initial={1}")
    @CsvSource(delimiter = ';', value = {
            "0; 1; ",
            "1; 1; 1",
            "3; 1; 1,2",
            "10; 1; 1,2,4,3",
            "16; 1; 1,2,4,8,1",
            "500; 1; 1,2,4,8,16,32,64,128,245",
            "5; 2; 2,3",
    })
    void batchesDoubleFromTheInitialSize(int count, int initial, String expected) {
        List<Integer> want = expected == null ? List.of() : Arrays.stream(expected.split(",")).map(Integer::valueOf).toList();
        assertThat(SlowStart.batchSizes(count, initial)).isEqualTo(want);
    }
}
