package io.kubeboot.node.proxy.iptables;

import io.kubeboot.node.network.Ipv4Cidr;
import io.kubeboot.node.proxy.Endpoint;
import io.kubeboot.node.proxy.ProxiedPort;
import io.kubeboot.node.proxy.ProxyState;
import io.kubeboot.node.proxy.ServicePort;
import io.kubeboot.node.proxy.ServicePortName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered iptables-restore input, modelled on upstream's iptables proxier tests (same chain names, comments
 * and rule order): each case names the lines that must appear in this order and lines that must not appear.
 */
class IptablesRulesTest {
    private static final ServicePortName P80 = new ServicePortName("ns1", "svc1", "p80", "TCP");
    private static final String SVC = "KUBE-SVC-XPGD46QRK7WJZT7O";
    private static final String EXT = "KUBE-EXT-XPGD46QRK7WJZT7O";
    private static final String SEP1 = "KUBE-SEP-SXIVWICOYRO3J4NJ";

    record Case(String name, ProxyState state, Set<String> previous, List<String> inOrder, List<String> absent) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Endpoint e1 = ep("10.180.0.1");
        Endpoint e2 = ep("10.180.0.2");
        Endpoint e3 = ep("10.180.0.3");
        String sep2 = ChainNames.endpoint(P80, e2);
        String sep3 = ChainNames.endpoint(P80, e3);
        return Stream.of(
                new Case("cluster IP with one endpoint",
                        state(new ProxiedPort(new ServicePort(P80, "172.30.0.41", 80, 0, 0), List.of(e1))), Set.of(),
                        List.of("*filter", ":KUBE-SERVICES - [0:0]", ":KUBE-EXTERNAL-SERVICES - [0:0]", "COMMIT", "*nat",
                                ":" + SVC + " - [0:0]", ":" + SEP1 + " - [0:0]",
                                "-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000",
                                "-A KUBE-SERVICES -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp -p tcp -d 172.30.0.41/32 --dport 80 -j " + SVC,
                                "-A " + SVC + " -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp -p tcp -d 172.30.0.41/32 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ",
                                "-A " + SVC + " -m comment --comment \"ns1/svc1:p80 -> 10.180.0.1:80\" -j " + SEP1,
                                "-A " + SEP1 + " -m comment --comment ns1/svc1:p80 -s 10.180.0.1/32 -j KUBE-MARK-MASQ",
                                "-A " + SEP1 + " -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80",
                                "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -d 192.168.0.2/32 -j KUBE-NODEPORTS",
                                "COMMIT"),
                        List.of("REJECT", "statistic", "recent", EXT)),
                new Case("three endpoints: probabilities 1/3, 1/2, then unconditional",
                        state(new ProxiedPort(new ServicePort(P80, "172.30.0.41", 80, 0, 0), List.of(e1, e2, e3))), Set.of(),
                        List.of("-A " + SVC + " -m comment --comment \"ns1/svc1:p80 -> 10.180.0.1:80\" -m statistic --mode random --probability 0.3333333333 -j " + SEP1,
                                "-A " + SVC + " -m comment --comment \"ns1/svc1:p80 -> 10.180.0.2:80\" -m statistic --mode random --probability 0.5000000000 -j " + sep2,
                                "-A " + SVC + " -m comment --comment \"ns1/svc1:p80 -> 10.180.0.3:80\" -j " + sep3),
                        List.of("REJECT")),
                new Case("ClientIP affinity: recent checks before balancing, set on DNAT",
                        state(new ProxiedPort(new ServicePort(P80, "172.30.0.41", 80, 0, 10800), List.of(e1, e2))), Set.of(),
                        List.of("-A " + SVC + " -m comment --comment \"ns1/svc1:p80 -> 10.180.0.1:80\" -m recent --name " + SEP1 + " --rcheck --seconds 10800 --reap -j " + SEP1,
                                "-A " + SVC + " -m comment --comment \"ns1/svc1:p80 -> 10.180.0.2:80\" -m recent --name " + sep2 + " --rcheck --seconds 10800 --reap -j " + sep2,
                                "-A " + SVC + " -m comment --comment \"ns1/svc1:p80 -> 10.180.0.1:80\" -m statistic --mode random --probability 0.5000000000 -j " + SEP1,
                                "-A " + SEP1 + " -m comment --comment ns1/svc1:p80 -m recent --name " + SEP1 + " --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80"),
                        List.of()),
                new Case("node port: KUBE-NODEPORTS to KUBE-EXT (masquerade) to KUBE-SVC",
                        state(new ProxiedPort(new ServicePort(P80, "172.30.0.41", 80, 30080, 0), List.of(e1))), Set.of(),
                        List.of(":" + EXT + " - [0:0]",
                                "-A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp --dport 30080 -j " + EXT,
                                "-A " + EXT + " -m comment --comment \"masquerade traffic for ns1/svc1:p80 external destinations\" -j KUBE-MARK-MASQ",
                                "-A " + EXT + " -j " + SVC),
                        List.of("REJECT")),
                new Case("no endpoints: REJECT in filter for the cluster IP and the node port, no service chains",
                        state(new ProxiedPort(new ServicePort(P80, "172.30.0.41", 80, 30080, 0), List.of())), Set.of(),
                        List.of("*filter",
                                "-A KUBE-SERVICES -m comment --comment \"ns1/svc1:p80 has no endpoints\" -m tcp -p tcp -d 172.30.0.41/32 --dport 80 -j REJECT",
                                "-A KUBE-EXTERNAL-SERVICES -m comment --comment \"ns1/svc1:p80 has no endpoints\" -d 192.168.0.2/32 -m tcp -p tcp --dport 30080 -j REJECT",
                                "COMMIT", "*nat"),
                        List.of(SVC, EXT, SEP1)),
                new Case("chains of the previous sync that are gone are flushed and deleted",
                        state(), Set.of(SVC, SEP1),
                        List.of("*nat", ":" + SVC + " - [0:0]", "-X " + SVC, "COMMIT"),
                        List.of("-A " + SVC)),
                new Case("node port outside the range is not programmed",
                        state(new ProxiedPort(new ServicePort(P80, "172.30.0.41", 80, 8080, 0), List.of(e1))), Set.of(),
                        List.of("-A KUBE-SERVICES -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp -p tcp -d 172.30.0.41/32 --dport 80 -j " + SVC),
                        List.of("KUBE-NODEPORTS -m comment", EXT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void render(Case c) {
        IptablesRules rules = new IptablesRules(Ipv4Cidr.parse("10.0.0.0/8"), "192.168.0.2", 30000, 32767);
        IptablesRules.Rendered r = rules.render(c.state(), c.previous());
        List<String> lines = Arrays.asList(r.restoreInput().split("\n"));
        assertThat(lines).containsSubsequence(c.inOrder());
        for (String s : c.absent()) {
            assertThat(r.restoreInput()).as(r.restoreInput()).doesNotContain(s);
        }
    }

    private static ProxyState state(ProxiedPort... ports) {
        return new ProxyState(List.of(ports), List.of());
    }

    private static Endpoint ep(String ip) {
        return new Endpoint(ip, 80, true, true, false, null);
    }
}
