package io.kubeboot.apiserver.watch;

import io.kubeboot.apiserver.config.ApiServerProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes out what watch streams have buffered, every {@code watch-flush-interval}. Fanning one change
 * out to a thousand watchers costs a socket write per watcher; gathering a watcher's events for a few
 * milliseconds (50 by default) turns a burst into one write, which is what lets 1,000 watchers follow hundreds of
 * writes per second on two cores. The price is at most one interval of added delivery latency.
 *
 * <p>Thread safe: streams register while they are open and mark themselves dirty (a volatile flag, so
 * the event path touches no shared queue); one timer thread visits the registered streams.
 */
@Component
public class WatchFlusher implements DisposableBean {
    private final Set<WatchStream> streams = ConcurrentHashMap.newKeySet();
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
    boolean enabled() {
        return enabled;
    }

    void register(WatchStream stream) {
        streams.add(stream);
    }

    void unregister(WatchStream stream) {
        streams.remove(stream);
    }

    private void flushAll() {
        for (WatchStream s : streams) {
            if (s.dirty()) {
                s.flush();
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
