package io.kubeboot.api.helpers.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.kubeboot.api.validation.FieldPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code v1.NodeSelector}, as component-helpers' {@code nodeaffinity.NodeSelector} and
 * {@code LazyErrorNodeSelector}: its terms are ORed, the requirements inside a term ANDed. A term with
 * neither matchExpressions nor matchFields selects nothing; matchFields only know {@code metadata.name}.
 *
 * <p>{@link #of} is the strict form (parse errors throw), {@link #lazy} the lenient one the scheduler
 * uses for pods: a term with parse errors just never matches, and the errors are reported by
 * {@link #match} only when no term matched. Immutable and thread safe.
 */
public final class NodeSelectors {
    /** The only field a matchFields requirement can select on. */
    public static final String OBJECT_NAME_FIELD = "metadata.name";

    private final List<SelectorTerm> terms;

    private NodeSelectors(List<SelectorTerm> terms) {
        this.terms = terms;
    }

    /** The outcome of {@link #match}: whether a term matched, and otherwise the parse errors (null when none). */
    public record Match(boolean matches, String error) {
    }

    /** Upstream {@code NewLazyErrorNodeSelector}: never fails, errors surface in {@link #match}. */
    public static NodeSelectors lazy(NodeSelector selector) {
        return lazy(selector, FieldPath.of(""));
    }

    public static NodeSelectors lazy(NodeSelector selector, FieldPath path) {
        List<NodeSelectorTerm> terms = selector == null ? List.of() : SelectorTerm.nullSafe(selector.getNodeSelectorTerms());
        FieldPath termsPath = path.child("nodeSelectorTerms");
        List<SelectorTerm> parsed = new ArrayList<>(terms.size());
        for (int i = 0; i < terms.size(); i++) {
            if (!SelectorTerm.isEmpty(terms.get(i))) {
                parsed.add(SelectorTerm.parse(terms.get(i), termsPath.index(i)));
            }
        }
        return new NodeSelectors(List.copyOf(parsed));
    }

    /**
     * Upstream {@code NewNodeSelector}: throws {@link SelectorParseException} whose message is the
     * aggregate of all terms' {@code field.Error}s, e.g.
     * {@code nodeSelectorTerms[0].matchFields[0].values: Invalid value: []string{"a", "b"}: must have one element}.
     */
    public static NodeSelectors of(NodeSelector selector) {
        return of(selector, FieldPath.of(""));
    }

    public static NodeSelectors of(NodeSelector selector, FieldPath path) {
        NodeSelectors lazy = lazy(selector, path);
        List<String> errors = new ArrayList<>();
        lazy.terms.forEach(t -> errors.addAll(t.errors()));
        if (!errors.isEmpty()) {
            throw new SelectorParseException(errors);
        }
        return lazy;
    }

    /** Upstream {@code MatchNodeSelectorTerms}: whether {@code node} matches the lenient selector. */
    public static boolean matchNodeSelectorTerms(Node node, NodeSelector selector) {
        return node != null && lazy(selector).matches(node);
    }

    /** Whether any term matches; false for a null node. Parse errors count as "this term does not match". */
    public boolean matches(Node node) {
        return match(node).matches();
    }

    /** Upstream {@code LazyErrorNodeSelector.Match}. */
    public Match match(Node node) {
        if (node == null) {
            return new Match(false, null);
        }
        Map<String, String> labels = labels(node);
        Map<String, String> fields = fields(node);
        List<String> errors = new ArrayList<>();
        for (SelectorTerm t : terms) {
            if (t.hasErrors()) {
                errors.addAll(t.errors());
                continue;
            }
            if (t.matches(labels, fields)) {
                return new Match(true, null);
            }
        }
        return new Match(false, errors.isEmpty() ? null : SelectorParseException.aggregate(errors));
    }

    static Map<String, String> labels(Node node) {
        Map<String, String> l = node.getMetadata() == null ? null : node.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }

    /** {@code metadata.name} when the node has a name; empty otherwise (fields are then not checked). */
    static Map<String, String> fields(Node node) {
        String name = node.getMetadata() == null ? null : node.getMetadata().getName();
        return name == null || name.isEmpty() ? Map.of() : Map.of(OBJECT_NAME_FIELD, name);
    }
}
