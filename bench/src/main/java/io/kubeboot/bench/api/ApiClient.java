package io.kubeboot.bench.api;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The bench's HTTP/1.1 client, written directly on Netty: a pool of keep-alive connections with one
 * request in flight each, and unpooled connections for watch streams. The load generator shares the
 * cores with the server, so its CPU per request is part of the result; a general-purpose reactive
 * client spent about as much CPU per GET as the apiserver did, this one far less.
 *
 * <p>Requests are never retried: a retried POST could turn a dropped connection into a spurious 409
 * and hide the real failure. A response not complete after {@value #TIMEOUT_SECONDS} s fails the request.
 */
public final class ApiClient implements AutoCloseable {
    static final int TIMEOUT_SECONDS = 30;
    /** Lists of thousands of pods are megabytes; anything beyond this is a bench misconfiguration. */
    private static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

    private final EventLoopGroup loops;
    private final Bootstrap requests;
    private final Bootstrap streams;
    private final String hostHeader;
    private final ConcurrentLinkedQueue<Channel> idle = new ConcurrentLinkedQueue<>();

    public ApiClient(String baseUrl) {
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs are supported: " + baseUrl);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.hostHeader = uri.getHost() + ":" + port;
        this.loops = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
        Bootstrap base = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(uri.getHost(), port);
        this.requests = base.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new ReadTimeoutHandler(TIMEOUT_SECONDS), new HttpClientCodec(),
                        new HttpObjectAggregator(MAX_RESPONSE_BYTES), new ResponseHandler());
            }
        });
        this.streams = base.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec());
            }
        });
    }

    public CompletableFuture<HttpResult> get(String path) {
        return request(HttpMethod.GET, path, null);
    }

    public CompletableFuture<HttpResult> post(String path, byte[] json) {
        return request(HttpMethod.POST, path, json);
    }

    public CompletableFuture<HttpResult> put(String path, byte[] json) {
        return request(HttpMethod.PUT, path, json);
    }

    private CompletableFuture<HttpResult> request(HttpMethod method, String path, byte[] json) {
        CompletableFuture<HttpResult> result = new CompletableFuture<>();
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path,
                json == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(json));
        req.headers().set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
        if (json != null) {
            // as Go's client: a GET carries no Content-Length
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.CONTENT_LENGTH, json.length);
        }
        Channel ch;
        while ((ch = idle.poll()) != null && !ch.isActive()) {
            // a pooled connection the server (or the read timeout) closed meanwhile
        }
        if (ch != null) {
            send(ch, req, result);
        } else {
            requests.connect().addListener((ChannelFuture cf) -> {
                if (cf.isSuccess()) {
                    send(cf.channel(), req, result);
                } else {
                    req.release();
                    result.completeExceptionally(cf.cause());
                }
            });
        }
        return result;
    }

    private static void send(Channel ch, FullHttpRequest req, CompletableFuture<HttpResult> result) {
        ch.pipeline().get(ResponseHandler.class).pending = result;
        ch.writeAndFlush(req).addListener((ChannelFuture w) -> {
            if (!w.isSuccess()) {
                result.completeExceptionally(w.cause());
                w.channel().close();
            }
        });
    }

    /** Completes the request in flight on its connection, and returns a reusable connection to the pool first. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        volatile CompletableFuture<HttpResult> pending;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse resp) {
            CompletableFuture<HttpResult> f = pending;
            pending = null;
            HttpResult r = new HttpResult(resp.status().code(), ByteBufUtil.getBytes(resp.content()));
            // back to the pool before completing: the completion usually issues the next request at once
            if (HttpUtil.isKeepAlive(resp)) {
                idle.add(ctx.channel());
            } else {
                ctx.close();
            }
            if (f != null) {
                f.complete(r);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(new IOException("connection closed before the response"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }

        private void fail(Throwable cause) {
            CompletableFuture<HttpResult> f = pending;
            pending = null;
            if (f != null) {
                f.completeExceptionally(cause);
            }
        }
    }

    /**
     * Opens a long-lived GET (a watch) on its own connection. {@code onChunk} sees every body chunk on
     * the connection's event loop and must not keep the buffer; {@code onEnd} gets null when the server
     * ended the stream, else the error. Closing the handle closes the connection.
     */
    public AutoCloseable stream(String path, IntConsumer onStatus, Consumer<ByteBuf> onChunk, Consumer<Throwable> onEnd) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        req.headers().set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
        StreamHandler handler = new StreamHandler(onStatus, onChunk, onEnd);
        ChannelFuture connect = streams.connect();
        connect.addListener((ChannelFuture cf) -> {
            if (cf.isSuccess()) {
                cf.channel().pipeline().addLast(handler);
                cf.channel().writeAndFlush(req);
            } else {
                req.release();
                handler.end(cf.cause());
            }
        });
        return () -> connect.channel().close().await(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
