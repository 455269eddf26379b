package io.kubeboot.node.proxy.userspace;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;

/**
 * A TCP listener of one service port on one address (ClusterIP or node address), bound with SO_REUSEADDR and
 * SO_REUSEPORT so several node agents on one machine can each serve the same ClusterIP.
 */
final class TcpListener implements Listener {
    private final Channel server;

    private TcpListener(Channel server) {
        this.server = server;
    }

    /** Binds now; throws the bind failure (e.g. address in use) as is. */
    static TcpListener bind(EventLoopGroup group, ListenerKey key, RoundRobinBalancer balancer, String servicePort,
                            Runnable dialFailed) {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new TcpFrontend(balancer, servicePort, dialFailed));
                    }
                })
                .bind(new InetSocketAddress(key.ip(), key.port())).syncUninterruptibly().channel();
        return new TcpListener(server);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }
}
