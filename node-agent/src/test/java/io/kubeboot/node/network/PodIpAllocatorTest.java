package io.kubeboot.node.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodIpAllocatorTest {
    private final PodIpAllocator allocator = new PodIpAllocator();

    /** range, reserved addresses, addresses restored first, then the addresses expected for pods p0, p1, ... in order. */
    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("first usable after the network address", "10.244.1.0/24", Set.of(), Map.of(),
                        List.of("10.244.1.1", "10.244.1.2", "10.244.1.3")),
                Arguments.of("the engine gateway is skipped", "10.244.0.0/24", Set.of("10.244.0.1"), Map.of(),
                        List.of("10.244.0.2", "10.244.0.3")),
                Arguments.of("a gateway outside the range changes nothing", "10.244.1.0/24", Set.of("10.244.0.1"), Map.of(),
                        List.of("10.244.1.1", "10.244.1.2")),
                Arguments.of("/30: two usable addresses, no network or broadcast", "10.244.1.4/30", Set.of(), Map.of(),
                        List.of("10.244.1.5", "10.244.1.6")),
                Arguments.of("restored addresses are not given again", "10.244.1.0/24", Set.of(),
                        Map.of("old-a", "10.244.1.1", "old-b", "10.244.1.3"),
                        List.of("10.244.1.2", "10.244.1.4")),
                Arguments.of("restored addresses outside the range do not block it", "10.244.1.0/24", Set.of(),
                        Map.of("elsewhere", "10.244.2.1"), List.of("10.244.1.1")),
                Arguments.of("the last usable address is the one before broadcast", "10.244.1.0/29", Set.of(),
                        Map.of("a", "10.244.1.1", "b", "10.244.1.2", "c", "10.244.1.3", "d", "10.244.1.4", "e", "10.244.1.5"),
                        List.of("10.244.1.6")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void allocatesInOrder(String name, String range, Set<String> reserved, Map<String, String> restored, List<String> expected) {
        allocator.restore(restored);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            got.add(allocator.allocate("p" + i, Ipv4Cidr.parse(range), reserved));
        }
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void stablePerUid() {
        Ipv4Cidr range = Ipv4Cidr.parse("10.244.1.0/24");
        String first = allocator.allocate("a", range, Set.of());
        allocator.allocate("b", range, Set.of());
        assertThat(allocator.allocate("a", range, Set.of())).isEqualTo(first);
        assertThat(allocator.addressOf("a")).isEqualTo(first);
    }

    @Test
    void exhaustionNamesTheRange() {
        Ipv4Cidr range = Ipv4Cidr.parse("10.244.1.0/30");
        allocator.allocate("a", range, Set.of());
        allocator.allocate("b", range, Set.of());
        assertThatThrownBy(() -> allocator.allocate("c", range, Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no IP addresses available in range set: 10.244.1.1-10.244.1.2");
    }

    @Test
    void gatewayCountsTowardsExhaustion() {
        Ipv4Cidr range = Ipv4Cidr.parse("10.244.0.0/30");
        allocator.allocate("a", range, Set.of("10.244.0.1"));
        assertThatThrownBy(() -> allocator.allocate("b", range, Set.of("10.244.0.1")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void releasedAddressIsReusedOnlyAfterWrappingAround() {
        Ipv4Cidr range = Ipv4Cidr.parse("10.244.1.0/29");
        assertThat(allocator.allocate("a", range, Set.of())).isEqualTo("10.244.1.1");
        assertThat(allocator.allocate("b", range, Set.of())).isEqualTo("10.244.1.2");
        allocator.release("a");
        allocator.release("a");
        assertThat(allocator.addressOf("a")).isNull();
        assertThat(allocator.allocate("c", range, Set.of())).isEqualTo("10.244.1.3");
        for (String uid : List.of("d", "e", "f")) {
            allocator.allocate(uid, range, Set.of());
        }
        // 10.244.1.4-6 taken: the scan wraps to the released 10.244.1.1
        assertThat(allocator.allocate("g", range, Set.of())).isEqualTo("10.244.1.1");
    }

    @Test
    void everyAddressOfAFullRangeIsDistinct() {
        Ipv4Cidr range = Ipv4Cidr.parse("10.244.1.0/24");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 253; i++) {
            seen.add(allocator.allocate("p" + i, range, Set.of("10.244.1.1")));
        }
        assertThat(seen).hasSize(253).doesNotContain("10.244.1.0", "10.244.1.1", "10.244.1.255");
    }

    @Test
    void restoreKeepsTheUidsAddress() {
        allocator.restore(Map.of("a", "10.244.1.9"));
        assertThat(allocator.allocate("a", Ipv4Cidr.parse("10.244.1.0/24"), Set.of())).isEqualTo("10.244.1.9");
    }

    @Test
    void restoreLeavesAnAddressWithItsFirstHolder() {
        Ipv4Cidr range = Ipv4Cidr.parse("10.244.1.0/24");
        String a = allocator.allocate("a", range, Set.of());
        Map<String, String> restored = new LinkedHashMap<>();
        restored.put("b", a);
        restored.put("c", "not-an-ip");
        allocator.restore(restored);
        assertThat(allocator.addressOf("b")).isNull();
        assertThat(allocator.addressOf("c")).isNull();
        assertThat(allocator.allocate("b", range, Set.of())).isNotEqualTo(a);
    }

    @Test
    void anAddressOutsideANewRangeIsReplaced() {
        allocator.restore(Map.of("a", "10.244.9.9"));
        assertThat(allocator.allocate("a", Ipv4Cidr.parse("10.244.1.0/24"), Set.of())).isEqualTo("10.244.1.1");
    }
}
