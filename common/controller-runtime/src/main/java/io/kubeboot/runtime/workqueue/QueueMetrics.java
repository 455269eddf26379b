package io.kubeboot.runtime.workqueue;

/**
 * The hooks client-go's queue calls into its metrics provider. Calls arrive under the queue's lock, in the
 * order add (item queued), get (handed to a worker), done (worker finished); retry on every delayed add.
 */
interface QueueMetrics<K> {
    void add(K item);

    void get(K item);

    void done(K item);

    void retry();

    static <K> QueueMetrics<K> noop() {
        return new QueueMetrics<>() {
            @Override
            public void add(K item) {
            }

            @Override
            public void get(K item) {
            }

            @Override
            public void done(K item) {
            }

            @Override
            public void retry() {
            }
        };
    }
}
