package io.kubeboot.apiserver.storage;

/**
 * Receives a watcher's events. Calls come one at a time (under the cache's lock), in revision order,
 * and must not block: implementations queue and return.
 */
public interface WatchListener {

    /** @return false when the listener cannot keep up; the cache then drops it (and calls {@link #onTerminated}). */
    boolean onEvent(WatchEvent.Type type, CachedObject object);

    /** A progress marker: every change of this type up to {@code revision} has been delivered. */
    boolean onBookmark(long revision);

    /** The cache ends this watch (it was rebuilt, or the listener fell behind); the client must re-watch. */
    void onTerminated();
}
