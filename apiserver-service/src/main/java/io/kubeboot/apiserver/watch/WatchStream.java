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
    private final DataBufferFactory buffers;
    private final Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<byte[]>unboundedMultiproducer().get());
    private final AtomicInteger pending = new AtomicInteger();
    private final int maxPending;
    private volatile boolean done;

    private WatchStream(EventEncoder encoder, DataBufferFactory buffers, int maxPending) {
        this.encoder = encoder;
        this.buffers = buffers;
        this.maxPending = maxPending;
    }

    /**
     * Serves a watch. {@code fromRevision < 0} sends the current state first. An expired revision is
     * answered, as kube-apiserver does, with 200 and a single ERROR event carrying the 410 Status.
     */
    public static Mono<Void> serve(ServerHttpResponse response, WatchCache cache, ObjectFilter filter, long fromRevision,
                                   boolean bookmarks, Duration timeout, EventEncoder encoder, int maxPending) {
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set("Cache-Control", "no-cache, private");
        WatchStream stream = new WatchStream(encoder, response.bufferFactory(), maxPending);
        WatchCache.Registration registration;
        try {
            registration = cache.watch(filter, fromRevision, bookmarks, stream);
        } catch (StatusException e) {
            byte[] line = encoder.error(Responses.statusBytes(e));
            return response.writeWith(Mono.just(response.bufferFactory().wrap(line)));
        }
        // the initial state may be large; only what comes after it counts against the limit
        stream.pendingLimitOffset = stream.pending.get();
        Flux<DataBuffer> body = stream.sink.asFlux()
                .doOnNext(b -> stream.pending.decrementAndGet())
                .map(stream.buffers::wrap)
                .take(timeout)
                .doFinally(s -> {
                    stream.done = true;
                    registration.cancel();
                });
        return response.writeAndFlushWith(body.map(Mono::just));
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
