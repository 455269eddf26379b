package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.kubeboot.api.selector.LabelSelector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which spread constraints apply to a pod for one {@code whenUnsatisfiable} action: the pod's own
 * constraints, or, when it has none, the configured default constraints with a selector built from the
 * workloads selecting the pod (upstream's {@code getConstraints}/{@code buildDefaultConstraints}/
 * {@code filterTopologySpreadConstraints}). Immutable and thread safe.
 */
final class ConstraintSource {
    static final String DO_NOT_SCHEDULE = "DoNotSchedule";
    static final String SCHEDULE_ANYWAY = "ScheduleAnyway";

    private final List<TopologySpreadConstraint> defaultConstraints;
    private final DefaultSelectors defaultSelectors;

    ConstraintSource(List<TopologySpreadConstraint> defaultConstraints, DefaultSelectors defaultSelectors) {
        this.defaultConstraints = defaultConstraints;
        this.defaultSelectors = defaultSelectors;
    }

    /**
     * The constraints of {@code action}; empty when none apply.
     *
     * @throws io.kubeboot.api.errors.StatusException when a label selector of the pod does not parse
     */
    List<SpreadConstraint> forPod(Pod pod, String action) {
        List<TopologySpreadConstraint> own = pod.getSpec() == null ? null : pod.getSpec().getTopologySpreadConstraints();
        if (own != null && !own.isEmpty()) {
            return filter(own, labels(pod), action);
        }
        return defaults(pod, action);
    }

    static boolean hasOwnConstraints(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getTopologySpreadConstraints() != null
                && !pod.getSpec().getTopologySpreadConstraints().isEmpty();
    }

    private List<SpreadConstraint> defaults(Pod pod, String action) {
        List<SpreadConstraint> constraints = filter(defaultConstraints, labels(pod), action);
        if (constraints.isEmpty()) {
            return List.of();
        }
        List<LabelSelector.Requirement> reqs = new ArrayList<>();
        for (LabelSelector s : defaultSelectors.selectorsFor(pod)) {
            reqs.addAll(s.requirements());
        }
        LabelSelector selector = LabelSelector.everything().and(reqs);
        if (selector.isEmpty()) {
            return List.of();
        }
        List<SpreadConstraint> out = new ArrayList<>(constraints.size());
        for (SpreadConstraint c : constraints) {
            out.add(new SpreadConstraint(c.maxSkew(), c.topologyKey(), selector, c.minDomains(),
                    c.honorNodeAffinity(), c.honorNodeTaints()));
        }
        return out;
    }

    private static List<SpreadConstraint> filter(List<TopologySpreadConstraint> constraints, Map<String, String> podLabels,
                                                 String action) {
        List<SpreadConstraint> out = new ArrayList<>();
        for (TopologySpreadConstraint c : constraints) {
            if (!action.equals(c.getWhenUnsatisfiable())) {
                continue;
            }
            LabelSelector selector = LabelSelector.fromModel(c.getLabelSelector());
            if (c.getMatchLabelKeys() != null && !c.getMatchLabelKeys().isEmpty()) {
                Map<String, String> matchLabels = new HashMap<>();
                for (String key : c.getMatchLabelKeys()) {
                    if (podLabels.containsKey(key)) {
                        matchLabels.put(key, podLabels.get(key));
                    }
                }
                if (!matchLabels.isEmpty()) {
                    // upstream mergeLabelSetWithSelector: a nil selector contributes no requirements
                    selector = LabelSelector.fromSet(matchLabels).and(selector.requirements());
                }
            }
            out.add(new SpreadConstraint(
                    c.getMaxSkew() == null ? 0 : c.getMaxSkew(),
                    c.getTopologyKey(),
                    selector,
                    c.getMinDomains() == null ? 1 : c.getMinDomains(),
                    !"Ignore".equals(c.getNodeAffinityPolicy()),
                    "Honor".equals(c.getNodeTaintsPolicy())));
        }
        return out;
    }

    private static Map<String, String> labels(Pod pod) {
        Map<String, String> l = pod.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }
}
