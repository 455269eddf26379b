package io.kubeboot.apiserver.storage;

/**
 * A change as the watch cache saw it: the new state (the last state for DELETED) and the state
 * before, so that a filtered watcher can turn a change that leaves its selector into DELETED and one
 * that enters it into ADDED, as upstream's cacher does. Immutable.
 */
public record WatchEvent(Type type, CachedObject object, CachedObject previous, long revision) {
    public enum Type { ADDED, MODIFIED, DELETED }
}
