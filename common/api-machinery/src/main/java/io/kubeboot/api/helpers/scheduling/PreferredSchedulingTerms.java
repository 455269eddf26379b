package io.kubeboot.api.helpers.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.kubeboot.api.validation.FieldPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parsed preferred node-affinity terms, as component-helpers' {@code nodeaffinity.PreferredSchedulingTerms}:
 * a node scores the sum of the weights of the terms it matches. Terms with weight 0 or no requirements
 * are dropped without being parsed. Immutable and thread safe.
 */
public final class PreferredSchedulingTerms {
    private record Weighted(SelectorTerm term, int weight) {
    }

    private final List<Weighted> terms;

    private PreferredSchedulingTerms(List<Weighted> terms) {
        this.terms = terms;
    }

    /** Upstream {@code NewPreferredSchedulingTerms}; parse errors throw {@link SelectorParseException}. */
    public static PreferredSchedulingTerms of(List<PreferredSchedulingTerm> terms) {
        return of(terms, FieldPath.of(""));
    }

    public static PreferredSchedulingTerms of(List<PreferredSchedulingTerm> terms, FieldPath path) {
        List<PreferredSchedulingTerm> in = SelectorTerm.nullSafe(terms);
        List<Weighted> parsed = new ArrayList<>(in.size());
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            PreferredSchedulingTerm t = in.get(i);
            int weight = t.getWeight() == null ? 0 : t.getWeight();
            if (weight == 0 || SelectorTerm.isEmpty(t.getPreference())) {
                continue;
            }
            SelectorTerm term = SelectorTerm.parse(t.getPreference(), path.index(i));
            if (term.hasErrors()) {
                errors.addAll(term.errors());
            } else {
                parsed.add(new Weighted(term, weight));
            }
        }
        if (!errors.isEmpty()) {
            throw new SelectorParseException(errors);
        }
        return new PreferredSchedulingTerms(List.copyOf(parsed));
    }

    /** The sum of the weights of the terms {@code node} matches. */
    public long score(Node node) {
        Map<String, String> labels = NodeSelectors.labels(node);
        Map<String, String> fields = NodeSelectors.fields(node);
        long score = 0;
        for (Weighted w : terms) {
            if (w.term().matches(labels, fields)) {
                score += w.weight();
            }
        }
        return score;
    }
}
