package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PostFilterPlugin;
import io.kubeboot.scheduler.framework.Status;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The PostFilter plugin that preempts lower-priority pods, as kube-scheduler 1.32's
 * {@code DefaultPreemption} with {@code preemption.Evaluator} (synchronous preemption; the
 * SchedulerAsyncPreemption gate is alpha and off in 1.32).
 *
 * <p>When no node passed Filter: check that the pod may preempt, dry-run preemption on the nodes that
 * failed with UNSCHEDULABLE (starting at a random node), choose one candidate, evict its victims and
 * nominate the node.
 *
 * <p>Results ({@link PostFilterPlugin.Result}): success with {@code nominatedNodeName} = the node made
 * room on; UNSCHEDULABLE with {@code nominatedNodeName = ""} when no node can be made to fit (the pod's
 * old nomination is to be cleared, upstream's {@code NewPostFilterResultWithNominatedNode("")}); any
 * other failure with {@code nominatedNodeName = null} (keep the nomination as it is). Messages carry the
 * {@code "preemption: "} prefix.
 *
 * <p>Thread safety: no per-cycle data in fields; the collaborators are stateless, the random source is
 * safe for concurrent use. Concurrent cycles of different profiles may share one instance.
 */
public final class DefaultPreemption implements PostFilterPlugin, EnqueueExtensions {
    public static final String NAME = "DefaultPreemption";

    static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    static final String POLICY_NEVER = "not eligible due to preemptionPolicy=Never.";
    static final String TERMINATING_ON_NOMINATED = "not eligible due to a terminating pod on the nominated node.";

    /** Absent from the Filter verdicts means not evaluated: preemption cannot help there (upstream's default). */
    private static final Status ABSENT = Status.unresolvable();

    /** A thread-safe default: each call draws from the calling thread's generator. */
    private static final RandomGenerator THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    private final Handle handle;
    private final DefaultPreemptionArgs args;
    private final RandomGenerator random;
    private final Clock clock;
    private final DryRun dryRun;
    private final CandidatePreparer preparer;

    /** Where to start the dry run among the potential nodes, and how many candidates it should find. */
    public record Window(int offset, int numCandidates) {
    }

    /** Whether the pod may preempt; {@code reason} says why not. */
    public record Eligibility(boolean eligible, String reason) {
        static final Eligibility YES = new Eligibility(true, "");
    }

    public DefaultPreemption(Map<String, Object> args, Handle handle) {
        this(DefaultPreemptionArgs.fromMap(args), handle, THREAD_LOCAL_RANDOM, Clock.systemUTC());
    }

    /**
     * @param random must be safe for concurrent use when profiles share the plugin; picks the dry run's start node
     * @param clock  "now", the start time of victims that have not started yet
     */
    public DefaultPreemption(DefaultPreemptionArgs args, Handle handle, RandomGenerator random, Clock clock) {
        this.handle = handle;
        this.args = args;
        this.random = random;
        this.clock = clock;
        this.dryRun = new DryRun(handle, new VictimSelector(handle));
        this.preparer = new CandidatePreparer(handle);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** None: without async preemption this plugin never rejects a pod (upstream registers nothing). */
    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of();
    }

    @Override
    public Result postFilter(CycleState state, PodInfo pod, Map<String, Status> filteredNodeStatuses) {
        Result r = preempt(state, pod, filteredNodeStatuses);
        String msg = r.status().message();
        if (msg.isEmpty()) {
            return r;
        }
        return new Result(Status.of(r.status().code(), "preemption: " + msg), r.nominatedNodeName());
    }

    private Result preempt(CycleState state, PodInfo pod, Map<String, Status> statuses) {
        Eligibility eligibility = podEligibleToPreemptOthers(pod, statusOf(statuses, nominatedNodeName(pod.pod())));
        if (!eligibility.eligible()) {
            return new Result(Status.unschedulable(eligibility.reason()), null);
        }
        List<NodeInfo> allNodes = handle.snapshot().nodeInfos();
        if (allNodes.isEmpty()) {
            return new Result(Status.error("no nodes available"), null);
        }
        Instant now = clock.instant();
        DryRun.Result found = findCandidates(state, pod, allNodes, statuses, now);
        if (found.candidates().isEmpty()) {
            if (!found.errors().isEmpty()) {
                return new Result(Status.error(aggregate(found.errors())), null);
            }
            String fitError = FitErrorMessage.of(allNodes.size(), found.nodeStatuses(), NOT_HELPFUL);
            return new Result(Status.unschedulable(fitError), "");
        }
        Candidate best = CandidatePicker.select(found.candidates(), now);
        if (best == null || best.nodeName() == null || best.nodeName().isEmpty()) {
            return new Result(Status.unschedulable("no candidate node for preemption"), null);
        }
        Status prepared = preparer.prepare(best, pod);
        if (!prepared.isSuccess()) {
            return new Result(prepared, null);
        }
        return new Result(Status.success(), best.nodeName());
    }

    /** The dry run over the nodes whose Filter verdict was UNSCHEDULABLE, in snapshot order. */
    DryRun.Result findCandidates(CycleState state, PodInfo pod, List<NodeInfo> allNodes, Map<String, Status> statuses, Instant now) {
        List<NodeInfo> potential = new ArrayList<>();
        for (NodeInfo n : allNodes) {
            if (statusOf(statuses, n.nodeName()).code() == Status.Code.UNSCHEDULABLE) {
                potential.add(n);
            }
        }
        if (potential.isEmpty()) {
            return DryRun.Result.EMPTY;
        }
        Window w = offsetAndNumCandidates(potential.size());
        return dryRun.run(state, pod, potential, w.offset(), w.numCandidates(), now);
    }

    /** Runs the dry run directly (tests and callers that choose the window themselves). */
    public List<Candidate> dryRunPreemption(CycleState state, PodInfo pod, List<NodeInfo> potentialNodes, Window window) {
        return dryRun.run(state, pod, potentialNodes, window.offset(), window.numCandidates(), clock.instant()).candidates();
    }

    /** The candidate preemption would choose; null when there is none. */
    public Candidate selectCandidate(List<Candidate> candidates) {
        return CandidatePicker.select(candidates, clock.instant());
    }

    /** A random start among {@code numNodes} (> 0) potential nodes and the number of candidates to look for. */
    public Window offsetAndNumCandidates(int numNodes) {
        return new Window(random.nextInt(numNodes), args.numCandidates(numNodes));
    }

    /**
     * Whether {@code pod} should preempt at all: not with {@code preemptionPolicy: Never}; not while a
     * lower-priority pod on its nominated node is still terminating because of an earlier preemption
     * (unless that node is now UNSCHEDULABLE_AND_UNRESOLVABLE for it, then it may look elsewhere).
     */
    public Eligibility podEligibleToPreemptOthers(PodInfo pod, Status nominatedNodeStatus) {
        Pod p = pod.pod();
        if (p.getSpec() != null && "Never".equals(p.getSpec().getPreemptionPolicy())) {
            return new Eligibility(false, POLICY_NEVER);
        }
        String nominated = nominatedNodeName(p);
        if (nominated.isEmpty()) {
            return Eligibility.YES;
        }
        if (nominatedNodeStatus != null && nominatedNodeStatus.code() == Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
            return Eligibility.YES;
        }
        NodeInfo node = handle.snapshot().get(nominated);
        if (node != null) {
            for (PodInfo other : node.pods()) {
                if (other.priority() < pod.priority() && terminatingByPreemption(other.pod())) {
                    return new Eligibility(false, TERMINATING_ON_NOMINATED);
                }
            }
        }
        return Eligibility.YES;
    }

    /** Being deleted, and its DisruptionTarget condition says the scheduler preempted it. */
    static boolean terminatingByPreemption(Pod p) {
        if (p.getMetadata().getDeletionTimestamp() == null) {
            return false;
        }
        List<PodCondition> conditions = p.getStatus() == null ? null : p.getStatus().getConditions();
        if (conditions != null) {
            for (PodCondition c : conditions) {
                if ("DisruptionTarget".equals(c.getType())) {
                    return "True".equals(c.getStatus()) && "PreemptionByScheduler".equals(c.getReason());
                }
            }
        }
        return false;
    }

    private static String nominatedNodeName(Pod pod) {
        return CandidatePreparer.nominatedNodeName(pod);
    }

    private static Status statusOf(Map<String, Status> statuses, String nodeName) {
        Status s = statuses.get(nodeName);
        return s == null ? ABSENT : s;
    }

    /** apimachinery's {@code utilerrors.NewAggregate(errs).Error()}: duplicates once, several in brackets. */
    private static String aggregate(List<String> messages) {
        Set<String> distinct = new LinkedHashSet<>(messages);
        String joined = String.join(", ", distinct);
        return distinct.size() == 1 ? joined : "[" + joined + "]";
    }
}
