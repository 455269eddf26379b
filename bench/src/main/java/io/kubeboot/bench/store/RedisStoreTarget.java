package io.kubeboot.bench.store;

import io.kubeboot.bench.core.Outcome;
import io.kubeboot.store.RedisStore;
import io.kubeboot.store.Stamped;
import io.kubeboot.store.StoreSettings;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * KubeBoot's store as the apiserver uses it: {@link RedisStore#create} (a Lua script that bumps the
 * global revision, stamps it into the value, writes the object and appends the change to the resource's
 * stream) and {@link RedisStore#get}. Keys live under their own prefix, apart from any apiserver's.
 */
public final class RedisStoreTarget implements KvTarget {
    private static final String RESOURCE = "pods";

    private final RedisStore store;

    public RedisStoreTarget(String redisUrl, String prefix) {
        this.store = new RedisStore(new StoreSettings(redisUrl, List.of(), prefix, Duration.ofSeconds(30)));
    }

    @Override
    public String name() {
        return "RedisStore";
    }

    @Override
    public CompletableFuture<Outcome> create(String key, byte[] value) {
        return store.create(RESOURCE, key, Stamped.split(value, RV_MARKER), List.of())
                .thenApply(w -> w.ok() ? Outcome.OK : Outcome.failed(w.outcome().name()));
    }

    @Override
    public CompletableFuture<Outcome> get(String key) {
        return store.get(RESOURCE, key).thenApply(kv -> kv != null ? Outcome.OK : Outcome.failed("missing"));
    }

    @Override
    public void close() {
        store.close();
    }
}
