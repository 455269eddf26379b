package io.kubeboot.runtime.jvm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CommonPoolTest {
    @ParameterizedTest(name = "{0} cores -> parallelism {1}")
    @CsvSource({"1, 2", "2, 2", "3, 2", "4, 3", "16, 15"})
    void neverBelowTwoSoCompletableFutureKeepsAPool(int cores, int expected) {
        assertThat(CommonPool.parallelismFor(cores)).isEqualTo(expected);
    }
}
