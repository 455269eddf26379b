package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.kubeboot.api.selector.LabelSelector;

import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's wording for a pod whose affinity selectors do not parse ({@code framework.NewPodInfo}): one
 * error per term list, prefixed {@code requiredAffinityTerms: }, {@code requiredAntiAffinityTerms: },
 * {@code preferredAffinityTerms: } or {@code preferredAntiAffinityTerms: }, aggregated as
 * {@code utilerrors.NewAggregate} prints them. Only used on the error path (PodInfo already knows that
 * parsing failed, not in which list).
 */
final class AffinityParseErrors {
    private AffinityParseErrors() {
    }

    /** The aggregated message, or null when every selector parses. */
    static String of(Pod pod) {
        Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        if (a == null) {
            return null;
        }
        List<String> errs = new ArrayList<>();
        check("requiredAffinityTerms", a.getPodAffinity() == null ? null
                : a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(), errs);
        check("requiredAntiAffinityTerms", a.getPodAntiAffinity() == null ? null
                : a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(), errs);
        checkWeighted("preferredAffinityTerms", a.getPodAffinity() == null ? null
                : a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), errs);
        checkWeighted("preferredAntiAffinityTerms", a.getPodAntiAffinity() == null ? null
                : a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), errs);
        if (errs.isEmpty()) {
            return null;
        }
        return errs.size() == 1 ? errs.get(0) : "[" + String.join(", ", errs) + "]";
    }

    private static void check(String list, List<PodAffinityTerm> terms, List<String> errs) {
        String e = firstError(terms == null ? List.of() : terms);
        if (e != null) {
            errs.add(list + ": " + e);
        }
    }

    private static void checkWeighted(String list, List<WeightedPodAffinityTerm> terms, List<String> errs) {
        List<PodAffinityTerm> plain = new ArrayList<>();
        if (terms != null) {
            terms.forEach(w -> plain.add(w.getPodAffinityTerm() == null ? new PodAffinityTerm() : w.getPodAffinityTerm()));
        }
        check(list, plain, errs);
    }

    private static String firstError(List<PodAffinityTerm> terms) {
        for (PodAffinityTerm t : terms) {
            try {
                LabelSelector.fromModel(t.getLabelSelector());
                LabelSelector.fromModel(t.getNamespaceSelector());
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        }
        return null;
    }
}
