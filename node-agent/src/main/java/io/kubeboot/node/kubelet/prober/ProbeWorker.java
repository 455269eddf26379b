package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.kubeboot.node.kubelet.ContainerRestarts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One probe of one container (upstream prober/worker.go doProbe): follows the container ID in the pod's latest
 * status, starts each new container with the probe type's initial result, waits initialDelaySeconds after the
 * container started, lets only the startup probe run until the container has started, counts consecutive results
 * against successThreshold/failureThreshold, and after a liveness/startup failure holds until a new container
 * appears. Runs are serialized; the scheduling is the manager's.
 */
final class ProbeWorker {
    private static final Logger log = LoggerFactory.getLogger(ProbeWorker.class);
    static final int MAX_PROBE_RETRIES = 3;

    /** What the worker needs from its manager. */
    interface Context {
        /** The pod and its latest status, or null when the pod is unknown. */
        PodSnapshot snapshot(String podUid);

        boolean started(String podUid, String containerName, String containerId);

        ResultsStore results(ProbeType type);

        Prober prober();

        ContainerEvents events();

        Clock clock();
    }

    record PodSnapshot(Pod pod, PodStatus status) {
    }

    private final Context context;
    private final String podUid;
    private final Container container;
    private final Probe spec;
    private final ProbeType type;

    private String containerId;
    private ResultsStore.State lastResult = ResultsStore.State.UNKNOWN;
    private int resultRun;
    private boolean onHold;

    ProbeWorker(Context context, String podUid, Container container, ProbeType type) {
        this.context = context;
        this.podUid = podUid;
        this.container = container;
        this.spec = type.of(container);
        this.type = type;
    }

    ProbeType type() {
        return type;
    }

    Duration period() {
        return Duration.ofSeconds(positive(spec.getPeriodSeconds(), 10));
    }

    /** Removes this worker's result (the worker is done). */
    synchronized void forget() {
        if (containerId != null) {
            context.results(type).remove(containerId);
        }
    }

    /** One probe step; false when the worker should stop (upstream doProbe's keepGoing). */
    synchronized boolean doProbe() {
        try {
            return step();
        } catch (RuntimeException e) {
            log.error("Probe worker for pod {} container {} ({}) failed", podUid, container.getName(), type, e);
            return true;
        }
    }

    private boolean step() {
        PodSnapshot snapshot = context.snapshot(podUid);
        if (snapshot == null || snapshot.status() == null) {
            return true; // no status yet, or the pod is gone (then the manager stops us)
        }
        Pod pod = snapshot.pod();
        PodStatus status = snapshot.status();
        if ("Failed".equals(status.getPhase()) || "Succeeded".equals(status.getPhase())) {
            return false;
        }
        ContainerStatus c = find(status.getContainerStatuses());
        if (c == null) {
            c = find(status.getInitContainerStatuses());
        }
        if (c == null) {
            return true; // not created yet, or deleted
        }
        ResultsStore results = context.results(type);
        if (!c.getContainerID().equals(containerId)) {
            if (containerId != null) {
                results.remove(containerId);
            }
            containerId = c.getContainerID();
            results.set(containerId, type.initial(), podUid);
            onHold = false; // a new container: resume probing
        }
        if (onHold) {
            return true;
        }
        if (c.getState() == null || c.getState().getRunning() == null) {
            results.set(containerId, ResultsStore.State.FAILURE, podUid);
            // stop when the container will not be restarted; a sidecar is restarted whatever the pod's policy
            boolean terminated = c.getState() != null && c.getState().getTerminated() != null;
            return !terminated || !"Never".equals(pod.getSpec().getRestartPolicy())
                    || ContainerRestarts.isRestartableInitContainer(container);
        }
        if (pod.getMetadata().getDeletionTimestamp() != null && (type == ProbeType.LIVENESS || type == ProbeType.STARTUP)) {
            // graceful shutdown: a quiet last result, and no more probing
            results.set(containerId, ResultsStore.State.SUCCESS, podUid);
            return false;
        }
        Instant startedAt = parse(c.getState().getRunning().getStartedAt());
        if (startedAt != null && Duration.between(startedAt, context.clock().instant()).getSeconds() < positive(spec.getInitialDelaySeconds(), 0)) {
            return true;
        }
        boolean started = context.started(podUid, container.getName(), containerId);
        if (started) {
            if (type == ProbeType.STARTUP) {
                return true; // kept for a restarted container
            }
        } else if (type != ProbeType.STARTUP) {
            return true; // the startup probe gates the others
        }

        ResultsStore.State result = probe(pod, status);
        if (result == null) {
            return true; // a probe error: the result is thrown away
        }
        if (lastResult == result) {
            resultRun++;
        } else {
            lastResult = result;
            resultRun = 1;
        }
        if ((result == ResultsStore.State.FAILURE && resultRun < positive(spec.getFailureThreshold(), 3))
                || (result == ResultsStore.State.SUCCESS && resultRun < positive(spec.getSuccessThreshold(), 1))) {
            return true; // below threshold: the state stays
        }
        results.set(containerId, result, podUid);
        if ((type == ProbeType.LIVENESS || type == ProbeType.STARTUP) && result == ResultsStore.State.FAILURE) {
            // the container will be restarted; hold until a new container ID appears
            onHold = true;
            resultRun = 0;
        }
        return true;
    }

    /** Upstream prober.probe with runProbeWithRetries: events for failures, warnings and errors. */
    private ResultsStore.State probe(Pod pod, PodStatus status) {
        List<String> podIps = podIps(status);
        ProbeException error = null;
        for (int attempt = 0; attempt < MAX_PROBE_RETRIES; attempt++) {
            try {
                ProbeOutcome outcome = context.prober().run(spec, pod, container, containerId, podIps);
                switch (outcome.result()) {
                    case SUCCESS:
                        return ResultsStore.State.SUCCESS;
                    case WARNING:
                        context.events().warning(pod, container.getName(), "ProbeWarning",
                                type.display() + " probe warning: " + outcome.output());
                        return ResultsStore.State.SUCCESS;
                    default:
                        context.events().warning(pod, container.getName(), "Unhealthy",
                                type.display() + " probe failed: " + outcome.output());
                        return ResultsStore.State.FAILURE;
                }
            } catch (ProbeException e) {
                error = e;
            }
        }
        context.events().warning(pod, container.getName(), "Unhealthy",
                type.display() + " probe errored and resulted in unknown state: " + error.getMessage());
        return null;
    }

    private ContainerStatus find(List<ContainerStatus> statuses) {
        if (statuses == null) {
            return null;
        }
        for (ContainerStatus s : statuses) {
            if (container.getName().equals(s.getName()) && s.getContainerID() != null && !s.getContainerID().isEmpty()) {
                return s;
            }
        }
        return null;
    }

    static List<String> podIps(PodStatus status) {
        List<String> ips = new ArrayList<>();
        if (status.getPodIP() != null && !status.getPodIP().isEmpty()) {
            ips.add(status.getPodIP());
        }
        if (status.getPodIPs() != null) {
            for (PodIP ip : status.getPodIPs()) {
                if (ip.getIp() != null && !ips.contains(ip.getIp())) {
                    ips.add(ip.getIp());
                }
            }
        }
        return ips;
    }

    private static Instant parse(String time) {
        if (time == null || time.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int positive(Integer value, int dflt) {
        return value == null || value < 0 ? dflt : value;
    }
}
