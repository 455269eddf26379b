package io.kubeboot.controller.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream {@code TestTruncateEndpoints} (endpoints_controller_test.go): sizes per subset after truncation. */
class EndpointsTruncationTest {

    private static List<EndpointAddress> addrs(int n, int base) {
        return IntStream.range(0, n).mapToObj(i -> new EndpointAddressBuilder().withIp("10." + base + "." + (i / 250) + "." + (i % 250)).build())
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** Subsets of {ready, notReady} sizes. */
    private static List<EndpointSubset> subsets(int[][] sizes) {
        List<EndpointSubset> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            out.add(new EndpointSubsetBuilder().withAddresses(addrs(sizes[i][0], i)).withNotReadyAddresses(addrs(sizes[i][1], 100 + i)).build());
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("single subset, under capacity", new int[][]{{999, 0}}, null),
                Arguments.of("single subset, exactly at capacity", new int[][]{{1000, 0}}, null),
                Arguments.of("single subset, over capacity", new int[][]{{1001, 0}}, new int[][]{{1000, 0}}),
                Arguments.of("single subset, ready over capacity, not ready dropped", new int[][]{{1001, 10}}, new int[][]{{1000, 0}}),
                Arguments.of("single subset, not ready cut", new int[][]{{500, 600}}, new int[][]{{500, 500}}),
                Arguments.of("multiple subsets, ready over capacity, proportional", new int[][]{{600, 10}, {900, 10}}, new int[][]{{400, 0}, {600, 0}}),
                Arguments.of("multiple subsets, not ready cut proportionally", new int[][]{{400, 400}, {400, 200}}, new int[][]{{400, 134}, {400, 66}}),
                Arguments.of("three subsets, rounding up leaves the last short", new int[][]{{334, 0}, {334, 0}, {334, 0}}, new int[][]{{334, 0}, {334, 0}, {332, 0}}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void truncatesToCapacityFavouringReadyAddresses(String name, int[][] given, int[][] expected) {
        List<EndpointSubset> in = subsets(given);
        var got = EndpointsTruncation.truncate(in);
        if (expected == null) {
            assertThat(got).isEmpty();
            assertThat(EndpointsTruncation.capacityAnnotationSetCorrectly(Map.of(), in)).isTrue();
            return;
        }
        assertThat(EndpointsTruncation.capacityAnnotationSetCorrectly(Map.of(), in)).as("over capacity is never 'set correctly'").isFalse();
        assertThat(got).isPresent();
        int[][] sizes = got.get().stream().map(s -> new int[]{EndpointSubsets.nn(s.getAddresses()).size(),
                EndpointSubsets.nn(s.getNotReadyAddresses()).size()}).toArray(int[][]::new);
        assertThat(sizes).isDeepEqualTo(expected);
        assertThat(EndpointSubsets.addressCount(got.get())).isLessThanOrEqualTo(EndpointsTruncation.MAX_CAPACITY);
        // the input is not modified
        assertThat(EndpointSubsets.nn(in.get(0).getAddresses())).hasSize(given[0][0]);
    }

    @ParameterizedTest(name = "stale annotation on {0} addresses")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 10})
    void aLeftoverOverCapacityAnnotationIsNotSetCorrectly(int n) {
        assertThat(EndpointsTruncation.capacityAnnotationSetCorrectly(Map.of(EndpointsTruncation.OVER_CAPACITY, "truncated"),
                subsets(new int[][]{{n, 0}}))).isFalse();
    }
}
