package io.kubeboot.controller.nodeipam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cases from upstream's cidr_set_test.go. */
class CidrSetTest {
    private static CidrSet set(String cluster, int mask) {
        return new CidrSet(Cidr.parse(cluster), mask);
    }

    @ParameterizedTest(name = "{0} /{1} fully allocated")
    @CsvSource({
            "127.123.234.0/30, 30, 127.123.234.0/30",
            "beef:1234::/30, 30, beef:1234::/30"})
    void fullyAllocatedThenReleased(String cluster, int mask, String expected) throws Exception {
        CidrSet s = set(cluster, mask);
        assertThat(s.allocateNext()).hasToString(expected);
        assertThatThrownBy(s::allocateNext).isInstanceOf(CidrSet.NoCidrsRemainingException.class)
                .hasMessage("CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range");
        s.release(Cidr.parse(expected));
        assertThat(s.allocateNext()).hasToString(expected);
        assertThatThrownBy(s::allocateNext).isInstanceOf(CidrSet.NoCidrsRemainingException.class);
    }

    @ParameterizedTest(name = "{0} /{1} index {2}")
    @CsvSource({
            "127.123.3.0/16, 24, 0, 127.123.0.0/24",
            "127.123.0.0/16, 24, 15, 127.123.15.0/24",
            "192.168.5.219/28, 32, 5, 192.168.5.213/32",
            "2001:0db8:1234:3::/48, 64, 0, 2001:db8:1234::/64",
            "2001:0db8:1234::/48, 64, 15, 2001:db8:1234:f::/64",
            "2001:0db8:85a3::8a2e:0370:7334/50, 63, 6425, 2001:db8:85a3:3232::/63"})
    void indexToCidrBlock(String cluster, int mask, int index, String expected) {
        assertThat(set(cluster, mask).indexToCidr(index)).hasToString(expected);
    }

    @Test
    void allocatesEveryBlockOnceInOrderThenRunsOut() throws Exception {
        CidrSet s = set("127.123.234.0/16", 24);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            got.add(s.allocateNext().toString());
        }
        assertThat(got.get(0)).isEqualTo("127.123.0.0/24");
        assertThat(got.get(255)).isEqualTo("127.123.255.0/24");
        assertThat(new HashSet<>(got)).hasSize(256);
        assertThatThrownBy(s::allocateNext).isInstanceOf(CidrSet.NoCidrsRemainingException.class);
        assertThat(s.allocatedCount()).isEqualTo(256);
    }

    @Test
    void occupiedBlocksAreSkipped() throws Exception {
        CidrSet s = set("127.123.234.0/16", 24);
        s.occupy(Cidr.parse("127.123.234.0/24"));
        Set<String> got = new HashSet<>();
        for (int i = 0; i < 255; i++) {
            got.add(s.allocateNext().toString());
        }
        assertThat(got).doesNotContain("127.123.234.0/24").hasSize(255);
        assertThatThrownBy(s::allocateNext).isInstanceOf(CidrSet.NoCidrsRemainingException.class);
    }

    @Test
    void aReleasedBlockIsNotReusedBeforeTheOthers() throws Exception {
        CidrSet s = set("10.0.0.0/22", 24);
        Cidr first = s.allocateNext();
        s.allocateNext();
        s.release(first);
        assertThat(s.allocateNext()).hasToString("10.0.2.0/24");
        assertThat(s.allocateNext()).hasToString("10.0.3.0/24");
        assertThat(s.allocateNext()).as("wraps around to the released block").hasToString("10.0.0.0/24");
    }

    @ParameterizedTest(name = "occupy {2} in {0} /{1}: blocks {3}..{4}")
    @CsvSource({
            "127.0.0.0/8, 16, 127.0.0.0/8, 0, 255",
            "127.0.0.0/8, 16, 127.0.0.0/2, 0, 255",
            "127.0.0.0/8, 16, 127.0.0.0/16, 0, 0",
            "127.0.0.0/8, 16, 127.0.0.0/15, 0, 1",
            "127.0.0.0/8, 16, 127.123.0.0/16, 123, 123",
            "127.0.0.0/8, 16, 127.224.0.0/12, 224, 239",
            "127.0.0.0/8, 16, 127.1.2.0/24, 1, 1",
            "be00::/8, 16, be12::/16, 18, 18",
            "2001:beef:1200::/40, 48, 2001:beef:1200::/40, 0, 255"})
    void indices(String cluster, int mask, String cidr, int begin, int end) {
        CidrSet s = set(cluster, mask);
        assertThat(s.indices(Cidr.parse(cidr))).containsExactly(begin, end);
        s.occupy(Cidr.parse(cidr));
        assertThat(s.allocatedCount()).isEqualTo(end - begin + 1);
        s.release(Cidr.parse(cidr));
        assertThat(s.allocatedCount()).isZero();
    }

    @Test
    void outOfRangeCidrsAreRejected() {
        CidrSet s = set("10.0.0.0/8", 16);
        assertThatThrownBy(() -> s.occupy(Cidr.parse("11.0.0.0/16")))
                .hasMessage("cidr 11.0.0.0/16 is out the range of cluster cidr 10.0.0.0/8");
        assertThatThrownBy(() -> s.occupy(Cidr.parse("fd00::/16"))).hasMessageContaining("is out the range of cluster cidr");
    }

    @Test
    void invalidSetsAreRejected() {
        assertThatThrownBy(() -> set("beef:1234::/30", 47)).hasMessage("New CIDR set failed; the node CIDR size is too big");
        assertThatThrownBy(() -> set("10.0.0.0/16", 8)).hasMessageContaining("does not fit cluster CIDR 10.0.0.0/16");
        assertThat(set("beef:1234::/30", 46).maxCidrs()).isEqualTo(65536);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "10.244.1.7/16, 10.244.0.0/16",
            "2001:0db8:0000:0000:0000:0000:0000:0001/64, 2001:db8::/64",
            "fd00:0:0:1::/64, fd00:0:0:1::/64",
            "::/0, ::/0"})
    void cidrsParseMaskedAndPrintAsGo(String text, String expected) {
        assertThat(Cidr.parse(text)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10.0.0.0", "10.0.0.0/33", "example.com/16", "10.0.0/8", "fd00::/129"})
    void malformedCidrsAreRejected(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid CIDR address");
    }
}
