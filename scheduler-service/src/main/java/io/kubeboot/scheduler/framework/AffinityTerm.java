package io.kubeboot.scheduler.framework;

import io.kubeboot.api.selector.LabelSelector;

import java.util.Map;
import java.util.Set;

/**
 * A parsed pod (anti-)affinity term, as upstream's {@code framework.AffinityTerm}: which pods it selects
 * ({@code selector} in {@code namespaces}, or in the namespaces {@code namespaceSelector} matches) and
 * over which node topology. An empty namespace list with no namespace selector means the namespace of the
 * pod that carries the term (already filled in here).
 *
 * @param namespaceSelector null when absent; {@link LabelSelector#everything()} for an empty selector {@code {}}
 */
public record AffinityTerm(Set<String> namespaces, LabelSelector selector, String topologyKey,
                           LabelSelector namespaceSelector) {

    /** Whether the term selects {@code pod}, whose namespace carries {@code namespaceLabels}. */
    public boolean matches(String podNamespace, Map<String, String> podLabels, Map<String, String> namespaceLabels) {
        boolean inNamespaces = namespaces.contains(podNamespace)
                || (namespaceSelector != null && namespaceSelector.matches(namespaceLabels == null ? Map.of() : namespaceLabels));
        return inNamespaces && selector.matches(podLabels == null ? Map.of() : podLabels);
    }

    /** A preferred term and its weight (1-100). */
    public record Weighted(AffinityTerm term, int weight) {
    }
}
