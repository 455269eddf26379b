package io.kubeboot.store;

/** One change-log entry: an object written at {@code revision}; for DELETED, its last state. */
public record Change(long revision, Type type, String key, byte[] value) {
    public enum Type { ADDED, MODIFIED, DELETED }
}
