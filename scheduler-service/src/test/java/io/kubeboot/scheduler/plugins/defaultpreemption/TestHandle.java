package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.Plugin;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PodNominator;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.SharedLister;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.testing.Snapshots;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A Handle over a fixed snapshot and a list of test plugins. Its runner follows upstream's framework
 * runtime: Filter plugins in order, first rejection wins (attributed to the plugin); nominated pods of
 * at least the pod's priority are added for a first pass; PreFilter extensions wrap failures as
 * "running AddPod/RemovePod on PreFilter plugin ...". {@link #parallelize} is sequential unless built
 * {@link #parallel()}, so that the dry run's order is the test's.
 */
final class TestHandle implements Handle, Handle.PluginRunner, PodNominator {
    private final Snapshot snapshot;
    private final List<Plugin> plugins;
    private final Map<String, List<PodInfo>> nominated = new ConcurrentHashMap<>();
    private final RecordingClient client = new RecordingClient();
    private final boolean parallel;

    private TestHandle(Snapshot snapshot, List<Plugin> plugins, boolean parallel) {
        this.snapshot = snapshot;
        this.plugins = List.copyOf(plugins);
        this.parallel = parallel;
    }

    /** Nodes in the given order, each with the pods whose {@code spec.nodeName} names it. */
    static TestHandle of(List<Node> nodes, List<Pod> pods, List<Plugin> plugins) {
        return new TestHandle(Snapshots.of(nodes, pods), plugins, false);
    }

    TestHandle parallel() {
        return new TestHandle(snapshot, plugins, true);
    }

    /** Adds pods to the nominator under their {@code status.nominatedNodeName}. */
    TestHandle nominate(Pod... pods) {
        for (Pod p : pods) {
            nominated.computeIfAbsent(p.getStatus().getNominatedNodeName(), k -> new CopyOnWriteArrayList<>()).add(PodInfo.of(p));
        }
        return this;
    }

    RecordingClient recorded() {
        return client;
    }

    /** Upstream's RunPreFilterPlugins as the tests need it: fills the state, records SKIPs. */
    CycleState preFilter(PodInfo pod) {
        CycleState state = new CycleState();
        for (Plugin p : plugins) {
            if (p instanceof PreFilterPlugin pf) {
                PreFilterPlugin.Result r = pf.preFilter(state, pod, snapshot.nodeInfos());
                if (r.status().isSkip()) {
                    state.skipFilterPlugins().add(p.name());
                }
            }
        }
        return state;
    }

    @Override
    public SharedLister snapshot() {
        return snapshot;
    }

    @Override
    public PodNominator nominator() {
        return this;
    }

    @Override
    public PluginRunner runner() {
        return this;
    }

    @Override
    public ClusterClient client() {
        return client;
    }

    @Override
    public void parallelize(int n, IntConsumer work) {
        if (parallel) {
            IntStream.range(0, n).parallel().forEach(work);
        } else {
            IntStream.range(0, n).forEach(work);
        }
    }

    @Override
    public List<PodInfo> nominatedPodsForNode(String nodeName) {
        return List.copyOf(nominated.getOrDefault(nodeName, List.of()));
    }

    @Override
    public Status runFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node) {
        CycleState withState = state.copy();
        NodeInfo withNode = node.copy();
        boolean added = false;
        for (PodInfo p : nominatedPodsForNode(node.nodeName())) {
            if (p.priority() >= pod.priority() && !p.uid().equals(pod.uid())) {
                withNode.addPod(p);
                Status s = runPreFilterExtensionAddPod(withState, pod, p, withNode);
                if (!s.isSuccess()) {
                    return s;
                }
                added = true;
            }
        }
        Status status = runFilterPlugins(added ? withState : state, pod, added ? withNode : node);
        if (added && status.isSuccess()) {
            status = runFilterPlugins(state, pod, node);
        }
        return status;
    }

    private Status runFilterPlugins(CycleState state, PodInfo pod, NodeInfo node) {
        for (Plugin p : plugins) {
            if (!(p instanceof FilterPlugin f) || state.skipFilterPlugins().contains(p.name())) {
                continue;
            }
            Status s = f.filter(state, pod, node);
            if (!s.isSuccess()) {
                if (!s.isRejected()) {
                    s = Status.error("running \"" + p.name() + "\" filter plugin: " + s.message());
                }
                return s.withPlugin(p.name());
            }
        }
        return Status.success();
    }

    @Override
    public Status runPreFilterExtensionAddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
        return runExtensions(state, "AddPod", e -> e.addPod(state, podToSchedule, podToAdd, node));
    }

    @Override
    public Status runPreFilterExtensionRemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
        return runExtensions(state, "RemovePod", e -> e.removePod(state, podToSchedule, podToRemove, node));
    }

    private Status runExtensions(CycleState state, String op, java.util.function.Function<PreFilterPlugin.Extensions, Status> call) {
        for (Plugin p : plugins) {
            if (!(p instanceof PreFilterPlugin pf) || pf.preFilterExtensions() == null || state.skipFilterPlugins().contains(p.name())) {
                continue;
            }
            Status s = call.apply(pf.preFilterExtensions());
            if (!s.isSuccess()) {
                return Status.error("running " + op + " on PreFilter plugin \"" + p.name() + "\": " + s.message());
            }
        }
        return Status.success();
    }
}
