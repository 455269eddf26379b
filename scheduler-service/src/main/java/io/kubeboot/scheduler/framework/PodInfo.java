package io.kubeboot.scheduler.framework;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.kubeboot.api.helpers.resource.PodRequests;
import io.kubeboot.api.selector.LabelSelector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod with what the scheduler derives from it once rather than per node: its requests and its parsed
 * affinity terms, as upstream's {@code framework.PodInfo}.
 *
 * <p>Immutable once built. The {@link Pod} is the informer's object and must never be changed: a new
 * version of the pod gets a new PodInfo.
 */
public final class PodInfo {
    private final Pod pod;
    private final String key;
    private final Resource requests;
    private final long nonZeroMilliCpu;
    private final long nonZeroMemory;
    private final List<AffinityTerm> requiredAffinity;
    private final List<AffinityTerm> requiredAntiAffinity;
    private final List<AffinityTerm.Weighted> preferredAffinity;
    private final List<AffinityTerm.Weighted> preferredAntiAffinity;
    private final String parseError;

    private PodInfo(Pod pod) {
        this.pod = pod;
        this.key = key(pod);
        this.requests = Resource.fromRequests(PodRequests.of(pod, false));
        Map<String, Long> nonZero = PodRequests.of(pod, true);
        this.nonZeroMilliCpu = nonZero.getOrDefault(PodRequests.CPU, 0L);
        this.nonZeroMemory = nonZero.getOrDefault(PodRequests.MEMORY, 0L);
        List<AffinityTerm> ra = List.of();
        List<AffinityTerm> raa = List.of();
        List<AffinityTerm.Weighted> pa = List.of();
        List<AffinityTerm.Weighted> paa = List.of();
        String error = null;
        Affinity affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        try {
            if (affinity != null && affinity.getPodAffinity() != null) {
                ra = terms(pod, affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
                pa = weighted(pod, affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
            }
            if (affinity != null && affinity.getPodAntiAffinity() != null) {
                raa = terms(pod, affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
                paa = weighted(pod, affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
            }
        } catch (RuntimeException e) {
            // the apiserver validates selectors, so this is a pod from an older or lenient writer
            error = "parsing pod affinity: " + e.getMessage();
        }
        this.requiredAffinity = ra;
        this.requiredAntiAffinity = raa;
        this.preferredAffinity = pa;
        this.preferredAntiAffinity = paa;
        this.parseError = error;
    }

    public static PodInfo of(Pod pod) {
        return new PodInfo(pod);
    }

    /** {@code namespace/name}, the queue's and cache's key. */
    public static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static List<AffinityTerm> terms(Pod pod, List<PodAffinityTerm> terms) {
        if (terms == null || terms.isEmpty()) {
            return List.of();
        }
        List<AffinityTerm> out = new ArrayList<>(terms.size());
        for (PodAffinityTerm t : terms) {
            out.add(term(pod, t));
        }
        return List.copyOf(out);
    }

    private static List<AffinityTerm.Weighted> weighted(Pod pod, List<WeightedPodAffinityTerm> terms) {
        if (terms == null || terms.isEmpty()) {
            return List.of();
        }
        List<AffinityTerm.Weighted> out = new ArrayList<>(terms.size());
        for (WeightedPodAffinityTerm w : terms) {
            out.add(new AffinityTerm.Weighted(term(pod, w.getPodAffinityTerm()), w.getWeight() == null ? 0 : w.getWeight()));
        }
        return List.copyOf(out);
    }

    private static AffinityTerm term(Pod pod, PodAffinityTerm t) {
        Set<String> namespaces = new HashSet<>(t.getNamespaces() == null ? List.of() : t.getNamespaces());
        if (namespaces.isEmpty() && t.getNamespaceSelector() == null) {
            namespaces.add(pod.getMetadata().getNamespace());
        }
        // a null label selector selects nothing, an empty one everything (metav1.LabelSelectorAsSelector)
        LabelSelector selector = t.getLabelSelector() == null ? LabelSelector.nothing() : LabelSelector.fromModel(t.getLabelSelector());
        LabelSelector nsSelector = t.getNamespaceSelector() == null ? null : LabelSelector.fromModel(t.getNamespaceSelector());
        return new AffinityTerm(Set.copyOf(namespaces), selector, t.getTopologyKey(), nsSelector);
    }

    public Pod pod() {
        return pod;
    }

    public String key() {
        return key;
    }

    public String namespace() {
        return pod.getMetadata().getNamespace();
    }

    public String name() {
        return pod.getMetadata().getName();
    }

    public String uid() {
        return pod.getMetadata().getUid();
    }

    /** Labels, never null. */
    public Map<String, String> labels() {
        Map<String, String> l = pod.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }

    /** Effective requests (no defaults for missing ones); shared, never change it. */
    public Resource requests() {
        return requests;
    }

    /** Cpu request with the 100m default for containers that request none (for scoring). */
    public long nonZeroMilliCpu() {
        return nonZeroMilliCpu;
    }

    /** Memory request with the 200 MiB default for containers that request none (for scoring). */
    public long nonZeroMemory() {
        return nonZeroMemory;
    }

    public List<AffinityTerm> requiredAffinityTerms() {
        return requiredAffinity;
    }

    public List<AffinityTerm> requiredAntiAffinityTerms() {
        return requiredAntiAffinity;
    }

    public List<AffinityTerm.Weighted> preferredAffinityTerms() {
        return preferredAffinity;
    }

    public List<AffinityTerm.Weighted> preferredAntiAffinityTerms() {
        return preferredAntiAffinity;
    }

    /** Whether the pod has any pod affinity or anti-affinity (required or preferred). */
    public boolean hasAffinity() {
        return !requiredAffinity.isEmpty() || !requiredAntiAffinity.isEmpty() || !preferredAffinity.isEmpty()
                || !preferredAntiAffinity.isEmpty();
    }

    /** Why the affinity terms could not be parsed, or null. */
    public String parseError() {
        return parseError;
    }

    /** The pod's priority ({@code spec.priority}, set by the apiserver from its PriorityClass), 0 when unset. */
    public int priority() {
        Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
        return p == null ? 0 : p;
    }

    @Override
    public String toString() {
        return key;
    }
}
