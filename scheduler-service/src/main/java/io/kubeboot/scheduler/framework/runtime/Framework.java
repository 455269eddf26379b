package io.kubeboot.scheduler.framework.runtime;

import io.kubeboot.scheduler.framework.BindPlugin;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PermitPlugin;
import io.kubeboot.scheduler.framework.Plugin;
import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.PluginFactory;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PostBindPlugin;
import io.kubeboot.scheduler.framework.PostFilterPlugin;
import io.kubeboot.scheduler.framework.PreBindPlugin;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.PreScorePlugin;
import io.kubeboot.scheduler.framework.ReservePlugin;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.SharedLister;
import io.kubeboot.scheduler.framework.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One profile's plugins arranged by extension point, and the code that runs them, as upstream's
 * {@code frameworkImpl}. Plugins are listed once (multi-point) and take part in every extension point
 * they implement, in the profile's order.
 *
 * <p>Thread safety: immutable after construction. The run methods may be called from the scheduling
 * thread and (Filter, Score, the PreFilter extensions) from the parallelizer's threads; the binding-cycle
 * methods from binding threads.
 */
public final class Framework implements Handle.PluginRunner {
    /** What the plugins get as their handle; {@code snapshot} is the current cycle's view. */
    public record Services(Supplier<SharedLister> snapshot, io.kubeboot.scheduler.framework.PodNominator nominator,
                           Handle.ClusterClient client, Parallelizer parallelizer) {
    }

    /** The PreFilter outcome: a status, the plugin that gave it, the narrowed nodes (null = all), plugins that rejected. */
    public record PreFilterOutcome(Status status, Set<String> nodeNames, Set<String> rejectingPlugins) {
    }

    /** Weighted total per node (same order as the input nodes) and each plugin's normalized scores. */
    public record ScoreOutcome(long[] totals, Map<String, NodeScores> byPlugin) {
    }

    private final String schedulerName;
    private final int percentageOfNodesToScore;
    private final Handle handle;
    private final Services services;
    private final List<Plugin> plugins = new ArrayList<>();
    private final List<PreFilterPlugin> preFilter = new ArrayList<>();
    /** An array: the per-node loop of Filter runs without an iterator. */
    private final FilterPlugin[] filter;
    private final List<PostFilterPlugin> postFilter = new ArrayList<>();
    private final List<PreScorePlugin> preScore = new ArrayList<>();
    private final List<ScorePlugin> score = new ArrayList<>();
    private final long[] scoreWeights;
    private final List<ReservePlugin> reserve = new ArrayList<>();
    private final List<PermitPlugin> permit = new ArrayList<>();
    private final List<PreBindPlugin> preBind = new ArrayList<>();
    private final List<BindPlugin> bind = new ArrayList<>();
    private final List<PostBindPlugin> postBind = new ArrayList<>();

    public Framework(ProfileConfig config, PluginRegistry registry, Services services) {
        this.schedulerName = config.schedulerName();
        this.percentageOfNodesToScore = config.percentageOfNodesToScore();
        this.services = services;
        this.handle = new FrameworkHandle();
        List<Long> weights = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<FilterPlugin> filters = new ArrayList<>();
        for (ProfileConfig.PluginSpec spec : config.plugins()) {
            if (!seen.add(spec.name())) {
                throw new IllegalArgumentException("plugin " + spec.name() + " is listed twice in profile " + schedulerName);
            }
            PluginFactory factory = registry.get(spec.name());
            if (factory == null) {
                throw new IllegalArgumentException("no plugin named " + spec.name() + " (profile " + schedulerName
                        + "); known: " + registry.names());
            }
            Plugin p = factory.create(config.pluginArgs().getOrDefault(spec.name(), Map.of()), handle);
            plugins.add(p);
            add(p, PreFilterPlugin.class, preFilter);
            add(p, FilterPlugin.class, filters);
            add(p, PostFilterPlugin.class, postFilter);
            add(p, PreScorePlugin.class, preScore);
            if (p instanceof ScorePlugin s) {
                score.add(s);
                weights.add((long) (spec.weight() <= 0 ? 1 : spec.weight()));
            }
            add(p, ReservePlugin.class, reserve);
            add(p, PermitPlugin.class, permit);
            add(p, PreBindPlugin.class, preBind);
            add(p, BindPlugin.class, bind);
            add(p, PostBindPlugin.class, postBind);
        }
        if (bind.isEmpty()) {
            throw new IllegalArgumentException("profile " + schedulerName + " has no Bind plugin");
        }
        this.scoreWeights = weights.stream().mapToLong(Long::longValue).toArray();
        this.filter = filters.toArray(new FilterPlugin[0]);
    }

    private static <T> void add(Plugin p, Class<T> type, List<T> into) {
        if (type.isInstance(p)) {
            into.add(type.cast(p));
        }
    }

    public String schedulerName() {
        return schedulerName;
    }

    public int percentageOfNodesToScore() {
        return percentageOfNodesToScore;
    }

    public Handle handle() {
        return handle;
    }

    public List<Plugin> plugins() {
        return List.copyOf(plugins);
    }

    public boolean hasFilterPlugins() {
        return filter.length > 0;
    }

    public boolean hasScorePlugins() {
        return !score.isEmpty();
    }

    public boolean hasPostFilterPlugins() {
        return !postFilter.isEmpty();
    }

    /**
     * The cluster events each plugin that can reject pods wants to be retried on; plugins without
     * {@link EnqueueExtensions} get every event.
     */
    public Map<String, List<ClusterEvent>> eventsToRegister() {
        Map<String, List<ClusterEvent>> out = new LinkedHashMap<>();
        for (Plugin p : plugins) {
            boolean rejects = p instanceof PreFilterPlugin || p instanceof FilterPlugin || p instanceof ReservePlugin
                    || p instanceof PermitPlugin;
            if (!rejects) {
                continue;
            }
            out.put(p.name(), p instanceof EnqueueExtensions e ? List.copyOf(e.eventsToRegister())
                    : List.of(ClusterEvent.of(ClusterEvent.Resource.WILDCARD, ClusterEvent.ALL)));
        }
        return out;
    }

    // ---- scheduling cycle ----

    /**
     * As upstream's RunPreFilterPlugins: SKIP marks the plugin's Filter as skipped; UNSCHEDULABLE_AND_UNRESOLVABLE
     * ends the phase at once; UNSCHEDULABLE is remembered while the other plugins still run (preemption needs
     * their state); any other failure is an error. The node sets returned are intersected; an empty
     * intersection rejects every node, naming the plugins that narrowed it (sorted).
     */
    public PreFilterOutcome runPreFilterPlugins(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        state.setNominatedPodsPossible(services.nominator() == null || services.nominator().hasNominatedPods());
        Set<String> nodeNames = null;
        Set<String> pluginsWithNodes = new TreeSet<>();
        Status returnStatus = Status.success();
        for (PreFilterPlugin p : preFilter) {
            PreFilterPlugin.Result r = call(p, () -> p.preFilter(state, pod, nodes));
            Status s = r.status() == null ? Status.success() : r.status();
            if (s.isSkip()) {
                state.skipFilterPlugins().add(p.name());
                continue;
            }
            if (!s.isSuccess()) {
                if (s.code() == Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
                    return new PreFilterOutcome(s.withPlugin(p.name()), null, Set.of());
                }
                if (s.code() == Status.Code.UNSCHEDULABLE) {
                    returnStatus = s.withPlugin(p.name());
                    continue;
                }
                return new PreFilterOutcome(Status.error("running PreFilter plugin \"" + p.name() + "\": " + s.message())
                        .withPlugin(p.name()), null, Set.of());
            }
            if (r.nodeNames() != null) {
                pluginsWithNodes.add(p.name());
                nodeNames = nodeNames == null ? new HashSet<>(r.nodeNames()) : intersect(nodeNames, r.nodeNames());
                if (nodeNames.isEmpty()) {
                    String msg = pluginsWithNodes.size() == 1
                            ? "node(s) didn't satisfy plugin " + pluginsWithNodes.iterator().next()
                            : "node(s) didn't satisfy plugin(s) [" + String.join(" ", pluginsWithNodes) + "] simultaneously";
                    return new PreFilterOutcome(Status.unresolvable(msg), nodeNames, Set.copyOf(pluginsWithNodes));
                }
            }
        }
        return new PreFilterOutcome(returnStatus, nodeNames, Set.copyOf(pluginsWithNodes));
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        a.retainAll(b);
        return a;
    }

    /** All Filter plugins on one node; the first non-success status (attributed to its plugin) or success. */
    public Status runFilterPlugins(CycleState state, PodInfo pod, NodeInfo node) {
        Set<String> skip = state.skipFilterPlugins();
        boolean skipAny = !skip.isEmpty();
        FilterPlugin[] plugins = filter;
        for (int i = 0; i < plugins.length; i++) {
            FilterPlugin p = plugins[i];
            if (skipAny && skip.contains(p.name())) {
                continue;
            }
            // no lambda here: this runs for every plugin on every node of every cycle
            Status s;
            try {
                s = p.filter(state, pod, node);
                if (s == null) {
                    s = Status.success();
                }
            } catch (PluginException e) {
                s = e.status();
            } catch (RuntimeException e) {
                s = Status.error(e).withPlugin(p.name());
            }
            if (!s.isSuccess()) {
                if (!s.isRejected()) {
                    return Status.error("running \"" + p.name() + "\" filter plugin: " + s.message()).withPlugin(p.name());
                }
                return s.withPlugin(p.name());
            }
        }
        return Status.success();
    }

    @Override
    public Status runFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node) {
        // As upstream: evaluate once with the nominated pods of at least this priority placed on the node
        // (their room must stay theirs), and once without them (pod affinity to them must not be
        // counted as satisfied); the pod fits only if both pass.
        List<PodInfo> nominated = state.nominatedPodsPossible() ? nominatedPods(pod, node.nodeName()) : List.of();
        if (nominated.isEmpty()) {
            return runFilterPlugins(state, pod, node);
        }
        CycleState withState = state.copy();
        NodeInfo withNode = node.copy();
        for (PodInfo n : nominated) {
            withNode.addPod(n);
            Status s = runPreFilterExtensionAddPod(withState, pod, n, withNode);
            if (!s.isSuccess()) {
                return s;
            }
        }
        Status first = runFilterPlugins(withState, pod, withNode);
        if (!first.isSuccess()) {
            return first;
        }
        return runFilterPlugins(state, pod, node);
    }

    private List<PodInfo> nominatedPods(PodInfo pod, String nodeName) {
        if (services.nominator() == null || nodeName == null) {
            return List.of();
        }
        List<PodInfo> nominated = services.nominator().nominatedPodsForNode(nodeName);
        if (nominated.isEmpty()) {
            return List.of(); // asked per node per cycle: no allocation in the common case
        }
        List<PodInfo> out = new ArrayList<>();
        for (PodInfo p : nominated) {
            if (p.priority() >= pod.priority() && !p.uid().equals(pod.uid())) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public Status runPreFilterExtensionAddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
        for (PreFilterPlugin p : preFilter) {
            PreFilterPlugin.Extensions ext = p.preFilterExtensions();
            if (ext == null || state.skipFilterPlugins().contains(p.name())) {
                continue;
            }
            Status s = callStatus(p, () -> ext.addPod(state, podToSchedule, podToAdd, node));
            if (!s.isSuccess()) {
                return Status.error("running AddPod on PreFilter plugin \"" + p.name() + "\": " + s.message());
            }
        }
        return Status.success();
    }

    @Override
    public Status runPreFilterExtensionRemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
        for (PreFilterPlugin p : preFilter) {
            PreFilterPlugin.Extensions ext = p.preFilterExtensions();
            if (ext == null || state.skipFilterPlugins().contains(p.name())) {
                continue;
            }
            Status s = callStatus(p, () -> ext.removePod(state, podToSchedule, podToRemove, node));
            if (!s.isSuccess()) {
                return Status.error("running RemovePod on PreFilter plugin \"" + p.name() + "\": " + s.message());
            }
        }
        return Status.success();
    }

    /** PostFilter plugins in order until one succeeds (nominates) or fails hard; the last outcome otherwise. */
    public PostFilterPlugin.Result runPostFilterPlugins(CycleState state, PodInfo pod, Map<String, Status> statuses) {
        PostFilterPlugin.Result last = new PostFilterPlugin.Result(Status.unschedulable(), null);
        for (PostFilterPlugin p : postFilter) {
            PostFilterPlugin.Result r = call(p, () -> p.postFilter(state, pod, statuses));
            Status s = r.status() == null ? Status.success() : r.status();
            if (s.isSuccess()) {
                return new PostFilterPlugin.Result(s.withPlugin(p.name()), r.nominatedNodeName());
            }
            if (!s.isRejected()) {
                return new PostFilterPlugin.Result(s.withPlugin(p.name()), r.nominatedNodeName());
            }
            last = new PostFilterPlugin.Result(s.withPlugin(p.name()), r.nominatedNodeName());
        }
        return last;
    }

    public Status runPreScorePlugins(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        for (PreScorePlugin p : preScore) {
            Status s = callStatus(p, () -> p.preScore(state, pod, nodes));
            if (s.isSkip()) {
                state.skipScorePlugins().add(p.name());
                continue;
            }
            if (!s.isSuccess()) {
                return Status.error("running PreScore plugin \"" + p.name() + "\": " + s.message()).withPlugin(p.name());
            }
        }
        return Status.success();
    }

    /**
     * Score, NormalizeScore and weights for the feasible nodes: nodes are scored in parallel (each piece
     * runs every plugin on one node), then each plugin normalizes its column.
     *
     * @throws PluginException when a plugin fails
     */
    public ScoreOutcome runScorePlugins(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        List<ScorePlugin> active = new ArrayList<>(score.size());
        List<Long> weights = new ArrayList<>(score.size());
        for (int i = 0; i < score.size(); i++) {
            if (!state.skipScorePlugins().contains(score.get(i).name())) {
                active.add(score.get(i));
                weights.add(scoreWeights[i]);
            }
        }
        String[] names = new String[nodes.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = nodes.get(i).nodeName();
        }
        NodeScores[] columns = new NodeScores[active.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = new NodeScores(names);
        }
        services.parallelizer().until(nodes.size(), i -> {
            NodeInfo node = nodes.get(i);
            for (int j = 0; j < columns.length; j++) {
                ScorePlugin p = active.get(j);
                try {
                    columns[j].set(i, p.score(state, pod, node));
                } catch (PluginException e) {
                    throw new PluginException(Status.error("running Score plugins: plugin \"" + p.name() + "\" failed with: " + e.status().message())
                            .withPlugin(p.name()));
                }
            }
        });
        long[] totals = new long[nodes.size()];
        Map<String, NodeScores> byPlugin = new LinkedHashMap<>();
        for (int j = 0; j < columns.length; j++) {
            ScorePlugin p = active.get(j);
            NodeScores column = columns[j];
            Status s = callStatus(p, () -> p.normalizeScore(state, pod, column));
            if (!s.isSuccess()) {
                throw new PluginException(Status.error("running Normalize on Score plugins: plugin \"" + p.name() + "\" failed with: " + s.message())
                        .withPlugin(p.name()));
            }
            long w = weights.get(j);
            for (int i = 0; i < totals.length; i++) {
                long v = columns[j].score(i);
                if (v < ScorePlugin.MIN_NODE_SCORE || v > ScorePlugin.MAX_NODE_SCORE) {
                    throw new PluginException(Status.error("applying score defaultWeights on Score plugins: plugin \"" + p.name() + "\" returns an invalid score " + v
                            + ", it should in the range of [0, 100] after normalizing").withPlugin(p.name()));
                }
                totals[i] += v * w;
            }
            byPlugin.put(p.name(), columns[j]);
        }
        return new ScoreOutcome(totals, byPlugin);
    }

    /** Reserve in order; on failure the caller runs {@link #runReservePluginsUnreserve}. */
    public Status runReservePluginsReserve(CycleState state, PodInfo pod, String nodeName) {
        for (ReservePlugin p : reserve) {
            Status s = callStatus(p, () -> p.reserve(state, pod, nodeName));
            if (!s.isSuccess()) {
                return rejectedOrWrapped(s, "running Reserve plugin", p);
            }
        }
        return Status.success();
    }

    /** Unreserve in reverse order; never fails. */
    public void runReservePluginsUnreserve(CycleState state, PodInfo pod, String nodeName) {
        for (int i = reserve.size() - 1; i >= 0; i--) {
            ReservePlugin p = reserve.get(i);
            try {
                p.unreserve(state, pod, nodeName);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Framework.class).warn("Unreserve of {} failed for pod {}", p.name(), pod, e);
            }
        }
    }

    /**
     * Permit: the first rejection wins; otherwise the longest WAIT among the plugins that asked to wait
     * (the caller holds the pod until then), or success.
     */
    public PermitPlugin.Result runPermitPlugins(CycleState state, PodInfo pod, String nodeName) {
        Duration wait = null;
        String waitingFor = null;
        for (PermitPlugin p : permit) {
            PermitPlugin.Result r = call(p, () -> p.permit(state, pod, nodeName));
            Status s = r.status() == null ? Status.success() : r.status();
            if (s.code() == Status.Code.WAIT) {
                Duration d = r.timeout() == null ? Duration.ZERO : r.timeout();
                if (wait == null || d.compareTo(wait) > 0) {
                    wait = d;
                    waitingFor = p.name();
                }
            } else if (!s.isSuccess()) {
                return new PermitPlugin.Result(rejectedOrWrapped(s, "running Permit plugin", p).withPlugin(p.name()), Duration.ZERO);
            }
        }
        return wait == null ? PermitPlugin.Result.ALLOW : new PermitPlugin.Result(Status.of(Status.Code.WAIT).withPlugin(waitingFor), wait);
    }

    // ---- binding cycle ----

    public Status runPreBindPlugins(CycleState state, PodInfo pod, String nodeName) {
        for (PreBindPlugin p : preBind) {
            Status s = callStatus(p, () -> p.preBind(state, pod, nodeName));
            if (!s.isSuccess()) {
                return rejectedOrWrapped(s, "running PreBind plugin", p);
            }
        }
        return Status.success();
    }

    /** Binders in order until one does not SKIP. */
    public Status runBindPlugins(CycleState state, PodInfo pod, String nodeName) {
        for (BindPlugin p : bind) {
            Status s = callStatus(p, () -> p.bind(state, pod, nodeName));
            if (s.isSkip()) {
                continue;
            }
            return s.isSuccess() ? s : rejectedOrWrapped(s, "running Bind plugin", p);
        }
        return Status.skip();
    }

    public void runPostBindPlugins(CycleState state, PodInfo pod, String nodeName) {
        for (PostBindPlugin p : postBind) {
            try {
                p.postBind(state, pod, nodeName);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Framework.class).warn("PostBind of {} failed for pod {}", p.name(), pod, e);
            }
        }
    }

    // ---- helpers ----

    /** A rejection attributed to its plugin as is; anything else an error naming the phase and plugin, as upstream. */
    private static Status rejectedOrWrapped(Status s, String phase, Plugin p) {
        if (s.isRejected()) {
            return s.withPlugin(p.name());
        }
        return Status.error(phase + " \"" + p.name() + "\": " + s.message());
    }

    private static Status callStatus(Plugin p, Supplier<Status> call) {
        try {
            Status s = call.get();
            return s == null ? Status.success() : s;
        } catch (PluginException e) {
            return e.status();
        } catch (RuntimeException e) {
            return Status.error(e).withPlugin(p.name());
        }
    }

    private static <T> T call(Plugin p, Supplier<T> call) {
        try {
            return call.get();
        } catch (PluginException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PluginException(Status.error(e).withPlugin(p.name()));
        }
    }

    private final class FrameworkHandle implements Handle {
        @Override
        public SharedLister snapshot() {
            return services.snapshot().get();
        }

        @Override
        public io.kubeboot.scheduler.framework.PodNominator nominator() {
            return services.nominator();
        }

        @Override
        public PluginRunner runner() {
            return Framework.this;
        }

        @Override
        public ClusterClient client() {
            return services.client();
        }

        @Override
        public void parallelize(int n, IntConsumer work) {
            services.parallelizer().until(n, work);
        }
    }
}
