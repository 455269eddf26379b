package io.kubeboot.controller.manager;

import java.time.Duration;

/**
 * One reconcile loop run by the {@link ControllerManager}: built (informers asked for, handlers registered) before the
 * informers start, started once while leading, stopped once.
 */
public interface ManagedController {
    /** The controller's name, also its work queue's (the {@code name} tag of the workqueue_* metrics). */
    String name();

    /** Starts the workers; returns once they run (the informers have synced by then). */
    void start() throws InterruptedException;

    /**
     * Stops taking work and waits up to {@code timeout} for syncs in flight.
     *
     * @return whether everything finished in time
     */
    boolean stop(Duration timeout) throws InterruptedException;
}
