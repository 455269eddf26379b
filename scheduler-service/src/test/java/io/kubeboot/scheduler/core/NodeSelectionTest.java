package io.kubeboot.scheduler.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** After upstream schedule_one_test.go TestNumFeasibleNodesToFind and TestSelectHost. */
class NodeSelectionTest {

    /** percentage 0 is "not set" (adaptive); the profile's or global value is resolved before this call. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "not set percentageOfNodesToScore and nodes number not more than 50, 0, 10, 10",
            "set profile percentageOfNodesToScore and nodes number not more than 50, 40, 10, 10",
            "not set percentageOfNodesToScore and nodes number more than 50, 0, 1000, 420",
            "set profile percentageOfNodesToScore and nodes number more than 50, 40, 1000, 400",
            "not set profile percentageOfNodesToScore and nodes number more than 50*125, 0, 6000, 300",
            "set profile percentageOfNodesToScore and nodes number more than 50*125, 40, 6000, 2400",
            "just under the minimum evaluates all, 0, 99, 99",
            "the minimum is 100 nodes, 0, 200, 100",
            "a small percentage is raised to the minimum, 10, 500, 100",
            "100 percent evaluates all, 100, 1000, 1000",
            "no nodes, 0, 0, 0"})
    void numFeasibleNodesToFind(String name, int percentage, int numAllNodes, int want) {
        assertThat(NodeSelection.numFeasibleNodesToFind(percentage, numAllNodes)).isEqualTo(want);
    }

    static Stream<Arguments> selectHostCases() {
        return Stream.of(
                Arguments.of("unique highest", new long[]{1, 2}, Set.of(1)),
                Arguments.of("ties among the highest", new long[]{1, 2, 2}, Set.of(1, 2)),
                Arguments.of("ties spread out", new long[]{2, 1, 2, 2, 0}, Set.of(0, 2, 3)),
                Arguments.of("all equal", new long[]{3, 3, 3, 3}, Set.of(0, 1, 2, 3)),
                Arguments.of("single node", new long[]{0}, Set.of(0)),
                Arguments.of("highest first", new long[]{9, 1, 2}, Set.of(0)));
    }

    /** Every tied index is chosen at least once, and nothing else ever is. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("selectHostCases")
    void selectHostChoosesOnlyAndEveryHighest(String name, long[] totals, Set<Integer> possible) {
        Random random = new Random(7);
        int[] hits = new int[totals.length];
        for (int i = 0; i < 1000; i++) {
            int got = NodeSelection.selectHost(totals, random);
            assertThat(possible).contains(got);
            hits[got]++;
        }
        for (int i : possible) {
            assertThat(hits[i]).as("index %d reachable", i).isPositive();
        }
    }

    @Test
    void tiesAreChosenUniformly() {
        long[] totals = {5, 5, 1, 5};
        Random random = new Random(42);
        int[] hits = new int[4];
        for (int i = 0; i < 3000; i++) {
            hits[NodeSelection.selectHost(totals, random)]++;
        }
        assertThat(hits[2]).isZero();
        for (int i : new int[]{0, 1, 3}) {
            assertThat(hits[i]).as("index %d", i).isBetween(850, 1150);
        }
    }

    @Test
    void noNodes() {
        assertThat(NodeSelection.selectHost(new long[0], new Random(1))).isEqualTo(-1);
    }
}
