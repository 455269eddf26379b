package io.kubeboot.store;

/** One stored object: its key, its JSON (resourceVersion included) and the revision of its last write. */
public record KeyValue(String key, byte[] value, long revision) {
}
