package io.kubeboot.scheduler.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler decided for one attempt of one pod, kept for the admin API: the verdict, each
 * rejecting node's plugin and reasons, and the plugins' scores of the best-scored nodes. Immutable.
 *
 * @param node         the chosen node, null when none
 * @param message      the FailedScheduling message or the error, null on success
 * @param filtered     rejected nodes: node -> "Plugin: reason, reason"
 * @param feasible     how many nodes passed Filter (of {@code evaluated})
 * @param scores       per node (the best ones, at most {@link DecisionLog#MAX_SCORED_NODES}): plugin -> score, plus "total"
 */
public record Decision(String pod, String uid, Instant time, String profile, String result, String node, String message,
                       int evaluated, int feasible, Map<String, String> filtered, Map<String, Map<String, Long>> scores,
                       List<String> unschedulablePlugins, long durationMicros) {
}
