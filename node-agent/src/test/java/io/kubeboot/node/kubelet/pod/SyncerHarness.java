package io.kubeboot.node.kubelet.pod;

import io.kubeboot.node.kubelet.Backoff;
import io.kubeboot.node.kubelet.Fixtures;
import io.kubeboot.node.kubelet.images.ImageManager;
import io.kubeboot.node.kubelet.metrics.KubeletMetrics;
import io.kubeboot.testkit.ManualClock;
import io.kubeboot.node.kubelet.doubles.ProbeManagerDouble;
import io.kubeboot.node.kubelet.doubles.SeamDoubles;
import io.kubeboot.node.kubelet.doubles.StatusWriterDouble;
import io.kubeboot.node.kubelet.doubles.TestEvents;
import io.kubeboot.node.kubelet.status.PodStatusGenerator;
import io.kubeboot.node.kubelet.status.ReasonCache;
import io.kubeboot.node.kubelet.status.StatusManager;
import io.kubeboot.node.kubelet.doubles.DelegatingRuntime;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.simulated.SimulatedRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A PodSyncer over the simulated runtime and the seam doubles, all on one hand-moved clock. */
final class SyncerHarness implements AutoCloseable {
    final ManualClock clock = new ManualClock(Fixtures.T0);
    final SimulatedRuntime runtime = new SimulatedRuntime("node-1", clock);
    final SeamDoubles.PodNetworkDouble network = new SeamDoubles.PodNetworkDouble();
    final SeamDoubles.VolumeManagerDouble volumes = new SeamDoubles.VolumeManagerDouble();
    final SeamDoubles.HooksDouble hooks = new SeamDoubles.HooksDouble();
    final ProbeManagerDouble probes = new ProbeManagerDouble();
    final TestEvents events = new TestEvents();
    final StatusWriterDouble writer = new StatusWriterDouble();
    final StatusManager statusManager = new StatusManager(writer, clock);
    final ReasonCache reasons = new ReasonCache();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ExecutorService executor = Executors.newCachedThreadPool();
    /** Names of the containers the killer stopped, in the order their stops began. */
    final List<String> stopped = new CopyOnWriteArrayList<>();
    final PodSyncer syncer;

    SyncerHarness() {
        ContainerRuntime recording = new DelegatingRuntime(runtime) {
            @Override
            public void stopContainer(String containerId, Duration gracePeriod) {
                runtime.containerStatus(containerId).ifPresent(c -> stopped.add(c.name()));
                super.stopContainer(containerId, gracePeriod);
            }
        };
        ContainerKiller killer = new ContainerKiller(recording, hooks, events, executor, clock);
        ContainerStarter starter = new ContainerStarter(runtime, new ImageManager(runtime, events, Backoff.kubeletDefault(clock), clock),
                new ContainerConfigFactory("node-1", new SeamDoubles.EnvironmentDouble(), volumes), hooks, killer, events, "127.0.0.1");
        syncer = new PodSyncer(new PodSyncer.Deps("127.0.0.1", runtime, network, volumes, probes, events, statusManager,
                new PodStatusGenerator("127.0.0.1", runtime.type(), probes, reasons), reasons, new PodActionsCalculator(probes),
                starter, killer, new SandboxConfigFactory("node-1", new SeamDoubles.DnsDouble(), network, "registry.k8s.io/pause:3.10"),
                Backoff.kubeletDefault(clock), new KubeletMetrics(registry, "node-1"), executor, clock));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
