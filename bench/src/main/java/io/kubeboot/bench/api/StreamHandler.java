package io.kubeboot.bench.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** Hands the chunks of one streamed response (a watch) to the caller as they arrive, without aggregating. */
final class StreamHandler extends ChannelInboundHandlerAdapter {
    private final IntConsumer onStatus;
    private final Consumer<ByteBuf> onChunk;
    private final Consumer<Throwable> onEnd;
    private boolean ended;

    StreamHandler(IntConsumer onStatus, Consumer<ByteBuf> onChunk, Consumer<Throwable> onEnd) {
        this.onStatus = onStatus;
        this.onChunk = onChunk;
        this.onEnd = onEnd;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse resp) {
                onStatus.accept(resp.status().code());
            }
            if (msg instanceof HttpContent content) {
                onChunk.accept(content.content());
                if (msg instanceof LastHttpContent) {
                    end(null);
                    ctx.close();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(new IOException("watch connection closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end(cause);
        ctx.close();
    }

    /** Reports the end once; a close by the bench itself also lands here, after the bench stopped looking. */
    void end(Throwable cause) {
        if (!ended) {
            ended = true;
            onEnd.accept(cause);
        }
    }
}
