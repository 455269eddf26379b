package io.kubeboot.runtime.workqueue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * client-go's basic work queue ({@code workqueue.Typed}): FIFO with the two guarantees controllers rely on.
 * <ul>
 *   <li>An item is queued at most once: adding an item that is already waiting ("dirty") is a no-op.</li>
 *   <li>An item is processed by at most one worker: adding an item that is being processed marks it dirty, and
 *   {@link #done} puts it back in the queue.</li>
 * </ul>
 * After shut down, adds are ignored but the items already queued are still handed out; {@link #get} returns
 * {@code null} once the queue is empty.
 */
final class WorkQueue<K> {
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled, one waiter at a time, when an item is queued (and to all at shut down). */
    private final Condition changed = lock.newCondition();
    /**
     * Signalled when the last item in processing is done while a drain waits. Apart from {@link #changed}:
     * signalling all of {@code changed} whenever processing ran empty woke every idle worker for nothing
     * (profiled: most of the futex time of an idle controller's workers).
     */
    private final Condition idle = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final QueueMetrics<K> metrics;
    private boolean shuttingDown;
    private boolean drain;

    WorkQueue(QueueMetrics<K> metrics) {
        this.metrics = metrics;
    }

    void add(K item) {
        lock.lock();
        try {
            if (shuttingDown || dirty.contains(item)) {
                return;
            }
            metrics.add(item);
            dirty.add(item);
            if (processing.contains(item)) {
                return;
            }
            queue.addLast(item);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    int len() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    K get() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !shuttingDown) {
                changed.await();
            }
            if (queue.isEmpty()) {
                return null;
            }
            K item = queue.removeFirst();
            metrics.get(item);
            processing.add(item);
            dirty.remove(item);
            return item;
        } finally {
            lock.unlock();
        }
    }

    void done(K item) {
        lock.lock();
        try {
            metrics.done(item);
            processing.remove(item);
            if (dirty.contains(item)) {
                queue.addLast(item);
                changed.signal();
            } else if (processing.isEmpty() && drain) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void shutDown() {
        lock.lock();
        try {
            drain = false;
            shuttingDown = true;
            changed.signalAll();
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void shutDownWithDrain() throws InterruptedException {
        lock.lock();
        try {
            drain = true;
            shuttingDown = true;
            changed.signalAll();
            while (!processing.isEmpty() && drain) {
                idle.await();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }
}
