package io.kubeboot.bench.store;

import io.kubeboot.bench.core.Outcome;

import java.util.concurrent.CompletableFuture;

/**
 * A key-value store under test, reduced to what the apiserver needs most: create-if-absent and get by
 * key. Values carry the marker {@link #RV_MARKER} where a resourceVersion goes; stores that stamp
 * revisions into values (RedisStore) use it, the others store the bytes as they are.
 */
public interface KvTarget extends AutoCloseable {
    String RV_MARKER = "@@kubeboot-bench-rv@@";

    /** The name in the report. */
    String name();

    /** Creates {@code key} when absent; a key that exists is a failure. */
    CompletableFuture<Outcome> create(String key, byte[] value);

    /** Reads {@code key}; a missing key is a failure. */
    CompletableFuture<Outcome> get(String key);

    @Override
    void close();
}
