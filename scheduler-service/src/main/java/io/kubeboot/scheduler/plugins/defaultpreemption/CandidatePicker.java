package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.kubeboot.scheduler.framework.PodInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Chooses the node to preempt on among the candidates (upstream's {@code SelectCandidate} and
 * {@code pickOneNodeForPreemption}). Each criterion keeps the candidates with the best score; the next
 * one only breaks ties among those:
 * <ol>
 *   <li>fewest PodDisruptionBudget violations;</li>
 *   <li>lowest priority of the most important victim;</li>
 *   <li>smallest sum of victim priorities (each shifted by 2^31 so that negative priorities add up);</li>
 *   <li>fewest victims;</li>
 *   <li>latest start time of the highest-priority victims (the one started earliest counts);</li>
 *   <li>otherwise the first candidate.</li>
 * </ol>
 * Relies on each candidate's victims being ordered most important first.
 */
final class CandidatePicker {
    private CandidatePicker() {
    }

    /** The chosen candidate; null when there is none. */
    static Candidate select(List<Candidate> candidates, Instant now) {
        if (candidates.isEmpty()) {
            return null;
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        return pick(candidates, now);
    }

    static Candidate pick(List<Candidate> candidates, Instant now) {
        List<ToLongFunction<Candidate>> scores = List.of(
                c -> -c.numPdbViolations(),
                c -> -(long) c.victims().get(0).priority(),
                c -> -sumOfShiftedPriorities(c.victims()),
                c -> -(long) c.victims().size(),
                c -> nanos(PodOrder.earliestStartOfHighestPriority(c.victims(), now)));
        List<Candidate> remaining = candidates;
        for (ToLongFunction<Candidate> score : scores) {
            List<Candidate> best = new ArrayList<>();
            long max = Long.MIN_VALUE;
            for (Candidate c : remaining) {
                long s = score.applyAsLong(c);
                if (s > max) {
                    max = s;
                    best.clear();
                }
                if (s == max) {
                    best.add(c);
                }
            }
            if (best.size() == 1) {
                return best.get(0);
            }
            remaining = best;
        }
        return remaining.get(0);
    }

    private static long sumOfShiftedPriorities(List<PodInfo> victims) {
        long sum = 0;
        for (PodInfo p : victims) {
            sum += (long) p.priority() + Integer.MAX_VALUE + 1L;
        }
        return sum;
    }

    private static long nanos(Instant t) {
        return t == null ? Long.MIN_VALUE : t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
