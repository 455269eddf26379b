package io.kubeboot.controller.nodeipam;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** After upstream's range_allocator_test: TestAllocateOrOccupyCIDRSuccess/Failure, TestReleaseCIDRSuccess, TestOccupyPreExistingCIDR. */
class RangeAllocatorTest {
    private static RangeAllocator allocator(String clusters, String masks, String services) {
        List<Cidr> c = new ArrayList<>();
        for (String s : clusters.split(",")) {
            c.add(Cidr.parse(s));
        }
        List<Integer> m = new ArrayList<>();
        for (String s : masks.split(",")) {
            m.add(Integer.parseInt(s));
        }
        List<Cidr> svc = services.isEmpty() ? List.of() : List.of(Cidr.parse(services));
        return new RangeAllocator(c, m, svc);
    }

    private static List<String> strings(List<Cidr> cidrs) {
        return cidrs.stream().map(Cidr::toString).toList();
    }

    @Test
    void whenAllocatingBlocksOverlappingTheServiceRangeAreSkipped() throws Exception {
        RangeAllocator a = allocator("127.123.234.0/24", "30", "127.123.234.0/26");
        assertThat(strings(a.allocate())).containsExactly("127.123.234.64/30");
    }

    @Test
    void aServiceRangeOutsideTheClusterCidrChangesNothing() throws Exception {
        RangeAllocator a = allocator("10.244.0.0/16", "24", "10.96.0.0/12");
        assertThat(strings(a.allocate())).containsExactly("10.244.0.0/24");
    }

    @Test
    void preExistingCidrsAreHonouredAndNotHandedOutAgain() throws Exception {
        RangeAllocator a = allocator("127.123.234.0/28", "30", "");
        a.occupy("node0", List.of("127.123.234.0/30"));
        a.occupy("node1", List.of("127.123.234.8/30"));

        assertThat(strings(a.allocate())).containsExactly("127.123.234.4/30");
        assertThat(strings(a.allocate())).containsExactly("127.123.234.12/30");
        assertThatThrownBy(a::allocate).isInstanceOf(CidrSet.NoCidrsRemainingException.class);
    }

    @Test
    void releasedCidrsAreReusedOnceTheRangeIsExhausted() throws Exception {
        RangeAllocator a = allocator("127.123.234.0/28", "30", "");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.addAll(strings(a.allocate()));
        }
        assertThat(all).containsExactly("127.123.234.0/30", "127.123.234.4/30", "127.123.234.8/30", "127.123.234.12/30");
        assertThatThrownBy(a::allocate).hasMessage(CidrSet.NO_CIDRS_REMAINING);

        a.release("node1", List.of("127.123.234.4/30"));
        assertThat(strings(a.allocate())).containsExactly("127.123.234.4/30");
    }

    @Test
    void dualStackAllocatesOneBlockOfEachAndNothingWhenOneFamilyIsExhausted() throws Exception {
        RangeAllocator a = allocator("127.123.234.0/30,ace:cab:deca::/127", "31,128", "");
        assertThat(strings(a.allocate())).containsExactly("127.123.234.0/31", "ace:cab:deca::/128");
        assertThat(strings(a.allocate())).containsExactly("127.123.234.2/31", "ace:cab:deca::1/128");
        a.release("n", List.of("127.123.234.0/31"));
        assertThatThrownBy(a::allocate).isInstanceOf(CidrSet.NoCidrsRemainingException.class);
        assertThat(a.sets().get(0).allocatedCount()).as("the IPv4 block taken before the IPv6 failure went back").isEqualTo(1);
    }

    @Test
    void occupyingBadCidrsFailsWithUpstreamsMessages() {
        RangeAllocator a = allocator("10.244.0.0/16", "24", "");
        assertThatThrownBy(() -> a.occupy("n", List.of("garbage"))).hasMessage("failed to parse node n, CIDR garbage");
        assertThatThrownBy(() -> a.occupy("n", List.of("10.244.1.0/24", "fd00::/64")))
                .hasMessage("node:n has an allocated cidr: fd00::/64 at index:1 that does not exist in cluster cidrs configuration");
        assertThatThrownBy(() -> a.occupy("n", List.of("10.1.0.0/24")))
                .hasMessageStartingWith("failed to mark cidr[10.1.0.0/24] at idx [0] as occupied for node: n: cidr 10.1.0.0/24 is out the range");
    }

    @Test
    void invalidClusterCidrListsAreRejected() {
        assertThatThrownBy(() -> allocator("10.0.0.0/16,10.1.0.0/16", "24,24", "")).hasMessageContaining("dual-stack");
        assertThatThrownBy(() -> allocator("10.0.0.0/16,fd00::/48,10.1.0.0/16", "24,64,24", ""))
                .hasMessage("len of clusters cidrs is:3 > more than max allowed of 2");
    }

    @Test
    void theDefaultSettingsGiveEachNodeASlash24Of10_244() throws Exception {
        RangeAllocator a = NodeIpamController.allocator(new NodeIpamProperties());
        assertThat(strings(a.allocate())).containsExactly("10.244.0.0/24");
        assertThat(strings(a.allocate())).containsExactly("10.244.1.0/24");
        assertThat(a.sets().get(0).maxCidrs()).isEqualTo(256);
    }
}
