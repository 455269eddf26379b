package io.kubeboot.bench.store;

import io.kubeboot.bench.core.Outcome;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Plain {@code SET NX} / {@code GET} on the same Redis through the same client library (Lettuce, one
 * multiplexed connection, as RedisStore): the ceiling RedisStore's scripts and bookkeeping cost against.
 */
public final class RawRedisTarget implements KvTarget {
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisAsyncCommands<byte[], byte[]> redis;
    private final String prefix;

    public RawRedisTarget(String redisUrl, String prefix) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        this.redis = connection.async();
        this.prefix = prefix + ":";
    }

    @Override
    public String name() {
        return "raw Redis";
    }

    private byte[] key(String key) {
        return (prefix + key).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CompletableFuture<Outcome> create(String key, byte[] value) {
        return redis.set(key(key), value, SetArgs.Builder.nx()).toCompletableFuture()
                .thenApply(r -> "OK".equals(r) ? Outcome.OK : Outcome.failed("exists"));
    }

    @Override
    public CompletableFuture<Outcome> get(String key) {
        return redis.get(key(key)).toCompletableFuture()
                .thenApply(v -> v != null ? Outcome.OK : Outcome.failed("missing"));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
