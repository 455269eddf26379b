package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.runtime.events.EventRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * Upstream prober_manager.go with one {@link ProbeWorker} per probe, ticked every periodSeconds on the given
 * scheduler (right after the kubelet started, the first tick is delayed by a random part of the period, as upstream).
 * Probes of regular containers and of restartable (sidecar) init containers are run.
 *
 * <p>Events: {@code Unhealthy} ("Liveness probe failed: ...", "Readiness probe failed: ...", "Startup probe failed:
 * ...") and {@code ProbeWarning} on the container. gRPC probes are not supported: they fail with
 * "gRPC probes are not supported by this kubelet". terminationGracePeriodSeconds of probes is ignored (the kubelet's
 * pod grace period applies). Network safety (a departure from upstream): an httpGet/tcpSocket probe whose host is
 * neither the pod's IP nor the pod's loopback is never contacted and fails (see {@link ProbeTargets}).
 *
 * <p>Probes block a scheduler thread for up to timeoutSeconds: give the scheduler enough threads (e.g. 4-8).
 * Thread safe.
 */
public class KubeletProbeManager implements ProbeManager {
    private static final Logger log = LoggerFactory.getLogger(KubeletProbeManager.class);

    private record WorkerKey(String podUid, String containerName, ProbeType type) {
    }

    private final class Handle {
        final ProbeWorker worker;
        final AtomicBoolean stopped = new AtomicBoolean();
        final AtomicBoolean triggerPending = new AtomicBoolean();
        volatile ScheduledFuture<?> ticks;

        Handle(ProbeWorker worker) {
            this.worker = worker;
        }

        void runOnce() {
            if (stopped.get()) {
                return;
            }
            if (!worker.doProbe()) {
                finish(this);
            }
        }
    }

    private final ScheduledExecutorService scheduler;
    private final Prober prober;
    private final ContainerEvents events;
    private final Clock clock;
    private final Instant start;
    private final LongUnaryOperator jitter;
    private final Map<ProbeType, ResultsStore> results = new ConcurrentHashMap<>();
    private final Map<WorkerKey, Handle> workers = new ConcurrentHashMap<>();
    private final Map<String, Set<WorkerKey>> finished = new ConcurrentHashMap<>();
    private final Map<String, ProbeWorker.PodSnapshot> pods = new ConcurrentHashMap<>();
    private volatile Consumer<String> listener = uid -> { };

    /**
     * @param runtime   runs exec probes in containers
     * @param recorder  where Unhealthy / ProbeWarning events go
     * @param scheduler ticks the workers and runs the probes
     */
    public KubeletProbeManager(ContainerRuntime runtime, EventRecorder recorder, ScheduledExecutorService scheduler) {
        this(new Prober(runtime), ContainerEvents.of(recorder), scheduler, Clock.systemUTC(),
                bound -> bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound));
    }

    KubeletProbeManager(Prober prober, ContainerEvents events, ScheduledExecutorService scheduler, Clock clock,
                        LongUnaryOperator jitter) {
        this.prober = prober;
        this.events = events;
        this.scheduler = scheduler;
        this.clock = clock;
        this.start = clock.instant();
        this.jitter = jitter;
        for (ProbeType type : ProbeType.values()) {
            results.put(type, new ResultsStore(uid -> listener.accept(uid)));
        }
    }

    private final ProbeWorker.Context context = new ProbeWorker.Context() {
        @Override
        public ProbeWorker.PodSnapshot snapshot(String podUid) {
            return pods.get(podUid);
        }

        @Override
        public boolean started(String podUid, String containerName, String containerId) {
            return KubeletProbeManager.this.started(podUid, containerName, containerId);
        }

        @Override
        public ResultsStore results(ProbeType type) {
            return results.get(type);
        }

        @Override
        public Prober prober() {
            return prober;
        }

        @Override
        public ContainerEvents events() {
            return events;
        }

        @Override
        public Clock clock() {
            return clock;
        }
    };

    @Override
    public void syncPod(Pod pod, PodStatus status) {
        String uid = pod.getMetadata().getUid();
        pods.put(uid, new ProbeWorker.PodSnapshot(pod, status));
        Set<WorkerKey> done = finished.getOrDefault(uid, Set.of());
        List<Handle> added = new ArrayList<>();
        for (Container c : probedContainers(pod)) {
            for (ProbeType type : ProbeType.values()) {
                WorkerKey key = new WorkerKey(uid, c.getName(), type);
                if (type.of(c) == null || workers.containsKey(key) || done.contains(key)) {
                    continue;
                }
                Handle handle = new Handle(new ProbeWorker(context, uid, c, type));
                if (workers.putIfAbsent(key, handle) == null) {
                    added.add(handle);
                }
            }
        }
        // every worker of the pod is registered before any runs: a liveness worker must see the startup worker
        added.forEach(this::schedule);
    }

    private void schedule(Handle handle) {
        long period = handle.worker.period().toMillis();
        long delay = 0;
        // right after a kubelet (re)start, spread the first probes over a period
        if (Duration.between(start, clock.instant()).toMillis() < period) {
            delay = jitter.applyAsLong(period);
        }
        handle.ticks = scheduler.scheduleAtFixedRate(handle::runOnce, delay, period, TimeUnit.MILLISECONDS);
    }

    /** Upstream: the containers and the restartable init containers (sidecars) are probed. */
    private static List<Container> probedContainers(Pod pod) {
        List<Container> out = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) {
            for (Container c : pod.getSpec().getInitContainers()) {
                if ("Always".equals(c.getRestartPolicy())) {
                    out.add(c);
                }
            }
        }
        if (pod.getSpec().getContainers() != null) {
            out.addAll(pod.getSpec().getContainers());
        }
        return out;
    }

    private void finish(Handle handle) {
        if (!handle.stopped.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> ticks = handle.ticks;
        if (ticks != null) {
            ticks.cancel(false);
        }
        handle.worker.forget();
        workers.entrySet().removeIf(e -> {
            if (e.getValue() == handle) {
                if (pods.containsKey(e.getKey().podUid())) {
                    finished.computeIfAbsent(e.getKey().podUid(), k -> ConcurrentHashMap.newKeySet()).add(e.getKey());
                }
                return true;
            }
            return false;
        });
    }

    @Override
    public void removePod(String podUid) {
        pods.remove(podUid);
        finished.remove(podUid);
        for (Map.Entry<WorkerKey, Handle> e : new ArrayList<>(workers.entrySet())) {
            if (e.getKey().podUid().equals(podUid)) {
                Handle h = e.getValue();
                h.stopped.set(true);
                if (h.ticks != null) {
                    h.ticks.cancel(false);
                }
                workers.remove(e.getKey(), h);
            }
        }
        for (ResultsStore store : results.values()) {
            store.removePod(podUid);
        }
    }

    @Override
    public boolean ready(String podUid, String containerName, String containerId) {
        if (!started(podUid, containerName, containerId)) {
            return false;
        }
        if (results.get(ProbeType.READINESS).get(containerId) == ResultsStore.State.SUCCESS) {
            return true;
        }
        WorkerKey key = new WorkerKey(podUid, containerName, ProbeType.READINESS);
        Handle h = workers.get(key);
        if (h == null) {
            // a finished readiness worker (its container ended for good) is not "no probe"
            return !finished.getOrDefault(podUid, Set.of()).contains(key);
        }
        // a probe that has not run for this container yet: run it now rather than at the next tick
        if (h.triggerPending.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    h.triggerPending.set(false);
                    h.runOnce();
                });
            } catch (RuntimeException e) {
                h.triggerPending.set(false);
                log.debug("Could not trigger readiness probe: {}", e.toString());
            }
        }
        return false;
    }

    @Override
    public boolean started(String podUid, String containerName, String containerId) {
        if (!workers.containsKey(new WorkerKey(podUid, containerName, ProbeType.STARTUP))) {
            return true;
        }
        return results.get(ProbeType.STARTUP).get(containerId) == ResultsStore.State.SUCCESS;
    }

    @Override
    public boolean livenessFailed(String podUid, String containerName, String containerId) {
        return results.get(ProbeType.LIVENESS).get(containerId) == ResultsStore.State.FAILURE
                || results.get(ProbeType.STARTUP).get(containerId) == ResultsStore.State.FAILURE;
    }

    @Override
    public boolean startupFailed(String podUid, String containerName, String containerId) {
        return results.get(ProbeType.STARTUP).get(containerId) == ResultsStore.State.FAILURE;
    }

    @Override
    public void setResultListener(Consumer<String> podUidChanged) {
        this.listener = podUidChanged == null ? uid -> { } : podUidChanged;
    }
}
