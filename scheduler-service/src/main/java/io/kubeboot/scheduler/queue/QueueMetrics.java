package io.kubeboot.scheduler.queue;

/**
 * Callbacks for the queue's metrics, as upstream's {@code scheduler_pending_pods} gauge and
 * {@code scheduler_queue_incoming_pods_total} counter; queue names are {@code active}, {@code backoff},
 * {@code unschedulable} and {@code gated}. Called under the queue's lock: implementations must be quick
 * and must not call back into the queue.
 */
public interface QueueMetrics {
    QueueMetrics NOOP = new QueueMetrics() {
    };

    /** The number of pods now in {@code queue}. */
    default void pending(String queue, int count) {
    }

    /** A pod entered {@code queue} because of {@code event} (e.g. UnschedulablePodAdd, BackoffComplete, NodeAdd). */
    default void incomingPod(String queue, String event) {
    }
}
