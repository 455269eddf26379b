package io.kubeboot.apiserver.storage;

import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.store.Change;
import io.kubeboot.store.KeyValue;
import io.kubeboot.store.Snapshot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
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
    private final List<Registration> watchers = new ArrayList<>();
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.revision, b.revision));

    /** Every change of this type at or below it is applied; lists are consistent with it. */
    private long revision;
    /** The revision of the newest change applied (not raised by progress notes). */
    private long applied;
    /** A watch may start from any revision at or above this one. */
    private long oldest;
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
                watchers.remove(this);
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

    public synchronized int size() {
        return objects.size();
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
            ready = true;
            terminated = new ArrayList<>(watchers);
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
        watchers.add(r);
        return r;
    }

    /** Sends a bookmark to every watcher that asked for them. */
    public synchronized void bookmark() {
        Iterator<Registration> it = watchers.iterator();
        while (it.hasNext()) {
            Registration r = it.next();
            if (r.bookmarks && revision > r.after && !r.listener.onBookmark(revision)) {
                drop(r, it);
            }
        }
    }

    public synchronized int watcherCount() {
        return watchers.size();
    }

    /** Ends every watch, e.g. at shutdown. */
    public synchronized void terminateAll() {
        for (Registration r : watchers) {
            r.active = false;
            r.listener.onTerminated();
        }
        watchers.clear();
    }

    private void dispatch(WatchEvent e) {
        Iterator<Registration> it = watchers.iterator();
        while (it.hasNext()) {
            Registration r = it.next();
            if (!deliver(r, e)) {
                drop(r, it);
            }
        }
    }

    private static void drop(Registration r, Iterator<Registration> it) {
        it.remove();
        r.active = false;
        r.listener.onTerminated();
    }

    /** Upstream cacher's rule: a change that enters the filter is ADDED, one that leaves it DELETED. */
    private static boolean deliver(Registration r, WatchEvent e) {
        if (e.revision() <= r.after) {
            return true;
        }
        ObjectFilter f = r.filter;
        if (e.type() == WatchEvent.Type.DELETED) {
            return !f.matches(e.object()) || r.listener.onEvent(WatchEvent.Type.DELETED, e.object());
        }
        boolean now = f.matches(e.object());
        boolean before = e.previous() != null && f.matches(e.previous());
        if (now && before) {
            return r.listener.onEvent(WatchEvent.Type.MODIFIED, e.object());
        }
        if (now) {
            return r.listener.onEvent(WatchEvent.Type.ADDED, e.object());
        }
        if (before) {
            return r.listener.onEvent(WatchEvent.Type.DELETED, e.object());
        }
        return true;
    }
}
