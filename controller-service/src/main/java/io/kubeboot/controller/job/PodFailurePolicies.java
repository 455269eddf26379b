package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;

import java.util.List;
import java.util.Optional;

/**
 * Upstream {@code pod_failure_policy.go}: what a Job's {@code spec.podFailurePolicy} makes of one failed pod. Rules
 * are tried in order; the first whose {@code onExitCodes} (a terminated container, init containers after the others,
 * with a non-zero exit code matching In / NotIn, optionally only the named container) or {@code onPodConditions} (a
 * pod condition of that type and status) matches decides: {@code Ignore} (not counted towards backoffLimit),
 * {@code Count}, or {@code FailJob} (counted, and the Job fails with reason PodFailurePolicy). {@code FailIndex}
 * belongs to backoffLimitPerIndex, which is not supported: such a rule is passed over. Stateless.
 */
public final class PodFailurePolicies {
    public static final String REASON_POD_FAILURE_POLICY = "PodFailurePolicy";

    private PodFailurePolicies() {
    }

    /**
     * The outcome for one failed pod: the Job's failure message (FailJob only), whether the failure counts towards
     * backoffLimit, and the matched rule's action (none when no rule matched).
     */
    public record Match(Optional<String> failJobMessage, boolean countFailed, Optional<String> action) {
        static final Match NONE = new Match(Optional.empty(), true, Optional.empty());
    }

    /** Upstream {@code matchPodFailurePolicy}; no policy counts every failure. */
    public static Match match(PodFailurePolicy policy, Pod failedPod) {
        if (policy == null || policy.getRules() == null) {
            return Match.NONE;
        }
        List<PodFailurePolicyRule> rules = policy.getRules();
        for (int i = 0; i < rules.size(); i++) {
            int index = i;
            PodFailurePolicyRule rule = rules.get(i);
            String action = rule.getAction();
            if (rule.getOnExitCodes() != null) {
                ContainerStatus cs = matchOnExitCodes(failedPod, rule.getOnExitCodes());
                if (cs != null) {
                    Optional<Match> m = decide(action, () -> String.format(
                            "Container %s for pod %s/%s failed with exit code %d matching %s rule at index %d", cs.getName(),
                            failedPod.getMetadata().getNamespace(), failedPod.getMetadata().getName(),
                            cs.getState().getTerminated().getExitCode(), action, index));
                    if (m.isPresent()) {
                        return m.get();
                    }
                }
            } else if (rule.getOnPodConditions() != null) {
                PodCondition c = matchOnPodConditions(failedPod, rule.getOnPodConditions());
                if (c != null) {
                    Optional<Match> m = decide(action, () -> String.format("Pod %s/%s has condition %s matching %s rule at index %d",
                            failedPod.getMetadata().getNamespace(), failedPod.getMetadata().getName(), c.getType(), action, index));
                    if (m.isPresent()) {
                        return m.get();
                    }
                }
            }
        }
        return Match.NONE;
    }

    private static Optional<Match> decide(String action, java.util.function.Supplier<String> failJobMessage) {
        return switch (String.valueOf(action)) {
            case "Ignore" -> Optional.of(new Match(Optional.empty(), false, Optional.of("Ignore")));
            case "Count" -> Optional.of(new Match(Optional.empty(), true, Optional.of("Count")));
            case "FailJob" -> Optional.of(new Match(Optional.of(failJobMessage.get()), true, Optional.of("FailJob")));
            // FailIndex needs backoffLimitPerIndex (not supported); an unknown action matches nothing either
            default -> Optional.empty();
        };
    }

    /** Upstream {@code getFailJobMessage}: the message of the first failed pod that matches a FailJob rule. */
    public static Optional<String> failJobMessage(Job job, List<Pod> pods) {
        PodFailurePolicy policy = job.getSpec().getPodFailurePolicy();
        if (policy == null) {
            return Optional.empty();
        }
        for (Pod p : pods) {
            if (JobPods.isPodFailed(p, job)) {
                Optional<String> msg = match(policy, p).failJobMessage();
                if (msg.isPresent()) {
                    return msg;
                }
            }
        }
        return Optional.empty();
    }

    /** Upstream {@code nonIgnoredFailedPodsCount}: the failed pods that count towards backoffLimit. */
    public static int countedFailures(Job job, List<Pod> failedPods) {
        PodFailurePolicy policy = job.getSpec().getPodFailurePolicy();
        if (policy == null) {
            return failedPods.size();
        }
        int n = 0;
        for (Pod p : failedPods) {
            if (match(policy, p).countFailed()) {
                n++;
            }
        }
        return n;
    }

    private static ContainerStatus matchOnExitCodes(Pod pod, PodFailurePolicyOnExitCodesRequirement req) {
        if (pod.getStatus() == null) {
            return null;
        }
        ContainerStatus cs = matchingContainer(pod.getStatus().getContainerStatuses(), req);
        return cs != null ? cs : matchingContainer(pod.getStatus().getInitContainerStatuses(), req);
    }

    private static ContainerStatus matchingContainer(List<ContainerStatus> statuses, PodFailurePolicyOnExitCodesRequirement req) {
        if (statuses == null) {
            return null;
        }
        for (ContainerStatus cs : statuses) {
            if (cs.getState() == null || cs.getState().getTerminated() == null) {
                // still terminating: no exit code to match yet
                continue;
            }
            if (req.getContainerName() != null && !req.getContainerName().equals(cs.getName())) {
                continue;
            }
            Integer exitCode = cs.getState().getTerminated().getExitCode();
            if (exitCode != null && exitCode != 0 && operatorMatches(exitCode, req)) {
                return cs;
            }
        }
        return null;
    }

    private static boolean operatorMatches(int exitCode, PodFailurePolicyOnExitCodesRequirement req) {
        List<Integer> values = req.getValues() == null ? List.of() : req.getValues();
        return switch (String.valueOf(req.getOperator())) {
            case "In" -> values.contains(exitCode);
            case "NotIn" -> !values.contains(exitCode);
            default -> false;
        };
    }

    private static PodCondition matchOnPodConditions(Pod pod, List<PodFailurePolicyOnPodConditionsPattern> patterns) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            for (PodFailurePolicyOnPodConditionsPattern p : patterns) {
                if (c.getType() != null && c.getType().equals(p.getType()) && c.getStatus() != null
                        && c.getStatus().equals(p.getStatus())) {
                    return c;
                }
            }
        }
        return null;
    }
}
