package io.kubeboot.scheduler.core;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.cache.NodeSnapshot;
import io.kubeboot.scheduler.cache.SchedulerCache;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PermitPlugin;
import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PostFilterPlugin;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.framework.runtime.Framework;
import io.kubeboot.scheduler.framework.runtime.Parallelizer;
import io.kubeboot.scheduler.queue.QueuedPodInfo;
import io.kubeboot.scheduler.queue.SchedulingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The scheduling loop, as upstream's {@code scheduleOne}: take the next pod, run the scheduling cycle
 * (snapshot, PreFilter, Filter in parallel over a rotating window of nodes, PostFilter when nothing fits,
 * PreScore/Score, select, assume, Reserve, Permit) on one thread, then bind on a binding thread so the next
 * pod's cycle can start while the API call is in flight.
 *
 * <p>Thread safety: {@link #scheduleOne()} must be called from one thread (the loop); binding cycles run
 * concurrently on {@code binders}; the cache and queue are thread safe.
 */
public final class Scheduler {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    static final String NO_NODES_AVAILABLE = "no nodes available to schedule pods";

    private final Map<String, Framework> profiles;
    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final NodeSnapshot snapshot;
    private final Parallelizer parallelizer;
    private final ExecutorService binders;
    private final Handle.ClusterClient client;
    private final PodStatusWriter statusWriter;
    private final Function<String, Pod> currentPod;
    private final SchedulerMetrics metrics;
    private final DecisionLog decisions;
    private final RandomGenerator random;
    private int nextStartNodeIndex;

    public Scheduler(Map<String, Framework> profiles, SchedulingQueue queue, SchedulerCache cache, NodeSnapshot snapshot,
                     Parallelizer parallelizer, ExecutorService binders, Handle.ClusterClient client,
                     PodStatusWriter statusWriter, Function<String, Pod> currentPod, SchedulerMetrics metrics,
                     DecisionLog decisions, RandomGenerator random) {
        this.profiles = Map.copyOf(profiles);
        this.queue = queue;
        this.cache = cache;
        this.snapshot = snapshot;
        this.parallelizer = parallelizer;
        this.binders = binders;
        this.client = client;
        this.statusWriter = statusWriter;
        this.currentPod = currentPod;
        this.metrics = metrics;
        this.decisions = decisions;
        this.random = random;
    }

    /** The outcome of a scheduling cycle that found a node. */
    record ScheduleResult(String node, int evaluated, int feasible) {
    }

    /** No node fits: the diagnosis says why. */
    static final class FitError extends Exception {
        final Diagnosis diagnosis;
        final int numAllNodes;

        FitError(Diagnosis diagnosis, int numAllNodes) {
            super(null, null, false, false);
            this.diagnosis = diagnosis;
            this.numAllNodes = numAllNodes;
        }

        @Override
        public String getMessage() {
            return diagnosis.fitErrorMessage(numAllNodes);
        }
    }

    /** Takes one pod from the queue and schedules it; false when the queue was closed. */
    public boolean scheduleOne() throws InterruptedException {
        QueuedPodInfo qpi = queue.pop();
        if (qpi == null) {
            return false;
        }
        PodInfo pod = qpi.podInfo();
        Framework fwk = profiles.get(schedulerName(pod.pod()));
        if (fwk == null) {
            log.warn("no profile for scheduler name {} of pod {}", schedulerName(pod.pod()), pod);
            queue.done(pod.uid());
            return true;
        }
        if (skipPodSchedule(pod.pod())) {
            queue.done(pod.uid());
            return true;
        }
        long start = System.nanoTime();
        CycleState state = new CycleState();
        long cycle = queue.schedulingCycle();
        cache.updateSnapshot(snapshot);
        Diagnosis diagnosis = new Diagnosis();
        Map<String, Map<String, Long>> scoreView = Map.of();
        ScheduleResult result;
        try {
            ScheduleOutcome o = schedulePod(fwk, state, pod, diagnosis);
            result = o.result;
            scoreView = o.scoreView;
        } catch (FitError fe) {
            String nominated = null;
            if (fwk.hasPostFilterPlugins()) {
                PostFilterPlugin.Result pr = fwk.runPostFilterPlugins(state, pod, diagnosis.nodeToStatus());
                // DefaultPreemption's convention: a node name nominates, "" clears a nomination, null leaves it
                nominated = pr.nominatedNodeName();
                metrics.preemptionAttempt(0);
                if (pr.status().isSuccess()) {
                    log.debug("preemption nominated {} for {}", nominated, pod);
                } else if (pr.status().isRejected() && !pr.status().message().isEmpty()) {
                    diagnosis.postFilterMsg = pr.status().message();
                }
            }
            failure(fwk, qpi, cycle, Status.Code.UNSCHEDULABLE, fe.getMessage(), diagnosis, nominated, start, 0, 0, scoreView);
            return true;
        } catch (NoNodesException e) {
            failure(fwk, qpi, cycle, Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE, NO_NODES_AVAILABLE, diagnosis, "", start, 0, 0, scoreView);
            return true;
        } catch (PluginException e) {
            failure(fwk, qpi, cycle, Status.Code.ERROR, e.status().message(), diagnosis, null, start, 0, 0, scoreView);
            return true;
        } catch (RuntimeException e) {
            log.error("scheduling pod {} failed", pod, e);
            failure(fwk, qpi, cycle, Status.Code.ERROR, String.valueOf(e.getMessage()), diagnosis, null, start, 0, 0, scoreView);
            return true;
        }

        String node = result.node();
        cache.assumePod(pod, node);
        Status reserve = fwk.runReservePluginsReserve(state, pod, node);
        if (!reserve.isSuccess()) {
            fwk.runReservePluginsUnreserve(state, pod, node);
            cache.forgetPod(pod.pod());
            failureAfterAssume(fwk, qpi, cycle, reserve, start, result, scoreView);
            return true;
        }
        PermitPlugin.Result permit = fwk.runPermitPlugins(state, pod, node);
        if (!permit.status().isSuccess() && permit.status().code() != Status.Code.WAIT) {
            fwk.runReservePluginsUnreserve(state, pod, node);
            cache.forgetPod(pod.pod());
            failureAfterAssume(fwk, qpi, cycle, permit.status(), start, result, scoreView);
            return true;
        }
        long scheduledAt = System.nanoTime();
        Map<String, Map<String, Long>> scores = scoreView;
        binders.execute(() -> bindingCycle(fwk, state, qpi, node, permit, start, scheduledAt, result, scores));
        return true;
    }

    private static final class NoNodesException extends Exception {
        NoNodesException() {
            super(NO_NODES_AVAILABLE, null, false, false);
        }
    }

    private record ScheduleOutcome(ScheduleResult result, Map<String, Map<String, Long>> scoreView) {
    }

    private ScheduleOutcome schedulePod(Framework fwk, CycleState state, PodInfo pod, Diagnosis diagnosis)
            throws FitError, NoNodesException {
        List<NodeInfo> all = snapshot.nodeInfos();
        if (all.isEmpty()) {
            throw new NoNodesException();
        }
        List<NodeInfo> feasible = findNodesThatFitPod(fwk, state, pod, diagnosis, all);
        if (feasible.isEmpty()) {
            throw new FitError(diagnosis, all.size());
        }
        if (feasible.size() == 1) {
            return new ScheduleOutcome(new ScheduleResult(feasible.get(0).nodeName(), diagnosis.nodeToStatus.size() + 1, 1), Map.of());
        }
        long[] totals;
        Map<String, NodeScores> byPlugin = Map.of();
        if (!fwk.hasScorePlugins()) {
            totals = new long[feasible.size()];
            Arrays.fill(totals, 1);
        } else {
            Status pre = fwk.runPreScorePlugins(state, pod, feasible);
            if (!pre.isSuccess()) {
                throw new PluginException(pre);
            }
            Framework.ScoreOutcome so = fwk.runScorePlugins(state, pod, feasible);
            totals = so.totals();
            byPlugin = so.byPlugin();
        }
        int best = NodeSelection.selectHost(totals, random);
        return new ScheduleOutcome(new ScheduleResult(feasible.get(best).nodeName(), diagnosis.nodeToStatus.size() + feasible.size(),
                feasible.size()), scoreView(feasible, totals, byPlugin));
    }

    /**
     * The plugins' scores on the best {@link DecisionLog#MAX_SCORED_NODES} nodes, for the admin API. A
     * bounded selection (not a sort of all feasible nodes): this runs for every pod.
     */
    private static Map<String, Map<String, Long>> scoreView(List<NodeInfo> nodes, long[] totals, Map<String, NodeScores> byPlugin) {
        int k = Math.min(totals.length, DecisionLog.MAX_SCORED_NODES);
        int[] top = new int[k];
        int filled = 0;
        for (int i = 0; i < totals.length; i++) {
            if (filled < k) {
                top[filled++] = i;
            } else {
                int worst = 0;
                for (int j = 1; j < k; j++) {
                    if (totals[top[j]] < totals[top[worst]]) {
                        worst = j;
                    }
                }
                if (totals[i] > totals[top[worst]]) {
                    top[worst] = i;
                }
            }
        }
        Integer[] order = new Integer[filled];
        for (int j = 0; j < filled; j++) {
            order[j] = top[j];
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> -totals[i]));
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (int i : order) {
            Map<String, Long> row = new LinkedHashMap<>();
            byPlugin.forEach((plugin, scores) -> row.put(plugin, scores.score(i)));
            row.put("total", totals[i]);
            out.put(nodes.get(i).nodeName(), row);
        }
        return out;
    }

    private List<NodeInfo> findNodesThatFitPod(Framework fwk, CycleState state, PodInfo pod, Diagnosis diagnosis,
                                               List<NodeInfo> all) throws FitError {
        if (pod.parseError() != null) {
            throw new PluginException(Status.error(pod.parseError()));
        }
        Framework.PreFilterOutcome pre = fwk.runPreFilterPlugins(state, pod, all);
        // as upstream, the plugins that narrowed the nodes count as rejectors whatever the outcome
        diagnosis.unschedulablePlugins.addAll(pre.rejectingPlugins());
        if (!pre.status().isSuccess()) {
            if (!pre.status().isRejected()) {
                throw new PluginException(pre.status());
            }
            // every node gets the PreFilter status; the message is said once, not per node
            for (NodeInfo n : all) {
                diagnosis.nodeToStatus.put(n.nodeName(), pre.status());
            }
            diagnosis.preFilterMsg = pre.status().message();
            if (pre.status().plugin() != null) {
                diagnosis.unschedulablePlugins.add(pre.status().plugin());
            }
            throw new FitError(diagnosis, all.size());
        }
        // a pod nominated after preemption tries its nominated node first
        String nominated = pod.pod().getStatus() == null ? null : pod.pod().getStatus().getNominatedNodeName();
        if (nominated != null && !nominated.isEmpty()) {
            NodeInfo n = snapshot.get(nominated);
            if (n != null) {
                Status s = fwk.runFilterPluginsWithNominatedPods(state, pod, n);
                if (s.isSuccess()) {
                    return List.of(n);
                }
            }
        }
        List<NodeInfo> nodes = all;
        if (pre.nodeNames() != null) {
            // the nodes PreFilter left out count as rejected by the plugins that narrowed the set
            diagnosis.absentNodesStatus = Status.unresolvable("node(s) didn't satisfy plugin(s) ["
                    + String.join(" ", new java.util.TreeSet<>(pre.rejectingPlugins())) + "]");
            nodes = new ArrayList<>(pre.nodeNames().size());
            for (String name : pre.nodeNames()) {
                NodeInfo n = snapshot.get(name);
                if (n != null) {
                    nodes.add(n);
                }
            }
        }
        return findNodesThatPassFilters(fwk, state, pod, diagnosis, nodes, all.size());
    }

    private List<NodeInfo> findNodesThatPassFilters(Framework fwk, CycleState state, PodInfo pod, Diagnosis diagnosis,
                                                    List<NodeInfo> nodes, int numAllNodes) {
        int numToFind = NodeSelection.numFeasibleNodesToFind(fwk.percentageOfNodesToScore(), nodes.size());
        int size = nodes.size();
        int startIndex = size == 0 ? 0 : nextStartNodeIndex % size;
        if (!fwk.hasFilterPlugins()) {
            List<NodeInfo> out = new ArrayList<>(numToFind);
            for (int i = 0; i < numToFind; i++) {
                out.add(nodes.get((startIndex + i) % size));
            }
            nextStartNodeIndex = (nextStartNodeIndex + numToFind) % Math.max(1, numAllNodes);
            return out;
        }
        NodeInfo[] feasible = new NodeInfo[numToFind];
        AtomicInteger found = new AtomicInteger();
        parallelizer.until(size, i -> {
            if (found.get() >= numToFind) {
                return;
            }
            NodeInfo n = nodes.get((startIndex + i) % size);
            Status s = fwk.runFilterPluginsWithNominatedPods(state, pod, n);
            if (s.isSuccess()) {
                int k = found.getAndIncrement();
                if (k < numToFind) {
                    feasible[k] = n;
                } else {
                    found.decrementAndGet();
                }
            } else if (s.isRejected()) {
                diagnosis.record(n.nodeName(), s);
            } else {
                throw new PluginException(s);
            }
        });
        int n = Math.min(found.get(), numToFind);
        // as upstream, the next pod starts after the nodes this search examined (found or rejected), so
        // nodes are visited in turn
        nextStartNodeIndex = (nextStartNodeIndex + n + diagnosis.nodeToStatus.size()) % Math.max(1, numAllNodes);
        List<NodeInfo> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(feasible[i]);
        }
        return out;
    }

    private void bindingCycle(Framework fwk, CycleState state, QueuedPodInfo qpi, String node, PermitPlugin.Result permit,
                              long start, long scheduledAt, ScheduleResult result, Map<String, Map<String, Long>> scores) {
        PodInfo pod = qpi.podInfo();
        try {
            Status s = permit.status().code() == Status.Code.WAIT
                    ? Status.unschedulable("rejected due to timeout after waiting " + permit.timeout().toSeconds() + "s at plugin "
                    + permit.status().plugin()).withPlugin(permit.status().plugin())
                    : Status.success();
            if (s.isSuccess()) {
                s = fwk.runPreBindPlugins(state, pod, node);
            }
            if (s.isSuccess()) {
                s = fwk.runBindPlugins(state, pod, node);
                if (s.isSkip()) {
                    s = Status.error("no bind plugin bound the pod");
                }
            }
            if (!s.isSuccess()) {
                fwk.runReservePluginsUnreserve(state, pod, node);
                cache.forgetPod(pod.pod());
                failureAfterAssume(fwk, qpi, queue.schedulingCycle(), s, start, result, scores);
                return;
            }
            client.event(pod.pod(), "Normal", "Scheduled", "Successfully assigned " + pod.key() + " to " + node);
            fwk.runPostBindPlugins(state, pod, node);
            long nanos = System.nanoTime() - start;
            metrics.attempt("scheduled", fwk.schedulerName(), nanos);
            decisions.add(new Decision(pod.key(), pod.uid(), Instant.now(), fwk.schedulerName(), "Scheduled", node, null,
                    result.evaluated(), result.feasible(), Map.of(), scores, List.of(), nanos / 1000));
        } catch (RuntimeException e) {
            log.error("binding pod {} to {} failed", pod, node, e);
            fwk.runReservePluginsUnreserve(state, pod, node);
            cache.forgetPod(pod.pod());
            failureAfterAssume(fwk, qpi, queue.schedulingCycle(), Status.error(e), start, result, scores);
        } finally {
            queue.done(pod.uid());
        }
    }

    private void failureAfterAssume(Framework fwk, QueuedPodInfo qpi, long cycle, Status s, long start, ScheduleResult r,
                                    Map<String, Map<String, Long>> scores) {
        Diagnosis d = new Diagnosis();
        if (s.plugin() != null && s.isRejected()) {
            d.unschedulablePlugins.add(s.plugin());
        }
        failure(fwk, qpi, cycle, s.code(), s.message(), d, null, start, r.evaluated(), r.feasible(), scores);
    }

    /**
     * As upstream's handleSchedulingFailure: requeue (unschedulable pods wait for an event their rejecting
     * plugins registered for), record the nomination, say why in an event and in the PodScheduled condition.
     */
    private void failure(Framework fwk, QueuedPodInfo qpi, long cycle, Status.Code code, String message, Diagnosis diagnosis,
                         String nominatedNode, long start, int evaluated, int feasible, Map<String, Map<String, Long>> scores) {
        PodInfo pod = qpi.podInfo();
        boolean rejected = code == Status.Code.UNSCHEDULABLE || code == Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
        String reason = rejected ? "Unschedulable" : "SchedulerError";
        Pod current = currentPod.apply(pod.key());
        boolean stillPending = current != null && current.getMetadata().getUid() != null
                && current.getMetadata().getUid().equals(pod.uid())
                && (current.getSpec().getNodeName() == null || current.getSpec().getNodeName().isEmpty());
        if (stillPending) {
            Set<String> plugins = new HashSet<>(diagnosis.unschedulablePlugins());
            queue.addUnschedulableIfNotPresent(qpi.withRejectorPlugins(plugins, Set.copyOf(diagnosis.pendingPlugins())), cycle);
            if (nominatedNode != null && !nominatedNode.isEmpty()) {
                queue.addNominatedPod(pod, nominatedNode);
            }
        }
        queue.done(pod.uid());
        long nanos = System.nanoTime() - start;
        metrics.attempt(rejected ? "unschedulable" : "error", fwk.schedulerName(), nanos);
        Map<String, String> filtered = new LinkedHashMap<>();
        synchronized (diagnosis.nodeToStatus) {
            diagnosis.nodeToStatus.entrySet().stream().limit(DecisionLog.MAX_FILTERED_NODES)
                    .forEach(e -> filtered.put(e.getKey(), e.getValue().plugin() + ": " + e.getValue().message()));
        }
        decisions.add(new Decision(pod.key(), pod.uid(), Instant.now(), fwk.schedulerName(), reason, null, message,
                evaluated == 0 ? diagnosis.nodeToStatus().size() : evaluated, feasible, filtered, scores,
                List.copyOf(diagnosis.unschedulablePlugins()), nanos / 1000));
        if (!stillPending) {
            return;
        }
        log.info("Unable to schedule pod {}: {}", pod, message);
        client.event(current, "Warning", "FailedScheduling", message);
        statusWriter.podScheduledFalse(current, reason, message, nominatedNode);
    }

    private static String schedulerName(Pod pod) {
        String n = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return n == null || n.isEmpty() ? "default-scheduler" : n;
    }

    /** A pod being deleted, or already assumed (an update raced with its binding), is not scheduled. */
    private boolean skipPodSchedule(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null || cache.isAssumed(pod);
    }

    /** Stops the binding threads, letting in-flight bindings finish for up to {@code seconds}. */
    public void shutdown(long seconds) throws InterruptedException {
        binders.shutdown();
        binders.awaitTermination(seconds, TimeUnit.SECONDS);
    }
}
