package io.kubeboot.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * KubeBoot's etcd: a revisioned key-value store with one global revision counter, compare-and-swap
 * writes and a change log per resource type. The contract is ../shared/DESIGN.md, "The store
 * contract":
 * <ul>
 *   <li>every successful write increments the global revision and stamps the object with it (the
 *       object's resourceVersion is the revision of its last write);</li>
 *   <li>every write is atomic: a failed precondition writes nothing, and the change-log entry and the
 *       state change are never seen apart;</li>
 *   <li>the change log of a resource type holds, in revision order, every change after the compacted
 *       revision.</li>
 * </ul>
 * Values are JSON documents; the store never parses them. It inserts the revision where
 * {@link Stamped} says the resourceVersion value goes.
 *
 * <p>Thread safe; every method is non-blocking.
 */
public interface Store extends AutoCloseable {

    /** The object under {@code key} of {@code resource}, or null when absent. */
    CompletableFuture<KeyValue> get(String resource, String key);

    /** All objects of {@code resource} with the revision they are consistent with. */
    CompletableFuture<Snapshot> snapshot(String resource);

    /** The current global revision. */
    CompletableFuture<Long> revision();

    /**
     * The current global revision and, atomically with it, the revision of the newest change of each
     * resource type given (0 when its log is empty).
     */
    CompletableFuture<Progress> progress(List<String> resources);

    /** Creates when the key is free and every claim is free. */
    CompletableFuture<WriteResult> create(String resource, String key, Stamped object, List<Claim> claims);

    /**
     * Replaces when the object exists and its revision equals {@code expectedRevision} (0: any).
     * {@code released} claims owned by this key are dropped; {@code claimed} ones must be free or owned.
     */
    CompletableFuture<WriteResult> update(String resource, String key, long expectedRevision, Stamped object,
                                          List<Claim> released, List<Claim> claimed);

    /**
     * Deletes when the object exists and its revision equals {@code expectedRevision} (0: any); the
     * DELETED change carries {@code lastState} stamped with the deletion revision.
     */
    CompletableFuture<WriteResult> delete(String resource, String key, long expectedRevision, Stamped lastState,
                                          List<Claim> released);

    /** The members of a claim index (e.g. allocated ClusterIPs) with the key that owns each. */
    CompletableFuture<java.util.Map<String, String>> claims(String index);

    /** Changes of {@code resource} with a revision above {@code afterRevision}, oldest first, at most {@code limit}. */
    CompletableFuture<List<Change>> changes(String resource, long afterRevision, int limit);

    /** Forgets history at or below {@code revision} (never past the current one); returns the compacted revision. */
    CompletableFuture<Long> compact(long revision, List<String> resources);

    /** The revision at or below which history is gone. */
    CompletableFuture<Long> compactedRevision();

    /** Opens a feed that follows the change logs of the given resource types from the given revisions. */
    ChangeFeed follow(java.util.Map<String, Long> fromRevisions, ChangeFeed.Listener listener);

    @Override
    void close();
}
