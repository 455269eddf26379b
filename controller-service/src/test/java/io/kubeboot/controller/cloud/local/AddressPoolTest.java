package io.kubeboot.controller.cloud.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressPoolTest {
    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "127.0.0.2-127.0.0.254;127.0.0.2;true",
            "127.0.0.2-127.0.0.254;127.0.0.254;true",
            "127.0.0.2-127.0.0.254;127.0.0.1;false",
            "127.0.0.2-127.0.0.254;127.0.0.255;false",
            "127.0.1.0/24;127.0.1.77;true",
            "127.0.1.9/24;127.0.1.0;true",
            "127.0.1.0/24;127.0.2.0;false",
            "127.0.0.5, 127.0.0.9;127.0.0.9;true",
            "127.0.0.5, 127.0.0.9;127.0.0.7;false",
            "127.0.0.5;not-an-ip;false"})
    void parsesRangesCidrsAndAddresses(String spec, String ip, boolean contained) {
        assertThat(AddressPool.parse(spec).contains(ip)).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1-10.0.0.9", "127.0.0.250-128.0.0.2", "0.0.0.0/0", "192.168.1.10", "::1", "",
            "127.0.0.9-127.0.0.2", "127.0.0.256", "127.0.0/24", "127.0.0.0/33", "localhost"})
    void rejectsAnythingButLoopbackIpv4AndBadSyntax(String spec) {
        assertThatThrownBy(() -> AddressPool.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allocatesTheLowestFreeAddressStablyPerOwnerAndReusesReleasedOnes() {
        AddressPool pool = AddressPool.parse("127.0.0.2-127.0.0.4");
        assertThat(pool.allocate("a", null, List.of())).isEqualTo("127.0.0.2");
        assertThat(pool.allocate("b", null, List.of())).isEqualTo("127.0.0.3");
        assertThat(pool.allocate("a", null, List.of())).as("an owner keeps its address").isEqualTo("127.0.0.2");
        assertThat(pool.allocate("c", null, List.of())).isEqualTo("127.0.0.4");
        assertThatThrownBy(() -> pool.allocate("d", null, List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessage("no address left in the address pool");
        pool.release("b");
        assertThat(pool.addressOf("b")).isEmpty();
        assertThat(pool.allocate("d", null, List.of())).isEqualTo("127.0.0.3");
        assertThat(pool.allocatedCount()).isEqualTo(3);
    }

    @Test
    void honoursAPreferredAddressOnlyWhenInThePoolAndFree() {
        AddressPool pool = AddressPool.parse("127.0.0.2-127.0.0.10");
        assertThat(pool.allocate("a", "127.0.0.7", List.of())).isEqualTo("127.0.0.7");
        assertThatThrownBy(() -> pool.allocate("b", "127.0.0.7", List.of()))
                .hasMessage("requested address 127.0.0.7 is already allocated");
        assertThatThrownBy(() -> pool.allocate("b", "127.0.0.11", List.of()))
                .hasMessage("requested address 127.0.0.11 is not in the address pool");
        assertThat(pool.allocate("b", null, List.of())).isEqualTo("127.0.0.2");
    }

    @Test
    void skipsAddressesToAvoid() {
        AddressPool pool = AddressPool.parse("127.0.0.2-127.0.0.5");
        assertThat(pool.allocate("a", null, List.of("127.0.0.2", "127.0.0.3"))).isEqualTo("127.0.0.4");
        assertThat(pool.allocate("b", null, List.of())).isEqualTo("127.0.0.2");
    }

    @Test
    void spansSeveralRangesInOrder() {
        AddressPool pool = AddressPool.parse("127.0.0.9,127.0.1.0/31");
        assertThat(List.of(pool.allocate("a", null, List.of()), pool.allocate("b", null, List.of()),
                pool.allocate("c", null, List.of()))).containsExactly("127.0.0.9", "127.0.1.0", "127.0.1.1");
    }
}
