package io.kubeboot.store;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.lettuce.core.api.sync.RedisStringCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows change logs with one blocking {@code XREAD} over all of them on a dedicated connection and
 * one thread (so listener calls never overlap). Checks the compacted revision twice a second: a
 * position below it can no longer be continued, and the listener is told to rebuild.
 */
final class RedisChangeFeed implements ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(RedisChangeFeed.class);
    private static final long BLOCK_MILLIS = 500;
    private static final int BATCH = 1000;

    private final RedisStore store;
    private final Listener listener;
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private StatefulConnection<byte[], byte[]> connection;
    private RedisStreamCommands<byte[], byte[]> streams;
    private RedisStringCommands<byte[], byte[]> strings;

    RedisChangeFeed(RedisStore store, Map<String, Long> from, Listener listener) {
        this.store = store;
        this.listener = listener;
        this.positions.putAll(from);
        connect();
        this.thread = new Thread(this::loop, "store-change-feed");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void connect() {
        if (store.client() instanceof RedisClusterClient cc) {
            StatefulRedisClusterConnection<byte[], byte[]> c = cc.connect(ByteArrayCodec.INSTANCE);
            c.setTimeout(Duration.ofMillis(BLOCK_MILLIS).plus(store.settings().timeout()));
            connection = c;
            streams = c.sync();
            strings = c.sync();
        } else {
            StatefulRedisConnection<byte[], byte[]> c = ((RedisClient) store.client()).connect(ByteArrayCodec.INSTANCE);
            c.setTimeout(Duration.ofMillis(BLOCK_MILLIS).plus(store.settings().timeout()));
            connection = c;
            streams = c.sync();
            strings = c.sync();
        }
    }

    @Override
    public void add(String resource, long afterRevision) {
        positions.put(resource, afterRevision);
    }

    private void loop() {
        long nextCompactionCheck = 0;
        long backoff = 100;
        while (running) {
            try {
                if (System.currentTimeMillis() >= nextCompactionCheck) {
                    checkCompaction();
                    nextCompactionCheck = System.currentTimeMillis() + 500;
                }
                if (positions.isEmpty()) {
                    Thread.sleep(BLOCK_MILLIS);
                    continue;
                }
                readOnce();
                listener.onIdle();
                backoff = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("change feed read failed, retrying in {} ms: {}", backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private long lastCompacted = -1;

    private void checkCompaction() {
        long compacted = RedisStore.parseLong(strings.get(store.keys().compacted()));
        if (compacted != lastCompacted) {
            lastCompacted = compacted;
            listener.onCompaction(compacted);
        }
        for (Map.Entry<String, Long> e : positions.entrySet()) {
            if (e.getValue() < compacted) {
                positions.remove(e.getKey());
                log.warn("change log of {} compacted past position {} (compacted {}); rebuilding",
                        e.getKey(), e.getValue(), compacted);
                listener.onCompacted(e.getKey(), compacted);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void readOnce() {
        List<XReadArgs.StreamOffset<byte[]>> offsets = new ArrayList<>();
        positions.forEach((res, rev) -> offsets.add(XReadArgs.StreamOffset.from(store.keys().log(res), rev + "-0")));
        List<StreamMessage<byte[], byte[]>> msgs = streams.xread(
                XReadArgs.Builder.block(BLOCK_MILLIS).count(BATCH), offsets.toArray(new XReadArgs.StreamOffset[0]));
        if (msgs == null || msgs.isEmpty()) {
            return;
        }
        Map<String, List<Change>> byResource = new LinkedHashMap<>();
        for (StreamMessage<byte[], byte[]> m : msgs) {
            String res = store.keys().resourceOfLog(m.getStream());
            byResource.computeIfAbsent(res, r -> new ArrayList<>()).add(RedisStore.change(m));
        }
        byResource.forEach((res, changes) -> {
            Long pos = positions.get(res);
            if (pos == null) {
                return;
            }
            positions.put(res, changes.get(changes.size() - 1).revision());
            listener.onChanges(res, changes);
        });
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(BLOCK_MILLIS * 4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
