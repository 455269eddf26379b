package io.kubeboot.node.proxy.userspace;

import io.kubeboot.node.proxy.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A UDP listener of one service port on one address, as upstream's userspace UDP proxy: each client address gets
 * a session, a socket connected to the endpoint the balancer chose for it; datagrams from the client go out on
 * it, replies come back to the client from the listener's address. A session idle for the idle timeout (both
 * directions) is closed. Sessions live on the listener's event loop, so the session table needs no locking.
 * Bound with SO_REUSEADDR and SO_REUSEPORT, as the TCP listener.
 */
final class UdpListener implements Listener {
    private final Channel channel;
    private final Map<InetSocketAddress, ChannelFuture> sessions;

    private UdpListener(Channel channel, Map<InetSocketAddress, ChannelFuture> sessions) {
        this.channel = channel;
        this.sessions = sessions;
    }

    static UdpListener bind(EventLoopGroup group, ListenerKey key, RoundRobinBalancer balancer, Duration idleTimeout) {
        Map<InetSocketAddress, ChannelFuture> sessions = new HashMap<>();
        Channel channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true)
                .handler(new Frontend(balancer, sessions, idleTimeout))
                .bind(new InetSocketAddress(key.ip(), key.port())).syncUninterruptibly().channel();
        return new UdpListener(channel, sessions);
    }

    /** Session count (for tests); reads on the event loop. */
    int sessionCount() {
        return channel.eventLoop().submit(sessions::size).syncUninterruptibly().getNow();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        channel.eventLoop().submit(() -> {
            List.copyOf(sessions.values()).forEach(f -> f.channel().close());
            sessions.clear();
        }).syncUninterruptibly();
    }

    private static final class Frontend extends SimpleChannelInboundHandler<DatagramPacket> {
        private final RoundRobinBalancer balancer;
        private final Map<InetSocketAddress, ChannelFuture> sessions;
        private final Duration idleTimeout;

        Frontend(RoundRobinBalancer balancer, Map<InetSocketAddress, ChannelFuture> sessions, Duration idleTimeout) {
            this.balancer = balancer;
            this.sessions = sessions;
            this.idleTimeout = idleTimeout;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress client = packet.sender();
            ChannelFuture session = sessions.get(client);
            if (session == null) {
                Optional<Endpoint> endpoint = balancer.next(client.getAddress().getHostAddress(), false);
                if (endpoint.isEmpty()) {
                    return;
                }
                session = open(ctx.channel(), client, endpoint.get());
                sessions.put(client, session);
            }
            ByteBuf payload = packet.content().retainedDuplicate();
            session.addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    f.channel().writeAndFlush(payload);
                } else {
                    payload.release();
                }
            });
        }

        private ChannelFuture open(Channel listener, InetSocketAddress client, Endpoint endpoint) {
            ChannelFuture connect = new Bootstrap().group(listener.eventLoop()).channel(NioDatagramChannel.class)
                    .handler(new ChannelInitializer<DatagramChannel>() {
                        @Override
                        protected void initChannel(DatagramChannel ch) {
                            ch.pipeline().addLast(new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS),
                                    new Backend(listener, client));
                        }
                    })
                    .connect(new InetSocketAddress(endpoint.ip(), endpoint.port()));
            connect.channel().closeFuture().addListener(f -> sessions.remove(client, connect));
            connect.addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    f.channel().close();
                }
            });
            return connect;
        }
    }

    /** The endpoint side of one session: replies go back to the client from the listener's socket. */
    private static final class Backend extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Channel listener;
        private final InetSocketAddress client;

        Backend(Channel listener, InetSocketAddress client) {
            this.listener = listener;
            this.client = client;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket reply) {
            if (listener.isActive()) {
                listener.writeAndFlush(new DatagramPacket(reply.content().retain(), client));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. ICMP port unreachable from the endpoint: the session ends, the next datagram opens a new one
            ctx.close();
        }
    }
}
