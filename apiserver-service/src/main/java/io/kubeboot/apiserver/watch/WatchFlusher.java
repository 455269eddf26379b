package io.kubeboot.apiserver.watch;

import io.kubeboot.apiserver.config.ApiServerProperties;
import io.netty.channel.EventLoop;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes out what watch streams have gathered, every {@code watch-flush-interval}. Fanning one change out
 * to a thousand watchers costs a socket write per watcher; gathering a watcher's events for a few
 * milliseconds (50 by default) turns a burst into one write. The price is at most one interval of added
 * delivery latency.
 *
 * <p>Direct-mode streams (HTTP watches on Netty) are grouped by their channel's event loop: each interval,
 * one task per event loop that has dirty streams writes all of them, so the cost per watcher is a buffer
 * write, not a cross-thread hand-off. Sink-mode streams are flushed from the timer thread.
 *
 * <p>Thread safe: streams register while they are open and mark themselves dirty (volatile flags, so the
 * event path touches no shared queue); one timer thread visits the groups.
 */
@Component
public class WatchFlusher implements DisposableBean {
    /** The direct streams of one event loop, and whether any of them has something to write. */
    private static final class LoopGroup implements Runnable {
        final Set<WatchStream> streams = ConcurrentHashMap.newKeySet();
        final AtomicBoolean dirty = new AtomicBoolean();

        /** Runs on the group's event loop. */
        @Override
        public void run() {
            for (WatchStream s : streams) {
                if (s.dirty()) {
                    s.flush();
                }
            }
        }
    }

    private final Set<WatchStream> sinkStreams = ConcurrentHashMap.newKeySet();
    private final Map<EventLoop, LoopGroup> groups = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "watch-flusher");
        t.setDaemon(true);
        return t;
    });
    private final boolean enabled;

    public WatchFlusher(ApiServerProperties props) {
        long micros = props.getWatchFlushInterval().toNanos() / 1000;
        this.enabled = micros > 0;
        if (enabled) {
            timer.scheduleAtFixedRate(this::flushAll, micros, micros, TimeUnit.MICROSECONDS);
        }
    }

    /** Whether events are gathered at all (an interval of 0 writes each event at once). */
    public boolean enabled() {
        return enabled;
    }

    void register(WatchStream stream) {
        EventLoop loop = stream.eventLoop();
        if (loop == null) {
            sinkStreams.add(stream);
            return;
        }
        LoopGroup g = groups.computeIfAbsent(loop, l -> new LoopGroup());
        g.streams.add(stream);
        stream.loopGroup = g;
        if (stream.dirty()) {
            g.dirty.set(true);
        }
    }

    void unregister(WatchStream stream) {
        EventLoop loop = stream.eventLoop();
        if (loop == null) {
            sinkStreams.remove(stream);
            return;
        }
        LoopGroup g = groups.get(loop);
        if (g != null) {
            g.streams.remove(stream);
        }
    }

    /** A direct stream gathered an event: its event loop has work at the next tick. */
    void markDirty(WatchStream stream) {
        LoopGroup g = (LoopGroup) stream.loopGroup;
        if (g != null && !g.dirty.get()) {
            g.dirty.set(true);
        }
    }

    private void flushAll() {
        for (WatchStream s : sinkStreams) {
            if (s.dirty()) {
                s.flush();
            }
        }
        for (Map.Entry<EventLoop, LoopGroup> e : groups.entrySet()) {
            LoopGroup g = e.getValue();
            if (g.dirty.getAndSet(false)) {
                e.getKey().execute(g);
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
