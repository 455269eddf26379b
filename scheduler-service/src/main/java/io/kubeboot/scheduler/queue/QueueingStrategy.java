package io.kubeboot.scheduler.queue;

/** Where an event sends a rejected pod, as upstream's queueingStrategy; later constants win. */
enum QueueingStrategy {
    /** The event cannot help the pod: it stays unschedulable. */
    SKIP,
    /** A plugin that rejected the pod cares: back to the active queue once its backoff has ended. */
    AFTER_BACKOFF,
    /** A plugin the pod was pending on cares: straight back to the active queue. */
    IMMEDIATELY
}
