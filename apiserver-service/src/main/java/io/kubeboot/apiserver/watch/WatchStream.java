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
 * One HTTP watch: registers with the watch cache and streams newline-delimited events, flushing
 * each, until the timeout, the client leaving, or the cache ending it. A watcher that falls more
 * than {@code maxPending} events behind is dropped (the client re-watches), as the cacher does with
 * slow watchers, so one stuck client cannot grow memory without bound.
 */
public final class WatchStream implements WatchListener {
    private final EventEncoder encoder;
    private final Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<byte[]>unboundedMultiproducer().get());
    private final AtomicInteger pending = new AtomicInteger();
    private final int maxPending;
    private volatile boolean done;

    private WatchStream(EventEncoder encoder, int maxPending) {
        this.encoder = encoder;
        this.maxPending = maxPending;
    }

    /**
     * Opens a watch: the lines of the stream (one JSON event each, newline-terminated), ending at the
     * timeout, when the client cancels, or when the cache ends the watch. {@code fromRevision < 0}
     * sends the current state first. An expired revision gives, as kube-apiserver does, a single
     * ERROR event carrying the 410 Status.
     */
    public static Flux<byte[]> open(WatchCache cache, ObjectFilter filter, long fromRevision, boolean bookmarks,
                                    Duration timeout, EventEncoder encoder, int maxPending) {
        WatchStream stream = new WatchStream(encoder, maxPending);
        WatchCache.Registration registration;
        try {
            registration = cache.watch(filter, fromRevision, bookmarks, stream);
        } catch (StatusException e) {
            return Flux.just(encoder.error(Responses.statusBytes(e)));
        }
        // the initial state may be large; only what comes after it counts against the limit
        stream.pendingLimitOffset = stream.pending.get();
        return stream.sink.asFlux()
                .doOnNext(b -> stream.pending.decrementAndGet())
                .take(timeout)
                .doFinally(s -> {
                    stream.done = true;
                    registration.cancel();
                });
    }

    /**
     * Serves a watch as a streamed HTTP response. The headers go out at once (client-go's Watch() waits
     * for them, so a quiet resource must not hold them back); events are then written as they come and
     * flushed whenever no further event is immediately pending, so a burst to many watchers costs one
     * flush per watcher, not one per event.
     */
    public static Mono<Void> serve(ServerHttpResponse response, Flux<byte[]> lines) {
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set("Cache-Control", "no-cache, private");
        DataBufferFactory buffers = response.bufferFactory();
        // Reactor Netty's send flushes when its queue runs empty: the leading empty buffer commits the
        // headers, and a burst of queued events shares one flush
        Flux<DataBuffer> body = Flux.concat(Mono.just(buffers.allocateBuffer(0)), lines.map(buffers::wrap));
        return response.writeWith(body);
    }

    private volatile int pendingLimitOffset = Integer.MAX_VALUE / 2;

    private boolean emit(byte[] line) {
        if (done) {
            return false;
        }
        if (pending.incrementAndGet() > maxPending + pendingLimitOffset) {
            sink.tryEmitComplete();
            done = true;
            return false;
        }
        return sink.tryEmitNext(line).isSuccess();
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
    public void onTerminated() {
        done = true;
        sink.tryEmitComplete();
    }
}
