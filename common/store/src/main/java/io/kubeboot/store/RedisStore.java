package io.kubeboot.store;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisHashAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The {@link Store} on Redis (one server, a Sentinel set or a Cluster) through Lettuce.
 *
 * <p>Layout: {@code {p}:revision} (the counter), {@code {p}:compacted}, one hash per resource type
 * {@code {p}:objects:<resource>} of {@code "<revision> <json>"} values, one stream per resource type
 * {@code {p}:log:<resource>} whose entry ids are {@code <revision>-0}, and claim hashes
 * {@code {p}:claims:<index>} mapping a claimed value to the owning key. All writes are the Lua
 * scripts beside this class.
 *
 * <p>Thread safe: one multiplexed connection carries all commands; each feed gets its own blocking one.
 */
public final class RedisStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(RedisStore.class);

    private final StoreSettings settings;
    private final StoreKeys keys;
    private final AbstractRedisClient client;
    private final StatefulConnection<byte[], byte[]> connection;
    private final RedisScriptingAsyncCommands<byte[], byte[]> scripting;
    private final RedisHashAsyncCommands<byte[], byte[]> hashes;
    private final RedisStringAsyncCommands<byte[], byte[]> strings;
    private final RedisStreamAsyncCommands<byte[], byte[]> streams;
    private final Map<String, Script> scripts = new HashMap<>();

    private record Script(String sha, byte[] text) {
    }

    public RedisStore(StoreSettings settings) {
        this.settings = settings;
        this.keys = new StoreKeys(settings.prefix());
        TimeoutOptions timeouts = TimeoutOptions.enabled(settings.timeout());
        if (settings.cluster()) {
            RedisClusterClient cc = RedisClusterClient.create(settings.clusterNodes().stream().map(RedisURI::create).toList());
            cc.setOptions(ClusterClientOptions.builder().timeoutOptions(timeouts).build());
            StatefulRedisClusterConnection<byte[], byte[]> c = cc.connect(ByteArrayCodec.INSTANCE);
            this.client = cc;
            this.connection = c;
            this.scripting = c.async();
            this.hashes = c.async();
            this.strings = c.async();
            this.streams = c.async();
        } else {
            RedisClient rc = RedisClient.create(RedisURI.create(settings.url()));
            rc.setOptions(ClientOptions.builder().timeoutOptions(timeouts).build());
            StatefulRedisConnection<byte[], byte[]> c = rc.connect(ByteArrayCodec.INSTANCE);
            this.client = rc;
            this.connection = c;
            this.scripting = c.async();
            this.hashes = c.async();
            this.strings = c.async();
            this.streams = c.async();
        }
        for (String name : List.of("create", "update", "delete", "snapshot", "progress", "compact")) {
            scripts.put(name, load(name));
        }
        log.info("store connected to {} with key hash tag {}", describe(settings), "{" + settings.prefix() + "}");
    }

    private static String describe(StoreSettings s) {
        if (s.cluster()) {
            return "Redis Cluster " + s.clusterNodes();
        }
        RedisURI uri = RedisURI.create(s.url());
        return uri.getSentinels().isEmpty() ? "Redis " + uri.getHost() + ":" + uri.getPort()
                : "Redis Sentinel master " + uri.getSentinelMasterId();
    }

    private static Script load(String name) {
        try (InputStream in = RedisStore.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name);
            }
            byte[] text = in.readAllBytes();
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text));
            return new Script(sha, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    StoreKeys keys() {
        return keys;
    }

    StoreSettings settings() {
        return settings;
    }

    AbstractRedisClient client() {
        return client;
    }

    /** EVALSHA, falling back to EVAL (which caches the script) when the server does not know it yet. */
    private CompletableFuture<List<Object>> run(String name, byte[][] keyArgs, byte[]... args) {
        Script s = scripts.get(name);
        Supplier<CompletionStage<List<Object>>> eval = () -> scripting.<List<Object>>eval(s.text(), ScriptOutputType.MULTI, keyArgs, args);
        return scripting.<List<Object>>evalsha(s.sha(), ScriptOutputType.MULTI, keyArgs, args)
                .handle((r, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(r);
                    }
                    Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                    if (cause instanceof RedisNoScriptException) {
                        return eval.get();
                    }
                    return CompletableFuture.<List<Object>>failedFuture(cause);
                })
                .thenCompose(x -> x)
                .toCompletableFuture();
    }

    @Override
    public CompletableFuture<KeyValue> get(String resource, String key) {
        return hashes.hget(keys.objects(resource), StoreKeys.b(key)).toCompletableFuture()
                .thenApply(v -> v == null ? null : decode(key, v));
    }

    /** Splits a stored {@code "<revision> <json>"} value. */
    static KeyValue decode(String key, byte[] stored) {
        int space = 0;
        long rev = 0;
        while (stored[space] != ' ') {
            rev = rev * 10 + (stored[space] - '0');
            space++;
        }
        byte[] json = new byte[stored.length - space - 1];
        System.arraycopy(stored, space + 1, json, 0, json.length);
        return new KeyValue(key, json, rev);
    }

    @Override
    public CompletableFuture<Snapshot> snapshot(String resource) {
        return run("snapshot", new byte[][]{keys.revision(), keys.compacted(), keys.objects(resource)})
                .thenApply(r -> {
                    long rev = parseLong(r.get(0));
                    long compacted = parseLong(r.get(1));
                    @SuppressWarnings("unchecked")
                    List<Object> flat = (List<Object>) r.get(2);
                    List<KeyValue> items = new ArrayList<>(flat.size() / 2);
                    for (int i = 0; i < flat.size(); i += 2) {
                        String key = new String((byte[]) flat.get(i), StandardCharsets.UTF_8);
                        items.add(decode(key, (byte[]) flat.get(i + 1)));
                    }
                    return new Snapshot(rev, compacted, items);
                });
    }

    @Override
    public CompletableFuture<Long> revision() {
        return strings.get(keys.revision()).toCompletableFuture().thenApply(RedisStore::parseLong);
    }

    @Override
    public CompletableFuture<Long> compactedRevision() {
        return strings.get(keys.compacted()).toCompletableFuture().thenApply(RedisStore::parseLong);
    }

    @Override
    public CompletableFuture<Progress> progress(List<String> resources) {
        byte[][] k = new byte[resources.size() + 1][];
        k[0] = keys.revision();
        for (int i = 0; i < resources.size(); i++) {
            k[i + 1] = keys.log(resources.get(i));
        }
        return run("progress", k).thenApply(r -> {
            Map<String, Long> latest = new LinkedHashMap<>();
            for (int i = 0; i < resources.size(); i++) {
                latest.put(resources.get(i), streamRevision((byte[]) r.get(i + 1)));
            }
            return new Progress(parseLong(r.get(0)), latest);
        });
    }

    @Override
    public CompletableFuture<WriteResult> create(String resource, String key, Stamped object, List<Claim> claims) {
        byte[][] k = new byte[3 + claims.size()][];
        k[0] = keys.revision();
        k[1] = keys.objects(resource);
        k[2] = keys.log(resource);
        byte[][] a = new byte[3 + claims.size()][];
        a[0] = StoreKeys.b(key);
        a[1] = object.before();
        a[2] = object.after();
        for (int i = 0; i < claims.size(); i++) {
            k[3 + i] = keys.claims(claims.get(i).index());
            a[3 + i] = StoreKeys.b(claims.get(i).value());
        }
        return run("create", k, a).thenApply(r -> result(r, claims));
    }

    @Override
    public CompletableFuture<WriteResult> update(String resource, String key, long expectedRevision, Stamped object,
                                                 List<Claim> released, List<Claim> claimed) {
        int n = released.size() + claimed.size();
        byte[][] k = new byte[3 + n][];
        k[0] = keys.revision();
        k[1] = keys.objects(resource);
        k[2] = keys.log(resource);
        byte[][] a = new byte[5 + n][];
        a[0] = StoreKeys.b(key);
        a[1] = expected(expectedRevision);
        a[2] = object.before();
        a[3] = object.after();
        a[4] = StoreKeys.b(Integer.toString(released.size()));
        List<Claim> all = new ArrayList<>(released);
        all.addAll(claimed);
        for (int i = 0; i < all.size(); i++) {
            k[3 + i] = keys.claims(all.get(i).index());
            a[5 + i] = StoreKeys.b(all.get(i).value());
        }
        return run("update", k, a).thenApply(r -> result(r, claimed));
    }

    @Override
    public CompletableFuture<WriteResult> delete(String resource, String key, long expectedRevision, Stamped lastState,
                                                 List<Claim> released) {
        byte[][] k = new byte[3 + released.size()][];
        k[0] = keys.revision();
        k[1] = keys.objects(resource);
        k[2] = keys.log(resource);
        byte[][] a = new byte[4 + released.size()][];
        a[0] = StoreKeys.b(key);
        a[1] = expected(expectedRevision);
        a[2] = lastState.before();
        a[3] = lastState.after();
        for (int i = 0; i < released.size(); i++) {
            k[3 + i] = keys.claims(released.get(i).index());
            a[4 + i] = StoreKeys.b(released.get(i).value());
        }
        return run("delete", k, a).thenApply(r -> result(r, List.of()));
    }

    private static byte[] expected(long rev) {
        return rev <= 0 ? new byte[0] : StoreKeys.b(Long.toString(rev));
    }

    private static WriteResult result(List<Object> r, List<Claim> claims) {
        String outcome = new String((byte[]) r.get(0), StandardCharsets.UTF_8);
        String value = new String((byte[]) r.get(1), StandardCharsets.UTF_8);
        return switch (outcome) {
            case "ok" -> new WriteResult(WriteResult.Outcome.OK, Long.parseLong(value), null);
            case "exists" -> new WriteResult(WriteResult.Outcome.EXISTS, Long.parseLong(value), null);
            case "conflict" -> new WriteResult(WriteResult.Outcome.CONFLICT, Long.parseLong(value), null);
            case "notfound" -> new WriteResult(WriteResult.Outcome.NOT_FOUND, 0, null);
            case "claimed" -> new WriteResult(WriteResult.Outcome.CLAIMED, 0, claims.get(Integer.parseInt(value)));
            default -> throw new IllegalStateException("unexpected script outcome " + outcome);
        };
    }

    @Override
    public CompletableFuture<Map<String, String>> claims(String index) {
        return hashes.hgetall(keys.claims(index)).toCompletableFuture().thenApply(m -> {
            Map<String, String> out = new HashMap<>();
            m.forEach((k, v) -> out.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
            return out;
        });
    }

    @Override
    public CompletableFuture<List<Change>> changes(String resource, long afterRevision, int limit) {
        Range<String> range = Range.from(Range.Boundary.excluding((afterRevision) + "-0"), Range.Boundary.unbounded());
        return streams.xrange(keys.log(resource), range, Limit.from(limit)).toCompletableFuture()
                .thenApply(msgs -> msgs.stream().map(RedisStore::change).toList());
    }

    static Change change(StreamMessage<byte[], byte[]> m) {
        Map<byte[], byte[]> body = m.getBody();
        byte[] t = null;
        byte[] k = null;
        byte[] o = null;
        for (Map.Entry<byte[], byte[]> e : body.entrySet()) {
            switch (e.getKey()[0]) {
                case 't' -> t = e.getValue();
                case 'k' -> k = e.getValue();
                case 'o' -> o = e.getValue();
                default -> {
                }
            }
        }
        return new Change(streamRevision(m.getId()), Change.Type.valueOf(new String(t, StandardCharsets.US_ASCII)),
                new String(k, StandardCharsets.UTF_8), o);
    }

    static long streamRevision(String id) {
        int dash = id.indexOf('-');
        return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }

    private static long streamRevision(byte[] id) {
        return streamRevision(new String(id, StandardCharsets.US_ASCII));
    }

    @Override
    public CompletableFuture<Long> compact(long revision, List<String> resources) {
        byte[][] k = new byte[2 + resources.size()][];
        k[0] = keys.revision();
        k[1] = keys.compacted();
        for (int i = 0; i < resources.size(); i++) {
            k[2 + i] = keys.log(resources.get(i));
        }
        Script s = scripts.get("compact");
        return scripting.<byte[]>evalsha(s.sha(), ScriptOutputType.VALUE, k, StoreKeys.b(Long.toString(revision)))
                .toCompletableFuture()
                .exceptionallyCompose(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                    if (cause instanceof RedisNoScriptException) {
                        return scripting.<byte[]>eval(s.text(), ScriptOutputType.VALUE, k,
                                StoreKeys.b(Long.toString(revision))).toCompletableFuture();
                    }
                    return CompletableFuture.failedFuture(cause);
                })
                .thenApply(RedisStore::parseLong);
    }

    @Override
    public ChangeFeed follow(Map<String, Long> fromRevisions, ChangeFeed.Listener listener) {
        return new RedisChangeFeed(this, fromRevisions, listener);
    }

    static long parseLong(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof Long l) {
            return l;
        }
        String s = new String((byte[]) o, StandardCharsets.US_ASCII);
        return s.isEmpty() ? 0 : Long.parseLong(s);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
