package io.kubeboot.store;

import java.util.List;

/**
 * A running follower of change logs: one thread, one blocking read over all followed logs, delivering
 * changes in revision order per resource type. Close it to stop.
 */
public interface ChangeFeed extends AutoCloseable {

    /** Receives changes; called from the feed's single thread, so calls never overlap. */
    interface Listener {
        void onChanges(String resource, List<Change> changes);

        /**
         * Called when a followed position has been compacted away (the feed fell too far behind):
         * the listener must rebuild from a fresh snapshot. The feed stops following that resource.
         */
        void onCompacted(String resource, long compactedRevision);

        /** Called when the store's compacted revision is seen to rise: history at or below it is gone. */
        default void onCompaction(long compactedRevision) {
        }

        /** Called after each read round, with the feed idle or not: a heartbeat for progress tracking. */
        default void onIdle() {
        }
    }

    /** Starts following another resource type after {@code afterRevision}. */
    void add(String resource, long afterRevision);

    @Override
    void close();
}
