package io.kubeboot.apiserver.watch;

import io.kubeboot.api.errors.StatusException;
import io.kubeboot.apiserver.http.Responses;
import io.kubeboot.apiserver.storage.CachedObject;
import io.kubeboot.apiserver.storage.ObjectFilter;
import io.kubeboot.apiserver.storage.WatchCache;
import io.kubeboot.apiserver.storage.WatchEvent;
import io.kubeboot.apiserver.storage.WatchListener;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One watch: registers with the watch cache and produces the stream's chunks until the timeout, the
 * client leaving, or the cache ending it. Events are gathered per watcher and written by the
 * {@link WatchFlusher} (or one by one when gathering is off, as a WebSocket needs one event per
 * message). A watcher that falls more than {@code maxPending} events behind is dropped (the client
 * re-watches), as the cacher does with slow watchers, so one stuck client cannot grow memory without
 * bound.
 *
 * <p>Thread safety: listener calls come under the cache's lock; the flusher drains from its own
 * thread; both go through this object's monitor, which also keeps sink emissions serialized.
 */
public final class WatchStream implements WatchListener {
    /** A buffer this large is written at once instead of waiting for the flusher. */
    private static final int MAX_CHUNK = 1 << 20;

    /** Event lines written together; kept as separate arrays so that gathering copies nothing. */
    private record Chunk(byte[][] lines) {
        int events() {
            return lines.length;
        }
    }

    private final EventEncoder encoder;
    private final WatchFlusher flusher;
    private final Sinks.Many<Chunk> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<Chunk>unboundedMultiproducer().get());
    private final AtomicInteger pending = new AtomicInteger();
    private final int maxPending;
    private final java.util.ArrayList<byte[]> buffered = new java.util.ArrayList<>();
    private int bufferedBytes;
    private volatile boolean dirty;
    private boolean done;
    /** The initial state may be large; only what comes after it counts against the limit. */
    private volatile int pendingLimitOffset = Integer.MAX_VALUE / 2;

    private WatchStream(EventEncoder encoder, WatchFlusher flusher, int maxPending) {
        this.encoder = encoder;
        this.flusher = flusher;
        this.maxPending = maxPending;
    }

    /**
     * Opens a watch: chunks of the stream (newline-terminated JSON events), ending at the timeout, when
     * the client cancels, or when the cache ends the watch. {@code fromRevision < 0} sends the current
     * state first. An expired revision gives, as kube-apiserver does, a single ERROR event carrying the
     * 410 Status. With {@code flusher} null every event is its own chunk.
     */
    public static Flux<byte[][]> open(WatchCache cache, ObjectFilter filter, long fromRevision, boolean bookmarks,
                                    Duration timeout, EventEncoder encoder, WatchFlusher flusher, int maxPending) {
        WatchStream stream = new WatchStream(encoder, flusher != null && flusher.enabled() ? flusher : null, maxPending);
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

    /**
     * Serves a watch as a streamed HTTP response. The headers go out at once (client-go's Watch() waits
     * for them, so a quiet resource must not hold them back).
     */
    public static Mono<Void> serve(ServerHttpResponse response, Flux<byte[][]> chunks) {
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set("Cache-Control", "no-cache, private");
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
            return netty.wrap(io.netty.buffer.Unpooled.wrappedBuffer(lines));
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

    private synchronized boolean emit(byte[] line) {
        if (done) {
            return false;
        }
        if (pending.incrementAndGet() > maxPending + pendingLimitOffset) {
            done = true;
            sink.tryEmitComplete();
            return false;
        }
        if (flusher == null) {
            return sink.tryEmitNext(new Chunk(new byte[][]{line})).isSuccess();
        }
        buffered.add(line);
        bufferedBytes += line.length;
        if (bufferedBytes >= MAX_CHUNK) {
            flush();
        } else {
            dirty = true;
        }
        return true;
    }

    boolean dirty() {
        return dirty;
    }

    /** Emits what is buffered as one chunk. */
    synchronized void flush() {
        dirty = false;
        if (buffered.isEmpty()) {
            return;
        }
        Chunk c = new Chunk(buffered.toArray(new byte[0][]));
        buffered.clear();
        bufferedBytes = 0;
        if (!done) {
            sink.tryEmitNext(c);
        }
    }

    @Override
    public boolean onEvent(WatchEvent.Type type, CachedObject object) {
        return emit(encoder.event(type, object));
    }

    @Override
    public boolean onBookmark(long revision) {
        return emit(encoder.bookmark(revision));
    }

    @Override
    public synchronized void onTerminated() {
        flush();
        done = true;
        sink.tryEmitComplete();
    }
}
