package io.kubeboot.apiserver.storage;

import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.store.Change;
import io.kubeboot.store.KeyValue;
import io.kubeboot.store.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cacher's rules, with a recording listener as the test double. */
class WatchCacheTest {
    static final ResourceInfo CONFIGMAPS = BuiltinResources.get().byResource("", "v1", "configmaps").orElseThrow();

    /** Records what a watcher is sent, as "TYPE name". */
    static final class Recorder implements WatchListener {
        final List<String> seen = new ArrayList<>();
        boolean terminated;

        @Override
        public boolean onEvent(WatchEvent.Type type, CachedObject object) {
            seen.add(type + " " + object.name());
            return true;
        }

        @Override
        public boolean onBookmark(long revision) {
            seen.add("BOOKMARK " + revision);
            return true;
        }

        @Override
        public void onTerminated() {
            terminated = true;
        }
    }

    WatchCache cache;

    static byte[] cm(String name, String app) {
        return ("{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"ns\",\"labels\":{\"app\":\"" + app + "\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    static Change change(long rev, Change.Type type, String name, String app) {
        return new Change(rev, type, "ns/" + name, cm(name, app));
    }

    @BeforeEach
    void setUp() {
        cache = new WatchCache(CONFIGMAPS, 3);
        cache.reset(new Snapshot(10, 0, List.of(new KeyValue("ns/a", cm("a", "x"), 5))));
    }

    ObjectFilter app(String value) {
        return new ObjectFilter("ns", LabelSelector.parse("app=" + value), null);
    }

    @Test
    void aChangeEnteringOrLeavingTheSelectorIsAddedOrDeleted() {
        Recorder r = new Recorder();
        cache.watch(app("x"), 10, false, r);
        cache.apply(List.of(
                change(11, Change.Type.ADDED, "b", "y"),     // never matches: nothing
                change(12, Change.Type.MODIFIED, "b", "x"),  // enters: ADDED
                change(13, Change.Type.MODIFIED, "a", "x"),  // stays: MODIFIED
                change(14, Change.Type.MODIFIED, "a", "y"),  // leaves: DELETED
                change(15, Change.Type.DELETED, "b", "x"))); // deleted while matching
        assertThat(r.seen).containsExactly("ADDED b", "MODIFIED a", "DELETED a", "DELETED b");
    }

    @Test
    void resourceVersionZeroStartsWithTheCurrentState() {
        Recorder r = new Recorder();
        cache.watch(app("x"), -1, false, r);
        cache.apply(List.of(change(11, Change.Type.ADDED, "c", "x")));
        assertThat(r.seen).containsExactly("ADDED a", "ADDED c");
    }

    @Test
    void replaysTheWindowAfterTheRevisionAndRefusesOlderOnes() {
        cache.apply(List.of(change(11, Change.Type.ADDED, "b", "x"), change(12, Change.Type.ADDED, "c", "x"),
                change(13, Change.Type.ADDED, "d", "x"), change(14, Change.Type.ADDED, "e", "x")));
        Recorder r = new Recorder();
        cache.watch(app("x"), 12, false, r);
        assertThat(r.seen).containsExactly("ADDED d", "ADDED e");
        // window of 3: event 11 was evicted, so revision 10 can no longer be continued
        assertThatThrownBy(() -> cache.watch(app("x"), 10, false, new Recorder()))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.reason()).isEqualTo("Expired");
                    assertThat(e.getMessage()).isEqualTo("too old resource version: 10 (11)");
                });
    }

    @Test
    void aFutureRevisionWaitsForIt() {
        Recorder r = new Recorder();
        cache.watch(app("x"), 12, true, r);
        cache.apply(List.of(change(11, Change.Type.ADDED, "b", "x"), change(12, Change.Type.ADDED, "c", "x")));
        cache.bookmark();
        cache.apply(List.of(change(13, Change.Type.ADDED, "d", "x")));
        cache.bookmark();
        assertThat(r.seen).containsExactly("ADDED d", "BOOKMARK 13");
    }

    @Test
    void compactionShrinksTheWindowAndResetTerminatesWatchers() {
        cache.apply(List.of(change(11, Change.Type.ADDED, "b", "x"), change(12, Change.Type.ADDED, "c", "x")));
        cache.noteCompaction(11);
        assertThatThrownBy(() -> cache.watch(app("x"), 10, false, new Recorder())).isInstanceOf(StatusException.class);
        Recorder r = new Recorder();
        cache.watch(app("x"), 11, false, r);
        assertThat(r.seen).containsExactly("ADDED c");
        cache.reset(new Snapshot(20, 11, List.of()));
        assertThat(r.terminated).isTrue();
        assertThat(cache.list(app("x")).items()).isEmpty();
        assertThat(cache.list(app("x")).revision()).isEqualTo(20);
    }

    @Test
    void listsAreSortedAndFilteredByNamespaceAndLabels() {
        cache.apply(List.of(change(11, Change.Type.ADDED, "c", "x"), change(12, Change.Type.ADDED, "b", "y")));
        assertThat(cache.list(app("x")).items()).extracting(CachedObject::name).containsExactly("a", "c");
        assertThat(cache.list(new ObjectFilter(null, null, null)).items()).extracting(CachedObject::name)
                .containsExactly("a", "b", "c");
        assertThat(cache.list(new ObjectFilter("other", null, null)).items()).isEmpty();
        assertThat(cache.list(app("x")).revision()).isEqualTo(12);
    }
}
