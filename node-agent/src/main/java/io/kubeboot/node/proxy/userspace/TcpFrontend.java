package io.kubeboot.node.proxy.userspace;

import io.kubeboot.node.proxy.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The accepted side of a proxied TCP connection: picks an endpoint from the balancer, connects to it (on the same
 * event loop) and then relays both ways. A failed connect tries again with a fresh choice, as upstream's
 * userspace {@code tryConnectTCP} (up to four attempts with dial timeouts of 250 ms, 500 ms, 1 s and 2 s); when
 * every attempt fails the client's connection is closed.
 */
final class TcpFrontend extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TcpFrontend.class);
    private static final int[] DIAL_TIMEOUTS_MS = {250, 500, 1000, 2000};

    private final RoundRobinBalancer balancer;
    private final String servicePort;
    private final Runnable dialFailed;

    TcpFrontend(RoundRobinBalancer balancer, String servicePort, Runnable dialFailed) {
        this.balancer = balancer;
        this.servicePort = servicePort;
        this.dialFailed = dialFailed;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SocketChannel inbound = (SocketChannel) ctx.channel();
        String clientIp = inbound.remoteAddress().getAddress().getHostAddress();
        connect(inbound, clientIp, 0);
    }

    private void connect(SocketChannel inbound, String clientIp, int attempt) {
        Optional<Endpoint> chosen = balancer.next(clientIp, attempt > 0);
        if (chosen.isEmpty() || !inbound.isActive()) {
            inbound.close();
            return;
        }
        Endpoint endpoint = chosen.get();
        Bootstrap b = new Bootstrap().group(inbound.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, DIAL_TIMEOUTS_MS[attempt])
                .handler(new TcpRelay(inbound));
        b.connect(new InetSocketAddress(endpoint.ip(), endpoint.port())).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                dialFailed.run();
                // info: an endpoint that does not answer is usually one still programmed after its pod went
                log.info("Failed to connect {} to endpoint {} (attempt {}): {}", servicePort, endpoint, attempt + 1,
                        f.cause().getMessage());
                if (attempt + 1 < DIAL_TIMEOUTS_MS.length && inbound.isActive()) {
                    connect(inbound, clientIp, attempt + 1);
                } else {
                    log.warn("Failed to connect to an endpoint of {} for client {}", servicePort, clientIp);
                    inbound.close();
                }
                return;
            }
            SocketChannel outbound = (SocketChannel) f.channel();
            if (!inbound.isActive()) {
                outbound.close();
                return;
            }
            inbound.pipeline().replace(TcpFrontend.this, "relay", new TcpRelay(outbound));
            inbound.read();
            outbound.read();
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
