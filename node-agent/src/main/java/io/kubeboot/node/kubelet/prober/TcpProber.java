package io.kubeboot.node.kubelet.prober;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Upstream pkg/probe/tcp DoTCPProbe: success when a TCP connection opens within the timeout; otherwise a failure with
 * Go's dial error ({@code dial tcp 10.244.1.5:8080: connect: connection refused}, {@code ... i/o timeout}).
 * Stateless; thread safe.
 */
final class TcpProber {
    ProbeOutcome probe(String host, int port, Duration timeout) {
        String addr = ProbeTargets.joinHostPort(host, port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return ProbeOutcome.success("");
        } catch (SocketTimeoutException e) {
            return ProbeOutcome.failure("dial tcp " + addr + ": i/o timeout");
        } catch (ConnectException e) {
            return ProbeOutcome.failure("dial tcp " + addr + ": connect: connection refused");
        } catch (NoRouteToHostException e) {
            return ProbeOutcome.failure("dial tcp " + addr + ": connect: no route to host");
        } catch (IOException e) {
            return ProbeOutcome.failure("dial tcp " + addr + ": " + e.getMessage());
        }
    }
}
