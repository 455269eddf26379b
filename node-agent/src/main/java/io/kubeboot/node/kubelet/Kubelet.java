package io.kubeboot.node.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.node.kubelet.dns.DnsConfigurer;
import io.kubeboot.node.kubelet.env.EnvironmentResolver;
import io.kubeboot.node.kubelet.images.ImageManager;
import io.kubeboot.node.kubelet.metrics.InstrumentedRuntime;
import io.kubeboot.node.kubelet.metrics.KubeletMetrics;
import io.kubeboot.node.kubelet.pod.ContainerConfigFactory;
import io.kubeboot.node.kubelet.pod.ContainerKiller;
import io.kubeboot.node.kubelet.pod.ContainerStarter;
import io.kubeboot.node.kubelet.pod.PodActionsCalculator;
import io.kubeboot.node.kubelet.pod.PodHandler;
import io.kubeboot.node.kubelet.pod.PodSyncer;
import io.kubeboot.node.kubelet.pod.PodWorkers;
import io.kubeboot.node.kubelet.pod.RuntimeRelister;
import io.kubeboot.node.kubelet.pod.SandboxConfigFactory;
import io.kubeboot.node.kubelet.prober.LifecycleHandlers;
import io.kubeboot.node.kubelet.prober.ProbeManager;
import io.kubeboot.node.kubelet.status.PodStatusGenerator;
import io.kubeboot.node.kubelet.status.ReasonCache;
import io.kubeboot.node.kubelet.status.StatusManager;
import io.kubeboot.node.kubelet.volumes.VolumeManager;
import io.kubeboot.node.network.PodNetwork;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.SandboxStatus;
import io.kubeboot.runtime.events.EventRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kubelet's pod lifecycle for one node: runs the pods bound to the node on a {@link ContainerRuntime} as
 * declared, reports their status and ends them (upstream pkg/kubelet). Pods arrive through {@link #podUpdated} and
 * {@link #podDeleted} (from a {@link io.kubeboot.node.kubelet.pod.PodSource}); each is handled by its pod worker,
 * synced on every change, every resync interval, on probe results and when the runtime shows a container change.
 *
 * <p>On {@link #start()} the kubelet adopts what the runtime already holds: containers and sandboxes of pods still
 * bound to the node are kept as they are (same IDs), those of other pods are stopped and removed, and the pod
 * network learns the IPs in use. {@link #close()} stops the kubelet but leaves the pods running, like a kubelet
 * restart.
 *
 * <p>No static state: a process may run many kubelets (simulated nodes). Thread safe.
 */
public final class Kubelet implements PodHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Kubelet.class);

    private final String nodeName;
    private final KubernetesClient client;
    private final ContainerRuntime runtime;
    private final PodNetwork network;
    private final ProbeManager probes;
    private final KubeletSettings settings;
    private final Backoff containerBackoff;
    private final PodSyncer syncer;
    private final PodWorkers workers;
    private final RuntimeRelister relister;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private volatile boolean started;

    /**
     * @param nodeName    the Node this kubelet runs
     * @param nodeAddress its InternalIP: the pods' hostIP, and the pod IP of hostNetwork pods
     * @param runtime     the node's runtime; wrapped here in an {@link InstrumentedRuntime}
     * @param events      the recorder (component "kubelet", host the node name) for pod events
     * @param registry    where the kubelet metrics go
     */
    public Kubelet(String nodeName, String nodeAddress, KubernetesClient client, ContainerRuntime runtime,
                   PodNetwork network, EnvironmentResolver env, VolumeManager volumes, DnsConfigurer dns,
                   ProbeManager probes, LifecycleHandlers hooks, EventRecorder events, MeterRegistry registry,
                   KubeletSettings settings) {
        this.nodeName = nodeName;
        this.client = client;
        this.runtime = runtime instanceof InstrumentedRuntime ? runtime : new InstrumentedRuntime(runtime, registry);
        this.network = network;
        this.probes = probes;
        this.settings = settings;
        KubeletEvents podEvents = KubeletEvents.of(events);
        this.executor = Executors.newCachedThreadPool(threads("kubelet-" + nodeName + "-pod-", true));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("kubelet-" + nodeName + "-timer-", true));
        KubeletMetrics metrics = new KubeletMetrics(registry, nodeName);
        ReasonCache reasons = new ReasonCache();
        this.containerBackoff = Backoff.kubeletDefault(settings.clock());
        Backoff imageBackoff = Backoff.kubeletDefault(settings.clock());
        StatusManager statusManager = new StatusManager(new io.kubeboot.node.kubelet.status.ApiPodStatusWriter(client), settings.clock());
        PodStatusGenerator generator = new PodStatusGenerator(nodeAddress, this.runtime.type(), probes, reasons);
        ContainerKiller killer = new ContainerKiller(this.runtime, hooks, podEvents, executor, settings.clock());
        ImageManager images = new ImageManager(this.runtime, podEvents, imageBackoff, settings.clock());
        ContainerStarter starter = new ContainerStarter(this.runtime, images, new ContainerConfigFactory(nodeName, env, volumes),
                hooks, killer, podEvents, nodeAddress);
        this.syncer = new PodSyncer(new PodSyncer.Deps(nodeAddress, this.runtime, network, volumes, probes, podEvents,
                statusManager, generator, reasons, new PodActionsCalculator(probes), starter, killer,
                new SandboxConfigFactory(nodeName, dns, network, settings.podInfraContainerImage()),
                containerBackoff, metrics, executor, settings.clock()));
        this.workers = new PodWorkers(new PodWorkers.Syncer() {
            @Override
            public boolean syncPod(Pod pod, Instant firstSeen) {
                return syncer.syncPod(pod, firstSeen);
            }

            @Override
            public void syncTerminatingPod(Pod pod, boolean removedFromApi) {
                syncer.syncTerminatingPod(pod, removedFromApi);
            }

            @Override
            public void syncTerminatedPod(Pod pod, boolean removedFromApi) {
                syncer.syncTerminatedPod(pod, removedFromApi);
            }

            @Override
            public void removePod(Pod pod) {
                syncer.removePod(pod);
            }
        }, executor, timer, settings.resyncInterval(), settings.clock());
        this.relister = new RuntimeRelister(this.runtime, workers::trigger, metrics);
    }

    public String nodeName() {
        return nodeName;
    }

    /** Adopts what the runtime holds, then starts relisting and housekeeping. Call before the pod source starts. */
    public synchronized void start() {
        if (started) {
            return;
        }
        adopt();
        probes.setResultListener(workers::trigger);
        long relist = settings.relistPeriod().toMillis();
        timer.scheduleWithFixedDelay(this::relistSafely, relist, relist, TimeUnit.MILLISECONDS);
        long housekeeping = settings.housekeepingPeriod().toMillis();
        timer.scheduleWithFixedDelay(containerBackoff::gc, housekeeping, housekeeping, TimeUnit.MILLISECONDS);
        started = true;
        log.info("Kubelet for node {} started", nodeName);
    }

    @Override
    public void podUpdated(Pod pod) {
        workers.update(pod);
    }

    @Override
    public void podDeleted(Pod pod) {
        workers.remove(pod);
    }

    /** The uids of the pods this kubelet currently works on. */
    public Set<String> podUids() {
        return workers.uids();
    }

    /** Stops syncing; containers keep running (a later kubelet adopts them). */
    @Override
    public synchronized void close() {
        workers.close();
        timer.shutdownNow();
        executor.shutdownNow();
        started = false;
    }

    private void relistSafely() {
        try {
            relister.relist();
        } catch (RuntimeException e) {
            log.warn("Relisting the runtime of node {} failed", nodeName, e);
        }
    }

    /** Startup adoption: restore IPs, remove the objects of pods not bound here any more. */
    private void adopt() {
        List<SandboxStatus> sandboxes = runtime.listSandboxes();
        List<ContainerStatus> containers = runtime.listContainers();
        Map<String, String> ips = new HashMap<>();
        Set<String> uids = new HashSet<>();
        for (SandboxStatus s : sandboxes) {
            uids.add(s.podUid());
            if (s.ipAddress() != null && !s.ipAddress().isEmpty()) {
                ips.put(s.podUid(), s.ipAddress());
            }
        }
        containers.forEach(c -> uids.add(c.podUid()));
        uids.remove(null);
        network.restore(ips);
        if (uids.isEmpty()) {
            return;
        }
        Set<String> bound = new HashSet<>();
        try {
            for (Pod p : client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).list().getItems()) {
                bound.add(p.getMetadata().getUid());
            }
        } catch (RuntimeException e) {
            log.warn("Cannot list the pods bound to {}; orphaned containers stay until their pods are known", nodeName, e);
            return;
        }
        for (String uid : uids) {
            if (!bound.contains(uid)) {
                log.info("Removing the containers of pod {}, no longer bound to {}", uid, nodeName);
                try {
                    syncer.removeRuntimeObjects(uid);
                    network.release(uid);
                } catch (RuntimeException e) {
                    log.warn("Failed to remove the containers of orphaned pod {}", uid, e);
                }
            }
        }
    }

    private static ThreadFactory threads(String prefix, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }
}
