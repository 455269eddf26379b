package io.kubeboot.node.proxy.userspace;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ClusterIP alias bookkeeping against a fake loopback interface. */
class ClusterIpAliasesTest {
    static final class FakeLo implements LocalAddresses {
        final Set<String> present = new HashSet<>(Set.of("127.0.0.1"));
        final List<String> calls = new ArrayList<>();
        boolean permitted = true;
        /** Addresses another agent adds just before this one (its add then fails as iproute2's does). */
        final Set<String> racedBy = new HashSet<>();

        @Override
        public Set<String> list() {
            return Set.copyOf(present);
        }

        @Override
        public void add(String ip) throws IOException {
            calls.add("add " + ip);
            if (!permitted) {
                throw new NotPermittedException("RTNETLINK answers: Operation not permitted");
            }
            if (racedBy.contains(ip)) {
                present.add(ip);
                throw new IOException("ip addr add " + ip + "/32 dev lo failed (exit 2): Error: ipv4: Address already assigned.");
            }
            present.add(ip);
        }

        @Override
        public void remove(String ip) {
            calls.add("del " + ip);
            present.remove(ip);
        }
    }

    @Test
    void addsMissingRemovesOnlyOwnedOnesNoLongerWanted() {
        FakeLo lo = new FakeLo();
        lo.present.add("10.96.0.99"); // another agent's
        ClusterIpAliases aliases = new ClusterIpAliases(lo);

        assertThat(aliases.reconcile(Set.of("10.96.0.1", "10.96.0.99"))).containsExactlyInAnyOrder("10.96.0.1", "10.96.0.99");
        assertThat(aliases.owned()).containsExactly("10.96.0.1");
        assertThat(aliases.reconcile(Set.of("10.96.0.1", "10.96.0.99"))).hasSize(2);
        assertThat(lo.calls).containsExactly("add 10.96.0.1");

        assertThat(aliases.reconcile(Set.of())).isEmpty();
        assertThat(lo.calls).containsExactly("add 10.96.0.1", "del 10.96.0.1");
        assertThat(lo.present).containsExactlyInAnyOrder("127.0.0.1", "10.96.0.99");
    }

    @Test
    void readdsAnOwnedAddressRemovedBehindItsBack() {
        FakeLo lo = new FakeLo();
        ClusterIpAliases aliases = new ClusterIpAliases(lo);
        aliases.reconcile(Set.of("10.96.0.1"));
        lo.present.remove("10.96.0.1");
        assertThat(aliases.reconcile(Set.of("10.96.0.1"))).containsExactly("10.96.0.1");
        assertThat(lo.present).contains("10.96.0.1");
    }

    @Test
    void withoutPrivilegeNoClusterIpIsLocalAndAddingIsNotRetried() {
        FakeLo lo = new FakeLo();
        lo.permitted = false;
        ClusterIpAliases aliases = new ClusterIpAliases(lo);
        assertThat(aliases.reconcile(Set.of("10.96.0.1", "10.96.0.2"))).isEmpty();
        assertThat(aliases.notPermitted()).isTrue();
        assertThat(aliases.reconcile(Set.of("10.96.0.1", "10.96.0.2"))).isEmpty();
        assertThat(lo.calls).hasSize(1);
    }

    @Test
    void anAddressAnotherAgentAddedFirstIsUsedButNotOwned() {
        FakeLo lo = new FakeLo();
        lo.racedBy.add("10.96.0.7");
        ClusterIpAliases aliases = new ClusterIpAliases(lo);
        assertThat(aliases.reconcile(Set.of("10.96.0.7", "10.96.0.8"))).containsExactlyInAnyOrder("10.96.0.7", "10.96.0.8");
        assertThat(aliases.owned()).containsExactly("10.96.0.8");
        aliases.close();
        assertThat(lo.present).containsExactlyInAnyOrder("127.0.0.1", "10.96.0.7");
    }

    @Test
    void closeRemovesWhatItAdded() {
        FakeLo lo = new FakeLo();
        ClusterIpAliases aliases = new ClusterIpAliases(lo);
        aliases.reconcile(Set.of("10.96.0.1", "10.96.0.2"));
        aliases.close();
        assertThat(lo.present).containsExactly("127.0.0.1");
        assertThat(aliases.owned()).isEmpty();
    }
}
