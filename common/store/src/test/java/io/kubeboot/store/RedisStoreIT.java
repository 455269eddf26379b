package io.kubeboot.store;

import io.kubeboot.testkit.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The store contract against a real redis-server. */
class RedisStoreIT {
    static RedisServerProcess redis;
    static RedisStore store;

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.started();
        store = new RedisStore(new StoreSettings(redis.url(), List.of(), "t", Duration.ofSeconds(10)));
    }

    @AfterAll
    static void stop() {
        store.close();
        redis.close();
    }

    private static final String MARK = "@@rv@@";

    static Stamped doc(String name, int counter) {
        String json = "{\"metadata\":{\"name\":\"" + name + "\",\"resourceVersion\":\"" + MARK + "\"},\"n\":" + counter + "}";
        return Stamped.split(json.getBytes(StandardCharsets.UTF_8), MARK);
    }

    static String text(KeyValue kv) {
        return new String(kv.value(), StandardCharsets.UTF_8);
    }

    static String res() {
        return "r" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createStampsTheRevisionAndRefusesADuplicate() throws Exception {
        String r = res();
        long before = store.revision().get();
        WriteResult w = store.create(r, "ns/a", doc("a", 1), List.of()).get();
        assertThat(w.outcome()).isEqualTo(WriteResult.Outcome.OK);
        assertThat(w.revision()).isEqualTo(before + 1);
        KeyValue kv = store.get(r, "ns/a").get();
        assertThat(kv.revision()).isEqualTo(w.revision());
        assertThat(text(kv)).isEqualTo("{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"" + w.revision() + "\"},\"n\":1}");

        WriteResult again = store.create(r, "ns/a", doc("a", 2), List.of()).get();
        assertThat(again.outcome()).isEqualTo(WriteResult.Outcome.EXISTS);
        assertThat(again.revision()).isEqualTo(w.revision());
        assertThat(store.revision().get()).as("a failed create writes nothing").isEqualTo(w.revision());
        assertThat(store.get(r, "ns/missing").get()).isNull();
    }

    @Test
    void updateAndDeleteCheckTheExpectedRevision() throws Exception {
        String r = res();
        long rev1 = store.create(r, "k", doc("k", 1), List.of()).get().revision();
        WriteResult stale = store.update(r, "k", rev1 - 1, doc("k", 2), List.of(), List.of()).get();
        assertThat(stale.outcome()).isEqualTo(WriteResult.Outcome.CONFLICT);
        assertThat(stale.revision()).isEqualTo(rev1);
        long rev2 = store.update(r, "k", rev1, doc("k", 2), List.of(), List.of()).get().revision();
        assertThat(rev2).isGreaterThan(rev1);
        assertThat(text(store.get(r, "k").get())).contains("\"n\":2");

        assertThat(store.delete(r, "k", rev1, doc("k", 2), List.of()).get().outcome()).isEqualTo(WriteResult.Outcome.CONFLICT);
        assertThat(store.get(r, "k").get()).isNotNull();
        WriteResult del = store.delete(r, "k", rev2, doc("k", 2), List.of()).get();
        assertThat(del.outcome()).isEqualTo(WriteResult.Outcome.OK);
        assertThat(store.get(r, "k").get()).isNull();
        assertThat(store.update(r, "k", 0, doc("k", 3), List.of(), List.of()).get().outcome())
                .isEqualTo(WriteResult.Outcome.NOT_FOUND);
        assertThat(store.delete(r, "k", 0, doc("k", 3), List.of()).get().outcome())
                .isEqualTo(WriteResult.Outcome.NOT_FOUND);

        List<Change> log = store.changes(r, 0, 100).get();
        assertThat(log).extracting(Change::type)
                .containsExactly(Change.Type.ADDED, Change.Type.MODIFIED, Change.Type.DELETED);
        assertThat(log).extracting(Change::revision).containsExactly(rev1, rev2, del.revision());
        assertThat(new String(log.get(2).value(), StandardCharsets.UTF_8))
                .as("DELETED carries the last state stamped with the deletion revision")
                .contains("\"resourceVersion\":\"" + del.revision() + "\"");
    }

    @Test
    void claimsAreUniqueAndFollowTheObject() throws Exception {
        String r = res();
        String index = "ip-" + r;
        Claim ip = new Claim(index, "value-1");
        assertThat(store.create(r, "a", doc("a", 1), List.of(ip)).get().ok()).isTrue();
        WriteResult taken = store.create(r, "b", doc("b", 1), List.of(ip)).get();
        assertThat(taken.outcome()).isEqualTo(WriteResult.Outcome.CLAIMED);
        assertThat(taken.claim()).isEqualTo(ip);
        assertThat(store.get(r, "b").get()).as("nothing half-written").isNull();

        long rev = store.get(r, "a").get().revision();
        Claim ip2 = new Claim(index, "value-2");
        assertThat(store.update(r, "a", rev, doc("a", 2), List.of(ip), List.of(ip2)).get().ok()).isTrue();
        assertThat(store.claims(index).get()).isEqualTo(Map.of("value-2", "a"));
        assertThat(store.create(r, "b", doc("b", 1), List.of(ip)).get().ok()).isTrue();
        rev = store.get(r, "a").get().revision();
        assertThat(store.delete(r, "a", rev, doc("a", 2), List.of(ip2)).get().ok()).isTrue();
        assertThat(store.claims(index).get()).isEqualTo(Map.of("value-1", "b"));
    }

    @Test
    void snapshotIsConsistentWithTheRevision() throws Exception {
        String r = res();
        for (int i = 0; i < 50; i++) {
            store.create(r, "k" + i, doc("k" + i, i), List.of()).get();
        }
        Snapshot s = store.snapshot(r).get();
        assertThat(s.items()).hasSize(50);
        assertThat(s.revision()).isEqualTo(store.revision().get());
        assertThat(s.items()).allSatisfy(kv -> assertThat(text(kv)).contains("\"resourceVersion\":\"" + kv.revision() + "\""));
        Progress p = store.progress(List.of(r, res())).get();
        assertThat(p.revision()).isEqualTo(s.revision());
        assertThat(p.latestChange().get(r)).isEqualTo(s.items().stream().mapToLong(KeyValue::revision).max().orElseThrow());
    }

    @Test
    void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
        String r = res();
        store.create(r, "counter", doc("counter", 0), List.of()).get();
        AtomicInteger successes = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    while (true) {
                        KeyValue kv = store.get(r, "counter").get();
                        int n = Integer.parseInt(text(kv).replaceAll(".*\"n\":(\\d+)}", "$1"));
                        WriteResult w = store.update(r, "counter", kv.revision(), doc("counter", n + 1), List.of(), List.of()).get();
                        if (w.ok()) {
                            successes.incrementAndGet();
                            break;
                        }
                        assertThat(w.outcome()).isEqualTo(WriteResult.Outcome.CONFLICT);
                        conflicts.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(successes.get()).isEqualTo(640);
        assertThat(text(store.get(r, "counter").get())).endsWith("\"n\":640}");
        assertThat(store.changes(r, 0, 10_000).get()).hasSize(641);
    }

    @Test
    void compactionTrimsHistoryAndTellsFollowers() throws Exception {
        String r = res();
        long first = store.create(r, "a", doc("a", 1), List.of()).get().revision();
        long second = store.create(r, "b", doc("b", 1), List.of()).get().revision();
        List<String> compactedFor = new CopyOnWriteArrayList<>();
        List<Change> seen = new CopyOnWriteArrayList<>();
        try (ChangeFeed feed = store.follow(Map.of(r, first), new ChangeFeed.Listener() {
            @Override
            public void onChanges(String resource, List<Change> changes) {
                seen.addAll(changes);
            }

            @Override
            public void onCompacted(String resource, long compactedRevision) {
                compactedFor.add(resource);
            }
        })) {
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
            assertThat(seen.get(0).revision()).isEqualTo(second);
            long third = store.create(r, "c", doc("c", 1), List.of()).get().revision();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
            assertThat(seen.get(1).revision()).isEqualTo(third);

            assertThat(store.compact(second, List.of(r)).get()).isGreaterThanOrEqualTo(second);
            assertThat(store.changes(r, 0, 10).get()).extracting(Change::revision).containsExactly(third);
            assertThat(store.compact(first, List.of(r)).get()).as("never lowered").isGreaterThanOrEqualTo(second);
        }
        try (ChangeFeed behind = store.follow(Map.of(r, first), new ChangeFeed.Listener() {
            @Override
            public void onChanges(String resource, List<Change> changes) {
                seen.addAll(changes);
            }

            @Override
            public void onCompacted(String resource, long compactedRevision) {
                compactedFor.add(resource);
            }
        })) {
            await().atMost(Duration.ofSeconds(5)).until(() -> compactedFor.contains(r));
        }
    }

    @Test
    void acknowledgedWritesSurviveKillMinusNine() throws Exception {
        try (RedisServerProcess own = RedisServerProcess.started()) {
            List<String> keys = new ArrayList<>();
            try (RedisStore s = new RedisStore(new StoreSettings(own.url(), List.of(), "d", Duration.ofSeconds(5)))) {
                for (int i = 0; i < 200; i++) {
                    assertThat(s.create("pods", "k" + i, doc("k" + i, i), List.of()).get().ok()).isTrue();
                    keys.add("k" + i);
                }
                Thread.sleep(1100); // the contract: acknowledged more than a second before the crash
                own.kill();
            }
            own.start();
            try (RedisStore s = new RedisStore(new StoreSettings(own.url(), List.of(), "d", Duration.ofSeconds(5)))) {
                Snapshot snap = s.snapshot("pods").get();
                assertThat(snap.items()).extracting(KeyValue::key).containsExactlyInAnyOrderElementsOf(keys);
                assertThat(s.changes("pods", 0, 1000).get()).hasSize(200);
                assertThat(snap.revision()).isEqualTo(200);
            }
        }
    }
}
