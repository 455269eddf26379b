package io.kubeboot.node.proxy.userspace;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;

/**
 * Copies what one TCP connection reads to its peer (the other half of a proxied connection), reading the next
 * chunk only once the previous one is written (back-pressure, both channels run with auto-read off). A FIN is
 * passed on as a half-close of the peer's output once everything before it is written; when both directions are
 * finished, or either side fails or closes, both connections are closed.
 */
final class TcpRelay extends ChannelInboundHandlerAdapter {
    private final SocketChannel peer;

    TcpRelay(SocketChannel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        peer.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                closeBoth(ctx.channel());
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            SocketChannel self = (SocketChannel) ctx.channel();
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    closeBoth(self);
                    return;
                }
                peer.shutdownOutput().addListener((ChannelFutureListener) s -> {
                    if (!s.isSuccess() || (peer.isInputShutdown() && self.isOutputShutdown())) {
                        closeBoth(self);
                    }
                });
            });
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeBoth(ctx.channel());
    }

    private void closeBoth(Channel self) {
        self.close();
        peer.close();
    }
}
