package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;

import java.util.List;
import java.util.Optional;

/**
 * Upstream {@code success_policy.go}: whether an Indexed Job's {@code spec.successPolicy} is met by its succeeded
 * indexes. Rules are tried in order; a rule with {@code succeededIndexes} is met when all of those indexes succeeded,
 * or at least {@code succeededCount} of them; a rule with only {@code succeededCount} when that many indexes
 * succeeded. A met rule declares the Job successful (reason SuccessPolicy) and its remaining pods are deleted.
 * Stateless.
 */
public final class SuccessPolicies {
    public static final String REASON_SUCCESS_POLICY = "SuccessPolicy";

    private SuccessPolicies() {
    }

    /** Upstream {@code matchSuccessPolicy}: the condition message ("Matched rules at index N") of the first met rule. */
    public static Optional<String> match(SuccessPolicy policy, int completions, OrderedIntervals succeeded) {
        if (policy == null || policy.getRules() == null || succeeded.total() == 0) {
            return Optional.empty();
        }
        List<SuccessPolicyRule> rules = policy.getRules();
        for (int index = 0; index < rules.size(); index++) {
            SuccessPolicyRule rule = rules.get(index);
            if (rule.getSucceededIndexes() != null) {
                OrderedIntervals required = OrderedIntervals.parse(rule.getSucceededIndexes(), completions);
                // an unparsable rule matches nothing
                if (required.total() == 0) {
                    continue;
                }
                if (indexesRuleMet(required, succeeded, rule.getSucceededCount())) {
                    return Optional.of("Matched rules at index " + index);
                }
            } else if (rule.getSucceededCount() != null && succeeded.total() >= rule.getSucceededCount()) {
                return Optional.of("Matched rules at index " + index);
            }
        }
        return Optional.empty();
    }

    /** Upstream {@code matchSucceededIndexesRule}: how many required indexes succeeded, walking both interval lists. */
    static boolean indexesRuleMet(OrderedIntervals required, OrderedIntervals succeeded, Integer succeededCount) {
        List<OrderedIntervals.Interval> rule = required.intervals();
        List<OrderedIntervals.Interval> done = succeeded.intervals();
        int contains = 0;
        int r = 0;
        int s = 0;
        while (r < rule.size() && s < done.size()) {
            int overlap = Math.min(rule.get(r).last(), done.get(s).last()) - Math.max(rule.get(r).first(), done.get(s).first()) + 1;
            if (overlap > 0) {
                contains += overlap;
            }
            if (done.get(s).last() < rule.get(r).last()) {
                s++;
            } else if (done.get(s).last() > rule.get(r).last()) {
                r++;
            } else {
                s++;
                r++;
            }
        }
        return contains == required.total() || (succeededCount != null && contains >= succeededCount);
    }
}
