package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Simulates preemption on the potential nodes in parallel (upstream's {@code Evaluator.DryRunPreemption}),
 * starting at {@code offset} and wrapping around, until {@code numCandidates} candidates are found of
 * which at least one violates no PodDisruptionBudget. Each node works on its own NodeInfo and CycleState
 * copy, so the cycle's snapshot and state stay untouched.
 */
final class DryRun {

    /**
     * @param candidates non-violating candidates first, then violating ones
     * @param nodeStatuses why each tried node that is no candidate was rejected
     * @param errors messages of the internal errors met on the way
     */
    record Result(List<Candidate> candidates, Map<String, Status> nodeStatuses, List<String> errors) {
        static final Result EMPTY = new Result(List.of(), Map.of(), List.of());
    }

    private final Handle handle;
    private final VictimSelector selector;

    DryRun(Handle handle, VictimSelector selector) {
        this.handle = handle;
        this.selector = selector;
    }

    Result run(CycleState state, PodInfo preemptor, List<NodeInfo> potentialNodes, int offset, int numCandidates, Instant now) {
        int n = potentialNodes.size();
        if (n == 0) {
            return Result.EMPTY;
        }
        CandidateList nonViolating = new CandidateList(numCandidates);
        CandidateList violating = new CandidateList(numCandidates);
        Map<String, Status> statuses = new ConcurrentHashMap<>();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        // stands in for upstream's context cancellation: nodes not yet started are skipped
        AtomicBoolean enough = new AtomicBoolean();
        handle.parallelize(n, i -> {
            if (enough.get()) {
                return;
            }
            NodeInfo node = potentialNodes.get((offset + i) % n).copy();
            String name = node.nodeName();
            VictimSelector.Selection s;
            try {
                s = selector.select(state.copy(), preemptor, node, now);
            } catch (RuntimeException e) {
                // a plugin that throws fails this node only, as an internal error
                s = VictimSelector.Selection.failed(Status.error(e));
            }
            if (s.status().isSuccess() && !s.victims().isEmpty()) {
                Candidate c = new Candidate(name, s.victims(), s.numPdbViolations());
                (c.numPdbViolations() == 0 ? nonViolating : violating).add(c);
                int nvc = nonViolating.size();
                if (nvc > 0 && nvc + violating.size() >= numCandidates) {
                    enough.set(true);
                }
                return;
            }
            Status status = s.status();
            if (status.isSuccess()) {
                status = Status.error("expected at least one victim pod on node \"" + name + "\"");
            }
            if (status.code() == Status.Code.ERROR) {
                errors.add(status.message());
            }
            statuses.put(name, status);
        });
        List<Candidate> all = new ArrayList<>(nonViolating.items());
        all.addAll(violating.items());
        return new Result(all, Map.copyOf(statuses), List.copyOf(errors));
    }
}
