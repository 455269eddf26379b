package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.ContainerReferences;
import io.kubeboot.node.kubelet.prober.LifecycleHandlers;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.kubelet.KubeletEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Upstream's {@code killContainer}: the Killing event, the preStop hook within the grace period, then stop with
 * what is left of it (at least 2 seconds, unless overridden).
 */
public final class ContainerKiller {
    private static final Logger log = LoggerFactory.getLogger(ContainerKiller.class);
    public static final long MINIMUM_GRACE_PERIOD_SECONDS = 2;
    /** The API's default terminationGracePeriodSeconds, for pods that somehow lack it. */
    public static final long DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

    private final ContainerRuntime runtime;
    private final LifecycleHandlers hooks;
    private final KubeletEvents events;
    private final ExecutorService executor;
    private final Clock clock;

    public ContainerKiller(ContainerRuntime runtime, LifecycleHandlers hooks, KubeletEvents events, ExecutorService executor, Clock clock) {
        this.runtime = runtime;
        this.hooks = hooks;
        this.events = events;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * @param pod          the pod, or null when it is unknown (then the grace period comes from the container's label)
     * @param message      the Killing event's message; null for "Stopping container x"
     * @param reason       {@code LivenessProbe}, {@code StartupProbe} or null: picks the probe's grace period if set
     * @param graceOverride seconds overriding everything, or null
     */
    public void kill(Pod pod, ContainerStatus container, String message, String reason, Long graceOverride, String podIp) {
        kill(pod, container, message, reason, graceOverride, podIp, null);
    }

    /**
     * As {@link #kill(Pod, ContainerStatus, String, String, Long, String)}, within a pod's termination: after the
     * preStop hook the container waits for its turn in {@code ordering} (sidecars after the regular containers, in
     * reverse order) for what is left of its grace period, and reports its termination to it, even when stopping
     * failed (so that no other container waits for the rest of its grace period on a failed stop).
     *
     * @param ordering the pod's termination ordering, or null for none
     */
    void kill(Pod pod, ContainerStatus container, String message, String reason, Long graceOverride, String podIp,
              TerminationOrdering ordering) {
        try {
            stop(pod, container, message, reason, graceOverride, podIp, ordering);
        } finally {
            if (ordering != null) {
                ordering.containerTerminated(container.name());
            }
        }
    }

    private void stop(Pod pod, ContainerStatus container, String message, String reason, Long graceOverride, String podIp,
                      TerminationOrdering ordering) {
        Container spec = pod == null ? null : findSpec(pod, container.name());
        long grace = gracePeriod(pod, spec, container, reason);
        if (pod != null && spec != null) {
            events.event(ContainerReferences.container(pod, spec), KubeletEvents.NORMAL, "Killing",
                    message == null || message.isEmpty() ? "Stopping container " + spec.getName() : message);
        }
        if (spec != null && spec.getLifecycle() != null && spec.getLifecycle().getPreStop() != null && grace > 0
                && container.state() == ContainerStatus.State.RUNNING) {
            grace -= runPreStop(pod, spec, container, podIp, grace);
        }
        if (ordering != null && grace > 0) {
            try {
                grace -= ordering.waitForTurn(container.name(), grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (grace < MINIMUM_GRACE_PERIOD_SECONDS) {
            grace = MINIMUM_GRACE_PERIOD_SECONDS;
        }
        if (graceOverride != null) {
            grace = graceOverride;
        }
        runtime.stopContainer(container.id(), Duration.ofSeconds(grace));
    }

    /** Upstream's setTerminationGracePeriod. */
    static long gracePeriod(Pod pod, Container spec, ContainerStatus container, String reason) {
        if (pod == null) {
            try {
                return Long.parseLong(container.labels().getOrDefault(RuntimeLabels.TERMINATION_GRACE_PERIOD, "2"));
            } catch (NumberFormatException e) {
                return MINIMUM_GRACE_PERIOD_SECONDS;
            }
        }
        if (pod.getMetadata().getDeletionGracePeriodSeconds() != null) {
            return pod.getMetadata().getDeletionGracePeriodSeconds();
        }
        if (pod.getSpec().getTerminationGracePeriodSeconds() != null) {
            if (spec != null && "LivenessProbe".equals(reason) && spec.getLivenessProbe() != null
                    && spec.getLivenessProbe().getTerminationGracePeriodSeconds() != null) {
                return spec.getLivenessProbe().getTerminationGracePeriodSeconds();
            }
            if (spec != null && "StartupProbe".equals(reason) && spec.getStartupProbe() != null
                    && spec.getStartupProbe().getTerminationGracePeriodSeconds() != null) {
                return spec.getStartupProbe().getTerminationGracePeriodSeconds();
            }
            return pod.getSpec().getTerminationGracePeriodSeconds();
        }
        return DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
    }

    /** Runs the preStop hook for at most {@code grace} seconds; returns the whole seconds it took. */
    private long runPreStop(Pod pod, Container spec, ContainerStatus container, String podIp, long grace) {
        Instant start = clock.instant();
        Future<Optional<String>> f = executor.submit(() -> hooks.run(pod, spec.getName(), container.id(), podIp, spec.getLifecycle().getPreStop()));
        try {
            Optional<String> failure = f.get(grace, TimeUnit.SECONDS);
            if (failure.isPresent()) {
                events.event(ContainerReferences.container(pod, spec), KubeletEvents.WARNING, "FailedPreStopHook", failure.get());
            }
        } catch (TimeoutException e) {
            log.info("preStop hook for container {} did not complete in {} seconds", container.id(), grace);
            f.cancel(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("preStop hook for container {} failed", container.id(), e);
        }
        return Duration.between(start, clock.instant()).toSeconds();
    }

    static Container findSpec(Pod pod, String name) {
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        for (Container c : inits) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
