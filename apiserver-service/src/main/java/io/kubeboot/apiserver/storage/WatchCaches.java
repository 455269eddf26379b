package io.kubeboot.apiserver.storage;

import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.apiserver.config.ApiServerProperties;
import io.kubeboot.store.Change;
import io.kubeboot.store.ChangeFeed;
import io.kubeboot.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One {@link WatchCache} per served resource type, fed by a single store change feed, plus the
 * periodic duties around them: bookmarks for watchers, and compaction of the store's history
 * (kube-apiserver compacts etcd every 5 minutes to the revision it saw one interval earlier).
 *
 * <p>Thread safe. Started by Spring before the web server takes traffic; {@link #ready()} tells
 * readiness.
 */
@Component
public class WatchCaches implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WatchCaches.class);

    private final Store store;
    private final ApiServerProperties props;
    private final Map<String, WatchCache> caches = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "watch-cache-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile ChangeFeed feed;
    private volatile boolean running;
    private long lastSeenRevision = -1;

    public WatchCaches(Store store, ApiServerProperties props) {
        this.store = store;
        this.props = props;
        for (ResourceInfo r : BuiltinResources.get().all()) {
            caches.put(r.qualifiedResource(), new WatchCache(r, props.getWatchCacheSize()));
        }
    }

    public WatchCache cache(ResourceInfo info) {
        return caches.get(info.qualifiedResource());
    }

    public boolean ready() {
        return running && caches.values().stream().allMatch(WatchCache::ready);
    }

    @Override
    public void start() {
        Map<String, Long> from = new HashMap<>();
        for (WatchCache c : caches.values()) {
            c.reset(store.snapshot(c.info().qualifiedResource()).join());
            from.put(c.info().qualifiedResource(), c.revision());
        }
        feed = store.follow(from, new ChangeFeed.Listener() {
            @Override
            public void onChanges(String resource, List<Change> changes) {
                WatchCache c = caches.get(resource);
                if (c != null) {
                    c.apply(changes);
                }
            }

            @Override
            public void onCompacted(String resource, long compactedRevision) {
                WatchCache c = caches.get(resource);
                if (c != null) {
                    c.reset(store.snapshot(resource).join());
                    feed.add(resource, c.revision());
                }
            }

            @Override
            public void onCompaction(long compactedRevision) {
                caches.values().forEach(c -> c.noteCompaction(compactedRevision));
            }
        });
        long bookmarkMillis = props.getBookmarkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::bookmarkAll, bookmarkMillis, bookmarkMillis, TimeUnit.MILLISECONDS);
        long compactMillis = props.getCompactionInterval().toMillis();
        if (compactMillis > 0) {
            timer.scheduleWithFixedDelay(this::compact, compactMillis, compactMillis, TimeUnit.MILLISECONDS);
        }
        running = true;
        log.info("watch caches ready for {} resource types", caches.size());
    }

    private void bookmarkAll() {
        try {
            List<String> names = List.copyOf(caches.keySet());
            var progress = store.progress(names).join();
            for (WatchCache c : caches.values()) {
                c.noteProgress(progress.revision(), progress.latestChange().get(c.info().qualifiedResource()));
                c.bookmark();
            }
        } catch (RuntimeException e) {
            log.warn("bookmark round failed: {}", e.toString());
        }
    }

    /** Compacts to the revision seen at the previous tick, so that at least one interval of history stays. */
    private void compact() {
        try {
            long now = store.revision().join();
            if (lastSeenRevision > 0) {
                long compacted = store.compact(lastSeenRevision, List.copyOf(caches.keySet())).join();
                log.debug("compacted store history to revision {}", compacted);
            }
            lastSeenRevision = now;
        } catch (RuntimeException e) {
            log.warn("compaction failed: {}", e.toString());
        }
    }

    /**
     * A list consistent with the store's current revision (resourceVersion "" semantics).
     */
    public CompletableFuture<WatchCache.ListResult> consistentList(ResourceInfo info, ObjectFilter filter) {
        return awaitConsistent(info).thenApply(c -> c.list(filter));
    }

    /**
     * The cache of {@code info} once it holds every change up to the store's current revision: reads
     * the global revision and this type's newest change atomically and waits until the cache has
     * applied it (upstream's consistent read from the watch cache). 504 when it does not catch up.
     */
    public CompletableFuture<WatchCache> awaitConsistent(ResourceInfo info) {
        WatchCache c = cache(info);
        return store.progress(List.of(info.qualifiedResource())).thenCompose(p -> {
            long latest = p.latestChange().get(info.qualifiedResource());
            return c.awaitApplied(latest)
                    .orTimeout(props.getCacheWaitTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(e -> {
                        throw ApiErrors.timeout("Too large resource version: the watch cache of "
                                + info.qualifiedResource() + " has not caught up to revision " + latest, 1);
                    })
                    .thenApply(v -> {
                        c.noteProgress(p.revision(), latest);
                        return c;
                    });
        });
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        caches.values().forEach(WatchCache::terminateAll);
        if (feed != null) {
            feed.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before the web server (which starts at phase SmartLifecycle.DEFAULT_PHASE - 1024)
        return Integer.MIN_VALUE + 1000;
    }
}
