package io.kubeboot.controller.tainteviction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs due work at once on the caller's thread; keeps timed work until the test fires it. */
final class FakeDelayedExecutor implements TimedWorkerQueue.DelayedExecutor {
    static final class Timer {
        final Runnable task;
        final Duration delay;
        boolean cancelled;
        boolean fired;

        Timer(Runnable task, Duration delay) {
            this.task = task;
            this.delay = delay;
        }
    }

    final List<Timer> timers = new ArrayList<>();

    @Override
    public TimedWorkerQueue.Cancellable schedule(Runnable task, Duration delay) {
        Timer t = new Timer(task, delay);
        timers.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    /** The timers not cancelled and not fired. */
    List<Timer> pending() {
        return timers.stream().filter(t -> !t.cancelled && !t.fired).toList();
    }

    /** Fires every pending timer. */
    void fireAll() {
        for (Timer t : pending()) {
            t.fired = true;
            t.task.run();
        }
    }
}
