package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;

/** Upstream probeType, with the result a new container starts with (readiness: failure, liveness: success, startup: unknown). */
enum ProbeType {
    LIVENESS("Liveness", ResultsStore.State.SUCCESS),
    READINESS("Readiness", ResultsStore.State.FAILURE),
    STARTUP("Startup", ResultsStore.State.UNKNOWN);

    private final String display;
    private final ResultsStore.State initial;

    ProbeType(String display, ResultsStore.State initial) {
        this.display = display;
        this.initial = initial;
    }

    String display() {
        return display;
    }

    ResultsStore.State initial() {
        return initial;
    }

    Probe of(Container container) {
        return switch (this) {
            case LIVENESS -> container.getLivenessProbe();
            case READINESS -> container.getReadinessProbe();
            case STARTUP -> container.getStartupProbe();
        };
    }
}
