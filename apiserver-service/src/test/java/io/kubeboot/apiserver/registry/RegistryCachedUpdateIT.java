package io.kubeboot.apiserver.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.apiserver.config.ApiServerProperties;
import io.kubeboot.apiserver.storage.WatchCaches;
import io.kubeboot.store.KeyValue;
import io.kubeboot.store.RedisStore;
import io.kubeboot.store.StoreSettings;
import io.kubeboot.testkit.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Updates that start from the watch cache's copy (upstream's Cacher hands its copy to GuaranteedUpdate) over a
 * real Redis store. The caches here are never started, so they change only when a test resets them from a store
 * snapshot: a test decides exactly how stale the copy is. Whatever the copy, the outcome must be the one an
 * update of the store's current state gives.
 */
class RegistryCachedUpdateIT {
    private static final RedisServerProcess REDIS = RedisServerProcess.started();
    private static final WriteOptions OPTS = new WriteOptions(false, WriteOptions.FieldValidation.STRICT);
    private static final ResourceInfo INFO = BuiltinResources.get()
            .byResource("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow();

    private RedisStore store;
    private WatchCaches caches;
    private Registry<PriorityClass> registry;

    @BeforeEach
    void setUp() {
        store = new RedisStore(new StoreSettings(REDIS.url(), List.of(), "rcu" + UUID.randomUUID(), Duration.ofSeconds(10)));
        caches = new WatchCaches(store, new ApiServerProperties());
        registry = new Registry<>(new DefaultStrategy<>(INFO, PriorityClass.class), store, caches, ClaimPolicy.NONE,
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void aStaleCopyCostsARetryNotAnUpdate() {
        long first = create("a", "one");
        syncCache();
        long second = setDescription("a", d -> "two");
        assertThat(second).isGreaterThan(first);

        // the cache still holds "one": the mutation sees it first, the write conflicts, the retry sees "two"
        List<Long> seen = new CopyOnWriteArrayList<>();
        KeyValue written = update("a", (current, warnings) -> {
            seen.add(current.revision());
            ObjectNode next = unconditional(current);
            next.put("description", next.path("description").asText() + "+three");
            return next;
        });

        assertThat(seen).containsExactly(first, second);
        assertThat(description(written)).isEqualTo("two+three");
        assertThat(description(stored("a"))).isEqualTo("two+three");
    }

    @Test
    void aResourceVersionPinnedToTheStoreIsNotAConflictBecauseTheCacheIsBehind() {
        create("a", "one");
        syncCache();
        long current = setDescription("a", d -> "two");

        KeyValue written = update("a", (c, w) -> {
            ObjectNode next = c.tree();
            next.with("metadata").put("resourceVersion", Long.toString(current));
            next.put("description", "three");
            return next;
        });

        assertThat(written.revision()).isGreaterThan(current);
        assertThat(description(stored("a"))).isEqualTo("three");
    }

    @Test
    void aResourceVersionPinnedToTheCachedCopyIsAConflictWhenTheStoreMovedOn() {
        long first = create("a", "one");
        syncCache();
        setDescription("a", d -> "two");

        assertThatThrownBy(() -> update("a", (c, w) -> {
            ObjectNode next = c.tree();
            next.with("metadata").put("resourceVersion", Long.toString(first));
            next.put("description", "three");
            return next;
        })).isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(409));
        assertThat(description(stored("a"))).isEqualTo("two");
    }

    @Test
    void anUpdateThatOnlyUndoesTheCopysDifferenceIsStillWritten() {
        create("a", "one");
        syncCache();
        long second = setDescription("a", d -> "two");

        // "one" equals the cached copy, but the store holds "two": this is a change and must be written
        KeyValue written = update("a", (c, w) -> unconditional(c).put("description", "one"));

        assertThat(written.revision()).isGreaterThan(second);
        assertThat(description(stored("a"))).isEqualTo("one");
    }

    @Test
    void anErrorOnTheCopyIsDecidedAgainOnTheStoresState() {
        create("a", "one");
        syncCache();
        setDescription("a", d -> "two");

        // a mutation that refuses the stale state (as a precondition would) succeeds on the current one
        KeyValue written = update("a", (c, w) -> {
            if (c.tree().path("description").asText().equals("one")) {
                throw new StatusException(409, "Conflict", "stale", null);
            }
            return unconditional(c).put("description", "three");
        });

        assertThat(description(written)).isEqualTo("three");
    }

    @Test
    void aFreshCopyIsUpdatedDirectly() {
        create("a", "one");
        syncCache();
        long current = stored("a").revision();

        List<Long> seen = new CopyOnWriteArrayList<>();
        KeyValue written = update("a", (c, w) -> {
            seen.add(c.revision());
            return unconditional(c).put("description", "two");
        });

        assertThat(seen).containsExactly(current);
        assertThat(description(written)).isEqualTo("two");
    }

    @Test
    void anObjectTheCacheHasNotSeenIsReadFromTheStore() {
        syncCache();
        create("b", "one");

        KeyValue written = update("b", (c, w) -> unconditional(c).put("description", "two"));

        assertThat(description(written)).isEqualTo("two");
    }

    @Test
    void anObjectGoneFromTheStoreButStillCachedIsNotFound() {
        create("a", "one");
        syncCache();
        registry.delete(null, "a", Registry.DeleteOptions.DEFAULT).join();

        assertThatThrownBy(() -> update("a", (c, w) -> unconditional(c).put("description", "two")))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(404));
        // also when the client named the revision it saw (the cached one)
        assertThatThrownBy(() -> update("a", (c, w) -> c.tree().put("description", "two")))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(404));
    }

    // ---------------------------------------------------------------- helpers

    private long create(String name, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "scheduling.k8s.io/v1").put("kind", "PriorityClass").put("value", 1000)
                .put("description", description);
        body.putObject("metadata").put("name", name);
        registry.create(null, body, OPTS).join();
        return stored(name).revision();
    }

    private long setDescription(String name, UnaryOperator<String> change) {
        return update(name, (c, w) -> unconditional(c).put("description", change.apply(c.tree().path("description").asText())))
                .revision();
    }

    /** Runs an update and returns what was written (its revision read from the returned object). */
    private KeyValue update(String name, Registry.Mutation mutation) {
        Written w;
        try {
            w = registry.update(null, name, mutation, Registry.Part.MAIN, OPTS, false).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        ObjectNode o = ObjectCodec.parseObject(w.json());
        return new KeyValue(name, w.json(), Long.parseLong(o.path("metadata").path("resourceVersion").asText()));
    }

    private KeyValue stored(String name) {
        return store.get(INFO.qualifiedResource(), name).join();
    }

    private void syncCache() {
        caches.cache(INFO).reset(store.snapshot(INFO.qualifiedResource()).join());
    }

    /** The current object without its resourceVersion: an update that does not pin one. */
    private static ObjectNode unconditional(Registry.Current current) {
        ObjectNode tree = current.tree();
        tree.with("metadata").remove("resourceVersion");
        return tree;
    }

    private static String description(KeyValue kv) {
        return ObjectCodec.parseObject(kv.value()).path("description").asText();
    }
}
