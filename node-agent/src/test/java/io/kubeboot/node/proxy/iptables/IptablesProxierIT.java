package io.kubeboot.node.proxy.iptables;

import io.kubeboot.node.network.Ipv4Cidr;
import io.kubeboot.node.proxy.Endpoint;
import io.kubeboot.node.proxy.ProxiedPort;
import io.kubeboot.node.proxy.ProxyState;
import io.kubeboot.node.proxy.ServicePort;
import io.kubeboot.node.proxy.ServicePortName;
import io.kubeboot.node.proxy.TestBackends;
import io.kubeboot.node.proxy.userspace.IpCommandLoopback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The iptables proxier on this machine's real netfilter, fed a desired state directly (no apiserver, so no other
 * Service of a shared apiserver gets rules): a ClusterIP of the service CIDR and a node port on 127.0.0.1 reach
 * both endpoints (two cluster CIDR addresses this test puts on lo), ClientIP affinity pins one, no endpoints means
 * REJECT (connection refused), and closing removes every chain and jump. Skipped when iptables is not usable or
 * another iptables-mode kube-proxy already owns the KUBE-SERVICES chain here.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IptablesProxierIT {
    private static final String A = "10.244.255.250";
    private static final String B = "10.244.255.251";
    private static final ServicePortName NAME = new ServicePortName("px-it", "echo", "http", "TCP");
    private static TestBackends backends;
    private static String clusterIp;
    private static int nodePort;

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(new IptablesCommand().usable(), "iptables is not usable here: IptablesProxierIT skipped");
        assumeTrue(!iptablesSave().contains(":KUBE-SERVICES"),
                "another iptables-mode kube-proxy owns KUBE-SERVICES on this machine: IptablesProxierIT skipped");
        IpCommandLoopback lo = new IpCommandLoopback();
        lo.add(A);
        lo.add(B);
        backends = new TestBackends(List.of(A, B));
        clusterIp = "10.111." + ThreadLocalRandom.current().nextInt(0, 255) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        nodePort = ThreadLocalRandom.current().nextInt(31000, 32000);
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (backends != null) {
            backends.close();
            IpCommandLoopback lo = new IpCommandLoopback();
            lo.remove(A);
            lo.remove(B);
        }
    }

    @Test
    void servesClusterIpAndNodePortThenRejectsThenCleansUp() throws IOException {
        IptablesProxier proxier = new IptablesProxier(new IptablesCommand(), Ipv4Cidr.parse("10.244.0.0/16"), "127.0.0.1",
                "30000-32767", new IpCommandLoopback());
        try {
            List<Endpoint> both = List.of(ep(A), ep(B));
            assertThat(proxier.sync(state(both, 0))).isTrue();
            assertThat(new IpCommandLoopback().list()).contains(clusterIp);
            assertThat(identities(clusterIp, 80, 40)).containsExactlyInAnyOrder(A, B);
            assertThat(identities("127.0.0.1", nodePort, 40)).containsExactlyInAnyOrder(A, B);

            assertThat(proxier.sync(state(both, 600))).isTrue();
            assertThat(identities(clusterIp, 80, 10)).hasSize(1);

            assertThat(proxier.sync(state(List.of(), 0))).isTrue();
            assertThatThrownBy(() -> TestBackends.identity(clusterIp, 80)).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> TestBackends.identity("127.0.0.1", nodePort)).isInstanceOf(ConnectException.class);
        } finally {
            proxier.close();
        }
        assertThat(iptablesSave()).doesNotContain("KUBE-");
        assertThat(new IpCommandLoopback().list()).doesNotContain(clusterIp);
    }

    private static ProxyState state(List<Endpoint> endpoints, int sticky) {
        return new ProxyState(List.of(new ProxiedPort(new ServicePort(NAME, clusterIp, 80, nodePort, sticky), endpoints)),
                List.of());
    }

    private static Endpoint ep(String ip) {
        return new Endpoint(ip, backends.port(), true, true, false, null);
    }

    private static Set<String> identities(String host, int port, int n) throws IOException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(TestBackends.identity(host, port));
        }
        return new HashSet<>(got);
    }

    private static String iptablesSave() throws IOException {
        Process p = new ProcessBuilder("iptables-save").redirectErrorStream(true).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
