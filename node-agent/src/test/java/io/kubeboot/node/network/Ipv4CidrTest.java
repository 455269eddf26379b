package io.kubeboot.node.network;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ipv4CidrTest {
    @ParameterizedTest
    @CsvSource({
            // text, normalised, first, broadcast, size
            "10.244.1.0/24, 10.244.1.0/24, 10.244.1.0, 10.244.1.255, 256",
            "10.244.1.77/24, 10.244.1.0/24, 10.244.1.0, 10.244.1.255, 256",
            "10.244.0.0/16, 10.244.0.0/16, 10.244.0.0, 10.244.255.255, 65536",
            "192.168.0.4/30, 192.168.0.4/30, 192.168.0.4, 192.168.0.7, 4",
            "10.0.0.1/32, 10.0.0.1/32, 10.0.0.1, 10.0.0.1, 1",
            "0.0.0.0/0, 0.0.0.0/0, 0.0.0.0, 255.255.255.255, 4294967296",
    })
    void parsesAndComputesBounds(String text, String normalised, String first, String broadcast, long size) {
        Ipv4Cidr cidr = Ipv4Cidr.parse(text);
        assertThat(cidr).hasToString(normalised);
        assertThat(Ipv4Cidr.format(cidr.network())).isEqualTo(first);
        assertThat(Ipv4Cidr.format(cidr.broadcast())).isEqualTo(broadcast);
        assertThat(cidr.size()).isEqualTo(size);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0/8", "10.0.0.256/8", "a.b.c.d/8",
            "10.0.0.0/x", "10..0.0/8", "1.2.3.4.5/8"})
    void rejectsInvalid(String text) {
        assertThatThrownBy(() -> Ipv4Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
    }

    @ParameterizedTest
    @CsvSource({
            "10.244.0.0/16, 10.244.3.7, true",
            "10.244.0.0/16, 10.245.0.0, false",
            "10.244.0.0/16, 10.243.255.255, false",
            "10.244.1.0/24, 10.244.1.255, true",
            "10.244.1.0/24, 10.244.2.0, false",
    })
    void containsAddress(String cidr, String address, boolean expected) {
        assertThat(Ipv4Cidr.parse(cidr).contains(address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "10.244.0.0/16, 10.244.1.0/24, true",
            "10.244.0.0/16, 10.244.0.0/16, true",
            "10.244.0.0/16, 10.244.0.0/15, false",
            "10.244.0.0/16, 10.245.1.0/24, false",
    })
    void containsRange(String outer, String inner, boolean expected) {
        assertThat(Ipv4Cidr.parse(outer).contains(Ipv4Cidr.parse(inner))).isEqualTo(expected);
    }
}
