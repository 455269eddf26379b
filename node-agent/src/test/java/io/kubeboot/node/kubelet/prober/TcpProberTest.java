package io.kubeboot.node.kubelet.prober;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream pkg/probe/tcp tcp_test.go TestTcpHealthChecker on 127.0.0.1. */
class TcpProberTest {
    @Test
    void openAndClosedPorts() throws IOException {
        TcpProber prober = new TcpProber();
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(prober.probe("127.0.0.1", open.getLocalPort(), Duration.ofSeconds(1))).isEqualTo(ProbeOutcome.success(""));
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(prober.probe("127.0.0.1", closed, Duration.ofSeconds(1)))
                .isEqualTo(ProbeOutcome.failure("dial tcp 127.0.0.1:" + closed + ": connect: connection refused"));
    }
}
