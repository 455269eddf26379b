package io.kubeboot.runtime.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * client-go's delaying queue: items wait in a heap ordered by ready time and one background thread moves them
 * into the work queue when due. An item waits at most once: adding it again keeps the earlier ready time.
 */
final class DelayingQueue<K> {
    /** As upstream's maxWait: the thread re-checks at least this often, so a missed wake-up costs 10s at most. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final WorkQueue<K> queue;
    private final QueueMetrics<K> metrics;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Waiting<K>> heap = new PriorityQueue<>(DelayingQueue::compare);
    private final Map<K, Waiting<K>> waiting = new HashMap<>();
    private final Thread thread;
    private long sequence;
    private boolean stopped;

    DelayingQueue(String name, WorkQueue<K> queue, QueueMetrics<K> metrics, LongSupplier nanoTime) {
        this.queue = queue;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.thread = new Thread(this::run, "workqueue-" + name + "-delaying");
        thread.setDaemon(true);
        thread.start();
    }

    void addAfter(K item, Duration delay) {
        if (queue.isShuttingDown()) {
            return;
        }
        metrics.retry();
        if (delay.isNegative() || delay.isZero()) {
            queue.add(item);
            return;
        }
        lock.lock();
        try {
            long readyAt = nanoTime.getAsLong() + delay.toNanos();
            Waiting<K> existing = waiting.get(item);
            if (existing == null) {
                Waiting<K> w = new Waiting<>(item, readyAt, sequence++);
                waiting.put(item, w);
                heap.add(w);
            } else if (readyAt - existing.readyAt < 0) {
                heap.remove(existing);
                Waiting<K> w = new Waiting<>(item, readyAt, existing.seq);
                waiting.put(item, w);
                heap.add(w);
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting for their ready time. */
    int waitingCount() {
        lock.lock();
        try {
            return heap.size();
        } finally {
            lock.unlock();
        }
    }

    /** Makes the thread look at the clock now; tests call it after moving a fake clock. */
    void wakeUp() {
        lock.lock();
        try {
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    void shutDown() {
        lock.lock();
        try {
            stopped = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        lock.lock();
        try {
            while (!stopped) {
                long now = nanoTime.getAsLong();
                Waiting<K> next;
                while ((next = heap.peek()) != null && next.readyAt - now <= 0) {
                    heap.poll();
                    waiting.remove(next.item);
                    queue.add(next.item);
                }
                long wait = HEARTBEAT.toNanos();
                if (next != null) {
                    wait = Math.min(wait, next.readyAt - now);
                }
                changed.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private static int compare(Waiting<?> a, Waiting<?> b) {
        int c = Long.signum(a.readyAt - b.readyAt);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    }

    private record Waiting<K>(K item, long readyAt, long seq) {
    }

    long waitingReadyAt(K item) {
        lock.lock();
        try {
            Waiting<K> w = waiting.get(item);
            return w == null ? Long.MIN_VALUE : w.readyAt;
        } finally {
            lock.unlock();
        }
    }
}
