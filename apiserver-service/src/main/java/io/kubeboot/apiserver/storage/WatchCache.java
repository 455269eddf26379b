package io.kubeboot.apiserver.storage;

import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.store.Change;
import io.kubeboot.store.KeyValue;
import io.kubeboot.store.Snapshot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The watch cache of one resource type in this replica, as kube-apiserver's cacher: the current
 * objects (sorted by key, for lists), a bounded window of recent events (for watches from a recent
 * resourceVersion), and the registered watchers, all fed by the store's change feed.
 *
 * <p>Thread safety: all state is guarded by {@code this}; the feed thread applies changes, request
 * threads list and register watchers. Listener callbacks run under the lock, so every watcher sees
 * its events in revision order with no gap between replay and live events.
 */
public final class WatchCache {
    private final ResourceInfo info;
    private final int capacity;

    private final TreeMap<String, CachedObject> objects = new TreeMap<>();
    private final ArrayDeque<WatchEvent> window = new ArrayDeque<>();
    /**
     * Watchers grouped by their filter: a change is matched against each distinct filter once, however
     * many watchers share it (informers of one type usually all ask for the same thing).
     */
    private final Map<ObjectFilter, List<Registration>> watchers = new java.util.LinkedHashMap<>();
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.revision, b.revision));

    /** Every change of this type at or below it is applied; lists are consistent with it. */
    private long revision;
    /** The revision of the newest change applied (not raised by progress notes). */
    private long applied;
    /** A watch may start from any revision at or above this one. */
    private long oldest;
    /** The store's history at or below this revision is gone (a continue token from before it is expired). */
    private long compacted;
    private boolean ready;

    private record Waiter(long revision, CompletableFuture<Void> future) {
    }

    /** A registered watcher; {@link #cancel()} it when the client goes away. */
    public final class Registration {
        private final ObjectFilter filter;
        private final WatchListener listener;
        private final boolean bookmarks;
        /** Only changes above this revision are sent (a watch from a future resourceVersion waits for it). */
        private final long after;
        private boolean active = true;

        private Registration(ObjectFilter filter, WatchListener listener, boolean bookmarks, long after) {
            this.filter = filter;
            this.listener = listener;
            this.bookmarks = bookmarks;
            this.after = after;
        }

        public void cancel() {
            synchronized (WatchCache.this) {
                active = false;
                List<Registration> group = watchers.get(filter);
                if (group != null) {
                    group.remove(this);
                    if (group.isEmpty()) {
                        watchers.remove(filter);
                    }
                }
            }
        }
    }

    /** The result of a list: items sorted by key, consistent with {@code revision}. */
    public record ListResult(long revision, List<CachedObject> items) {
    }

    public WatchCache(ResourceInfo info, int capacity) {
        this.info = info;
        this.capacity = capacity;
    }

    public ResourceInfo info() {
        return info;
    }

    public synchronized boolean ready() {
        return ready;
    }

    public synchronized long revision() {
        return revision;
    }

    public synchronized long compactedRevision() {
        return compacted;
    }

    public synchronized int size() {
        return objects.size();
    }

    /** The object stored under {@code key} as of {@link #revision()}, or null (absent, or not synced yet). */
    public synchronized CachedObject get(String key) {
        return ready ? objects.get(key) : null;
    }

    /** Replaces all state with a snapshot; current watchers are terminated (they must re-watch). */
    public void reset(Snapshot snapshot) {
        List<CachedObject> indexed = new ArrayList<>(snapshot.items().size());
        for (KeyValue kv : snapshot.items()) {
            indexed.add(ObjectIndexer.index(info, kv.key(), kv.value(), kv.revision()));
        }
        List<Registration> terminated;
        synchronized (this) {
            objects.clear();
            for (CachedObject o : indexed) {
                objects.put(o.key(), o);
            }
            window.clear();
            revision = snapshot.revision();
            applied = snapshot.revision();
            oldest = Math.max(snapshot.revision(), snapshot.compacted());
            compacted = snapshot.compacted();
            ready = true;
            terminated = allWatchers();
            watchers.clear();
            for (Registration r : terminated) {
                r.active = false;
                r.listener.onTerminated();
            }
            completeWaiters();
        }
    }

    /** Applies changes from the feed, in revision order. */
    public void apply(List<Change> changes) {
        List<CachedObject> indexed = new ArrayList<>(changes.size());
        for (Change c : changes) {
            indexed.add(ObjectIndexer.index(info, c.key(), c.value(), c.revision()));
        }
        synchronized (this) {
            for (int i = 0; i < changes.size(); i++) {
                Change c = changes.get(i);
                if (c.revision() <= applied) {
                    continue; // already in the snapshot this cache was rebuilt from
                }
                CachedObject now = indexed.get(i);
                CachedObject before = c.type() == Change.Type.DELETED ? objects.remove(c.key()) : objects.put(c.key(), now);
                WatchEvent e = new WatchEvent(WatchEvent.Type.valueOf(c.type().name()), now, before, c.revision());
                window.addLast(e);
                if (window.size() > capacity) {
                    oldest = Math.max(oldest, window.removeFirst().revision());
                }
                applied = c.revision();
                revision = Math.max(revision, c.revision());
                dispatch(e);
            }
            completeWaiters();
        }
    }

    /** Records that the global revision is {@code globalRevision} and this type has no change above {@code latestChange}. */
    public synchronized void noteProgress(long globalRevision, long latestChange) {
        if (applied >= latestChange && globalRevision > revision) {
            revision = globalRevision;
        }
    }

    /** Forgets window events at or below the store's compacted revision. */
    public synchronized void noteCompaction(long compacted) {
        this.compacted = Math.max(this.compacted, compacted);
        oldest = Math.max(oldest, compacted);
        while (!window.isEmpty() && window.peekFirst().revision() <= compacted) {
            window.removeFirst();
        }
    }

    /** Completes once every change up to {@code changeRevision} is applied. */
    public synchronized CompletableFuture<Void> awaitApplied(long changeRevision) {
        if (ready && applied >= changeRevision) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiters.add(new Waiter(changeRevision, f));
        return f;
    }

    private void completeWaiters() {
        while (!waiters.isEmpty() && ready && waiters.peek().revision <= applied) {
            waiters.poll().future.complete(null);
        }
    }

    public synchronized ListResult list(ObjectFilter filter) {
        Iterable<CachedObject> source = objects.values();
        if (filter.namespace() != null && info.namespaced()) {
            source = objects.subMap(filter.namespace() + "/", filter.namespace() + "/\uffff").values();
        }
        List<CachedObject> out = new ArrayList<>();
        for (CachedObject o : source) {
            if (filter.matches(o)) {
                out.add(o);
            }
        }
        return new ListResult(revision, out);
    }

    /**
     * Registers a watcher. {@code fromRevision < 0} means "now, with the current state first" (a
     * watch with resourceVersion "" or "0"); otherwise events after {@code fromRevision} are replayed
     * from the window, and a revision older than the window is refused with 410 Expired.
     */
    public synchronized Registration watch(ObjectFilter filter, long fromRevision, boolean bookmarks, WatchListener listener) {
        Registration r = new Registration(filter, listener, bookmarks, Math.max(fromRevision, 0));
        if (fromRevision < 0) {
            for (CachedObject o : objects.values()) {
                if (filter.matches(o) && !listener.onEvent(WatchEvent.Type.ADDED, o)) {
                    listener.onTerminated();
                    return r;
                }
            }
        } else {
            if (fromRevision < oldest) {
                throw ApiErrors.tooOldResourceVersion(fromRevision, oldest);
            }
            for (WatchEvent e : window) {
                if (e.revision() > fromRevision && !deliver(r, e)) {
                    listener.onTerminated();
                    return r;
                }
            }
        }
        watchers.computeIfAbsent(filter, f -> new ArrayList<>()).add(r);
        return r;
    }

    /** Sends a bookmark to every watcher that asked for them. */
    public synchronized void bookmark() {
        for (Registration r : allWatchers()) {
            if (r.bookmarks && revision > r.after && !r.listener.onBookmark(revision)) {
                drop(r);
            }
        }
    }

    public synchronized int watcherCount() {
        int n = 0;
        for (List<Registration> group : watchers.values()) {
            n += group.size();
        }
        return n;
    }

    /** Ends every watch, e.g. at shutdown. */
    public synchronized void terminateAll() {
        List<Registration> all = allWatchers();
        watchers.clear();
        for (Registration r : all) {
            r.active = false;
            r.listener.onTerminated();
        }
    }

    private List<Registration> allWatchers() {
        List<Registration> all = new ArrayList<>();
        watchers.values().forEach(all::addAll);
        return all;
    }

    private void dispatch(WatchEvent e) {
        List<Registration> dropped = null;
        for (Map.Entry<ObjectFilter, List<Registration>> group : watchers.entrySet()) {
            WatchEvent.Type type = typeFor(group.getKey(), e);
            if (type == null) {
                continue;
            }
            for (Registration r : group.getValue()) {
                if (e.revision() > r.after && !r.listener.onEvent(type, e.object())) {
                    dropped = dropped == null ? new ArrayList<>() : dropped;
                    dropped.add(r);
                }
            }
        }
        if (dropped != null) {
            dropped.forEach(this::drop);
        }
    }

    private void drop(Registration r) {
        r.cancel();
        r.listener.onTerminated();
    }

    /**
     * Upstream cacher's rule: what a watcher with this filter is sent for a change, or null for
     * nothing. A change that enters the filter is ADDED, one that leaves it DELETED.
     */
    private static WatchEvent.Type typeFor(ObjectFilter f, WatchEvent e) {
        if (e.type() == WatchEvent.Type.DELETED) {
            return f.matches(e.object()) ? WatchEvent.Type.DELETED : null;
        }
        boolean now = f.matches(e.object());
        boolean before = e.previous() != null && f.matches(e.previous());
        if (now) {
            return before ? WatchEvent.Type.MODIFIED : WatchEvent.Type.ADDED;
        }
        return before ? WatchEvent.Type.DELETED : null;
    }

    /** Replay of one window event to one new watcher. */
    private static boolean deliver(Registration r, WatchEvent e) {
        if (e.revision() <= r.after) {
            return true;
        }
        WatchEvent.Type type = typeFor(r.filter, e);
        return type == null || r.listener.onEvent(type, e.object());
    }
}
