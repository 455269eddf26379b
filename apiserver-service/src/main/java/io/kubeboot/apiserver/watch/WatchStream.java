package io.kubeboot.apiserver.watch;

import io.kubeboot.api.errors.StatusException;
import io.kubeboot.apiserver.http.Responses;
import io.kubeboot.apiserver.storage.CachedObject;
import io.kubeboot.apiserver.storage.ObjectFilter;
import io.kubeboot.apiserver.storage.WatchCache;
import io.kubeboot.apiserver.storage.WatchEvent;
import io.kubeboot.apiserver.storage.WatchListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One watch: registers with the watch cache and writes the stream's chunks until the timeout, the client
 * leaving, or the cache ending it. A watcher that falls more than {@code maxPending} events behind (or
 * whose socket has more than {@value #MAX_UNSENT_BYTES} bytes unsent) is dropped, as the cacher drops slow
 * watchers, so one stuck client cannot grow memory without bound; the client re-watches.
 *
 * <p>Two ways out:
 * <ul>
 *   <li><b>direct</b> (HTTP watches on Netty, the common case): after the response headers went out
 *       through WebFlux, the events gathered by the {@link WatchFlusher} are written straight to the
 *       connection's Netty channel, on the channel's own event loop, by one task per event loop per flush
 *       interval. Fanning an event out to a thousand watchers then costs a thousand buffer writes but no
 *       reactive pipeline, queue hand-off or cross-thread wake-up per watcher. The body publisher only
 *       carries the headers and, at the end, the response's completion.</li>
 *   <li><b>sink</b> (WebSocket, or a server that is not Netty): chunks go through a reactive sink, gathered by
 *       the flusher or one event per chunk.</li>
 * </ul>
 *
 * <p>Thread safety: listener calls come under the cache's lock; flushes run on the flusher thread (sink)
 * or the channel's event loop (direct); the buffer is only touched under this object's monitor, and direct
 * socket writes happen outside it, on the channel's event loop only.
 */
public final class WatchStream implements WatchListener {
    /** A buffer this large is written at once instead of waiting for the flusher. */
    private static final int MAX_CHUNK = 1 << 20;
    /** Unsent bytes queued on a direct watch's socket beyond which the watcher counts as stuck. */
    static final long MAX_UNSENT_BYTES = 64L << 20;

    /** Event lines written together; kept as separate arrays so that gathering copies nothing. */
    private record Chunk(byte[][] lines) {
        int events() {
            return lines.length;
        }
    }

    private final EventEncoder encoder;
    private final WatchFlusher flusher;
    private final Sinks.Many<Chunk> sink;
    private final Channel channel;
    private final Sinks.Empty<Void> completion;
    private final AtomicInteger pending = new AtomicInteger();
    private final int maxPending;
    /** Gathered lines: byte[] in sink mode; in direct mode ByteBufs, shared with other watches (written as duplicates). */
    private final ArrayList<Object> buffered = new ArrayList<>();
    private int bufferedBytes;
    private volatile boolean dirty;
    /** Direct mode: the flusher's group of this stream's event loop, set when registered (saves a map lookup per event). */
    volatile Object loopGroup;
    private boolean done;
    /** Direct mode: set once the headers went out; before that, events only gather. */
    private volatile boolean started;
    /** The initial state may be large; only what comes after it counts against the limit. */
    private volatile int pendingLimitOffset = Integer.MAX_VALUE / 2;

    private WatchStream(EventEncoder encoder, WatchFlusher flusher, int maxPending, Channel channel) {
        this.encoder = encoder;
        this.flusher = flusher;
        this.maxPending = maxPending;
        this.channel = channel;
        this.sink = channel == null ? Sinks.many().unicast().onBackpressureBuffer(Queues.<Chunk>unboundedMultiproducer().get()) : null;
        this.completion = channel == null ? null : Sinks.empty();
    }

    /**
     * Opens a sink-mode watch: chunks of the stream (newline-terminated JSON events), ending at the
     * timeout, when the client cancels, or when the cache ends the watch. {@code fromRevision < 0} sends
     * the current state first. An expired revision gives, as kube-apiserver does, a single ERROR event
     * carrying the 410 Status. With {@code flusher} null every event is its own chunk.
     */
    public static Flux<byte[][]> open(WatchCache cache, ObjectFilter filter, long fromRevision, boolean bookmarks,
                                    Duration timeout, EventEncoder encoder, WatchFlusher flusher, int maxPending) {
        WatchStream stream = new WatchStream(encoder, flusher != null && flusher.enabled() ? flusher : null, maxPending, null);
        WatchCache.Registration registration;
        try {
            registration = cache.watch(filter, fromRevision, bookmarks, stream);
        } catch (StatusException e) {
            return Mono.just(new byte[][]{encoder.error(Responses.statusBytes(e))}).flux();
        }
        stream.pendingLimitOffset = stream.pending.get();
        if (stream.flusher != null) {
            stream.flusher.register(stream);
        }
        return stream.sink.asFlux()
                .doOnNext(c -> stream.pending.addAndGet(-c.events()))
                .map(Chunk::lines)
                .take(timeout)
                .doFinally(s -> {
                    synchronized (stream) {
                        stream.done = true;
                    }
                    if (stream.flusher != null) {
                        stream.flusher.unregister(stream);
                    }
                    registration.cancel();
                });
    }

    /** The Netty channel under a WebFlux response on Reactor Netty, or null (another server, or a test). */
    public static Channel nettyChannel(ServerHttpResponse response) {
        if (response instanceof AbstractServerHttpResponse r && r.getNativeResponse() instanceof reactor.netty.Connection c) {
            return c.channel();
        }
        return null;
    }

    /**
     * Serves an HTTP watch in direct mode on {@code channel} (see the class comment); needs an enabled
     * flusher. Completes when the watch ends.
     */
    public static Mono<Void> serveDirect(ServerHttpResponse response, Channel channel, WatchCache cache, ObjectFilter filter,
                                         long fromRevision, boolean bookmarks, Duration timeout, EventEncoder encoder,
                                         WatchFlusher flusher, int maxPending) {
        WatchStream stream = new WatchStream(encoder, flusher, maxPending, channel);
        WatchCache.Registration registration;
        try {
            registration = cache.watch(filter, fromRevision, bookmarks, stream);
        } catch (StatusException e) {
            return serve(response, Mono.just(new byte[][]{encoder.error(Responses.statusBytes(e))}).flux());
        }
        stream.pendingLimitOffset = stream.pending.get();
        prepare(response);
        Disposable timer = Mono.delay(timeout).subscribe(t -> stream.finish());
        DataBufferFactory buffers = response.bufferFactory();
        // The leading empty buffer commits the headers. Only once it has been handed to the channel (the
        // second source is subscribed after the first completed) may direct writes start: Reactor Netty
        // writes on the event loop in order, so they follow the headers. The body ends when the stream
        // completes (or the client goes away, which cancels it).
        Flux<DataBuffer> body = Flux.concat(
                Mono.just(buffers.allocateBuffer(0)),
                Mono.<DataBuffer>fromRunnable(() -> {
                    stream.started = true;
                    flusher.register(stream);
                }),
                stream.completion.asMono().then(Mono.<DataBuffer>empty()))
                .doFinally(s -> {
                    synchronized (stream) {
                        stream.done = true;
                    }
                    timer.dispose();
                    flusher.unregister(stream);
                    registration.cancel();
                });
        return response.writeWith(body);
    }

    private static void prepare(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set("Cache-Control", "no-cache, private");
    }

    /**
     * Serves a sink-mode watch as a streamed HTTP response. The headers go out at once (client-go's
     * Watch() waits for them, so a quiet resource must not hold them back).
     */
    public static Mono<Void> serve(ServerHttpResponse response, Flux<byte[][]> chunks) {
        prepare(response);
        DataBufferFactory buffers = response.bufferFactory();
        // Reactor Netty's send flushes when its queue runs empty: the leading empty buffer commits the
        // headers, and chunks queued together share one flush
        Flux<DataBuffer> body = Flux.concat(Mono.just(buffers.allocateBuffer(0)), chunks.map(lines -> wrap(buffers, lines)));
        return response.writeWith(body);
    }

    /** One buffer over all lines without copying them (a composite where the factory is Netty's). */
    private static DataBuffer wrap(DataBufferFactory buffers, byte[][] lines) {
        if (lines.length == 1) {
            return buffers.wrap(lines[0]);
        }
        if (buffers instanceof org.springframework.core.io.buffer.NettyDataBufferFactory netty) {
            return netty.wrap(Unpooled.wrappedBuffer(lines));
        }
        int size = 0;
        for (byte[] l : lines) {
            size += l.length;
        }
        DataBuffer b = buffers.allocateBuffer(size);
        for (byte[] l : lines) {
            b.write(l);
        }
        return b;
    }

    /** The event loop a direct watch writes on; null in sink mode. */
    EventLoop eventLoop() {
        return channel == null ? null : channel.eventLoop();
    }

    private synchronized boolean emit(Object line, int size) {
        if (done) {
            return false;
        }
        if (pending.incrementAndGet() > maxPending + pendingLimitOffset) {
            end();
            return false;
        }
        if (flusher == null) {
            return sink.tryEmitNext(new Chunk(new byte[][]{(byte[]) line})).isSuccess();
        }
        buffered.add(line);
        bufferedBytes += size;
        if (bufferedBytes >= MAX_CHUNK) {
            if (channel == null) {
                flush();
            } else if (started) {
                channel.eventLoop().execute(this::flush);
            }
        } else {
            dirty = true;
            if (channel != null) {
                flusher.markDirty(this);
            }
        }
        return true;
    }

    /** Ends the watch now, dropping what is buffered (a slow watcher; the client re-watches). Under the monitor. */
    private void end() {
        done = true;
        if (channel == null) {
            sink.tryEmitComplete();
        } else {
            channel.eventLoop().execute(() -> completion.tryEmitEmpty());
        }
    }

    boolean dirty() {
        return dirty;
    }

    /**
     * Writes what is buffered: in sink mode as one chunk; in direct mode (on the channel's event loop)
     * straight to the channel, then flushes it. In direct mode only taking the buffer holds the monitor: the
     * socket write happens outside it, so the cache's dispatch thread, which emits under the monitor, never
     * waits for a write (writes stay in order because every direct write runs on the channel's event loop).
     */
    void flush() {
        Object[] lines;
        synchronized (this) {
            dirty = false;
            if (buffered.isEmpty()) {
                return;
            }
            if (channel != null && !started && !done) {
                // the headers have not gone out yet: keep gathering
                dirty = true;
                return;
            }
            lines = buffered.toArray();
            buffered.clear();
            bufferedBytes = 0;
            if (done) {
                return;
            }
            if (channel == null) {
                byte[][] chunk = new byte[lines.length][];
                for (int i = 0; i < lines.length; i++) {
                    chunk[i] = (byte[]) lines[i];
                }
                sink.tryEmitNext(new Chunk(chunk));
                return;
            }
        }
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out == null || !channel.isActive()) {
            return;
        }
        if (out.totalPendingWriteBytes() > MAX_UNSENT_BYTES) {
            synchronized (this) {
                end();
            }
            return;
        }
        // duplicates: the lines are shared with other watches, each write needs its own read position; a
        // composite of off-heap lines goes to the socket as one gathering write, without a copy
        ByteBuf buf;
        if (lines.length == 1) {
            buf = ((ByteBuf) lines[0]).duplicate();
        } else {
            ByteBuf[] parts = new ByteBuf[lines.length];
            for (int i = 0; i < lines.length; i++) {
                parts[i] = ((ByteBuf) lines[i]).duplicate();
            }
            buf = Unpooled.wrappedBuffer(parts.length, parts);
        }
        channel.writeAndFlush(buf, channel.voidPromise());
        pending.addAndGet(-lines.length);
    }

    /** Direct mode: writes what is left, then completes the response (timeout or cache termination). */
    private void finish() {
        channel.eventLoop().execute(() -> {
            flush();
            synchronized (this) {
                done = true;
            }
            completion.tryEmitEmpty();
        });
    }

    @Override
    public boolean onEvent(WatchEvent.Type type, CachedObject object) {
        if (channel != null) {
            ByteBuf line = encoder.eventBuffer(type, object);
            return emit(line, line.readableBytes());
        }
        byte[] line = encoder.event(type, object);
        return emit(line, line.length);
    }

    @Override
    public boolean onBookmark(long revision) {
        byte[] line = encoder.bookmark(revision);
        return emit(channel != null ? Unpooled.wrappedBuffer(line) : line, line.length);
    }

    @Override
    public synchronized void onTerminated() {
        if (channel != null) {
            finish();
            return;
        }
        flush();
        done = true;
        sink.tryEmitComplete();
    }
}
