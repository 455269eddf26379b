package io.kubeboot.scheduler.framework.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** After upstream pkg/scheduler/framework/parallelize/parallelism_test.go. */
class ParallelizerTest {

    @ParameterizedTest(name = "n={0} parallelism={1}")
    @CsvSource({"0,1", "1,1", "7,1", "1,16", "5,4", "100,4", "1000,16", "999,3"})
    void everyIndexRunsExactlyOnce(int n, int parallelism) {
        // the default threshold (this little work stays on the caller) and 0 (helpers always asked for)
        for (long minShared : new long[]{Parallelizer.DEFAULT_MIN_SHARED_NANOS, 0}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(n, 1));
            try (Parallelizer p = new Parallelizer(parallelism, minShared)) {
                for (int round = 0; round < 50; round++) {
                    p.until(n, runs::incrementAndGet);
                }
            }
            for (int i = 0; i < n; i++) {
                assertThat(runs.get(i)).as("index %d, minShared %d", i, minShared).isEqualTo(50);
            }
            if (n == 0) {
                assertThat(runs.get(0)).isZero();
            }
        }
    }

    @Test
    void workBelowTheThresholdRunsOnTheCallerAlone() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        try (Parallelizer p = new Parallelizer(4, TimeUnit.SECONDS.toNanos(10))) {
            p.until(100, i -> threads.add(Thread.currentThread()));
        }
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void slowWorkIsSharedWithHelpers() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicIntegerArray runs = new AtomicIntegerArray(40);
        try (Parallelizer p = new Parallelizer(4)) {
            p.until(40, i -> {
                threads.add(Thread.currentThread().getName());
                runs.incrementAndGet(i);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            });
        }
        for (int i = 0; i < 40; i++) {
            assertThat(runs.get(i)).as("index %d", i).isEqualTo(1);
        }
        assertThat(threads).contains(Thread.currentThread().getName())
                .anyMatch(name -> name.startsWith("scheduler-parallel-"));
    }

    /** The caller returns only after every piece a helper took has finished. */
    @Test
    void returnsAfterTheHelpersPieces() {
        AtomicInteger done = new AtomicInteger();
        try (Parallelizer p = new Parallelizer(4, 0)) {
            for (int round = 0; round < 200; round++) {
                done.set(0);
                p.until(16, i -> {
                    if (i % 4 == 3) {
                        LockSupport.parkNanos(100_000);
                    }
                    done.incrementAndGet();
                });
                assertThat(done.get()).as("round %d", round).isEqualTo(16);
            }
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
