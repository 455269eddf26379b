package io.kubeboot.runtime.controller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * controller-runtime's reconcile metrics, tagged {@code controller}; exported by Micrometer's Prometheus naming as
 * controller_runtime_reconcile_total{result=success|error|requeue|requeue_after},
 * controller_runtime_reconcile_errors_total, controller_runtime_reconcile_time_seconds,
 * controller_runtime_active_workers and controller_runtime_max_concurrent_reconciles.
 */
final class ControllerMetrics {
    enum Outcome {
        SUCCESS("success"), ERROR("error"), REQUEUE("requeue"), REQUEUE_AFTER("requeue_after");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    private final MeterRegistry registry;
    private final String controller;
    private final AtomicInteger activeWorkers = new AtomicInteger();
    private final Timer reconcileTime;
    private final Counter errors;

    ControllerMetrics(MeterRegistry registry, String controller, int workers) {
        this.registry = registry;
        this.controller = controller;
        if (registry == null) {
            reconcileTime = null;
            errors = null;
            return;
        }
        reconcileTime = Timer.builder("controller_runtime_reconcile_time").tag("controller", controller)
                .description("Length of time per reconciliation per controller").register(registry);
        errors = Counter.builder("controller_runtime_reconcile_errors").tag("controller", controller)
                .description("Total number of reconciliation errors per controller").register(registry);
        Gauge.builder("controller_runtime_active_workers", activeWorkers, AtomicInteger::get).tag("controller", controller)
                .description("Number of currently used workers per controller").register(registry);
        Gauge.builder("controller_runtime_max_concurrent_reconciles", () -> workers).tag("controller", controller)
                .description("Maximum number of concurrent reconciles per controller").register(registry);
    }

    void workerStarted() {
        activeWorkers.incrementAndGet();
    }

    void workerFinished() {
        activeWorkers.decrementAndGet();
    }

    void reconciled(Outcome outcome, long nanos) {
        if (registry == null) {
            return;
        }
        reconcileTime.record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("controller_runtime_reconcile").tag("controller", controller).tag("result", outcome.label)
                .description("Total number of reconciliations per controller").register(registry).increment();
        if (outcome == Outcome.ERROR) {
            errors.increment();
        }
    }
}
