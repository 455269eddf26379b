package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.AffinityTerm;
import io.kubeboot.scheduler.framework.SharedLister;

import java.util.List;
import java.util.Map;

/**
 * Whether a pod falls under an affinity term: its namespace is listed or selected by the term's namespace
 * selector, and its labels match the term's selector.
 *
 * <p>Upstream unrolls the incoming pod's namespace selectors into namespace names at PreFilter time; here
 * every term is matched against the labels of the target pod's namespace as the cycle's snapshot has them,
 * which selects the same pods.
 */
final class TermMatcher {
    private TermMatcher() {
    }

    /** A pod to match, with the labels of its namespace. */
    record Target(String namespace, Map<String, String> labels, Map<String, String> namespaceLabels) {
        static Target of(Pod pod, SharedLister snapshot) {
            String ns = pod.getMetadata().getNamespace();
            Map<String, String> labels = pod.getMetadata().getLabels();
            return new Target(ns, labels == null ? Map.of() : labels, snapshot.namespaceLabels(ns));
        }
    }

    static boolean matches(AffinityTerm term, Target pod) {
        return term.matches(pod.namespace(), pod.labels(), pod.namespaceLabels());
    }

    /** True when {@code terms} is not empty and the pod matches every one (upstream's podMatchesAllAffinityTerms). */
    static boolean matchesAll(List<AffinityTerm> terms, Target pod) {
        if (terms.isEmpty()) {
            return false;
        }
        for (AffinityTerm t : terms) {
            if (!matches(t, pod)) {
                return false;
            }
        }
        return true;
    }
}
