package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.LabelValidation;
import io.kubeboot.api.validation.NameValidation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.kubeboot.apiserver.registry.pods.PodDefaults.isEmpty;
import static io.kubeboot.apiserver.registry.pods.PodDefaults.nn;

/**
 * Scheduling constraints as upstream validates them: affinity (node, pod, anti), tolerations, taint
 * effects and topology spread constraints.
 */
public final class SchedulingValidation {
    private SchedulingValidation() {
    }

    static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    static FieldErrors validateAffinity(Affinity a, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (a == null) {
            return errs;
        }
        if (a.getNodeAffinity() != null) {
            NodeAffinity na = a.getNodeAffinity();
            FieldPath np = path.child("nodeAffinity");
            if (na.getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
                errs.addAll(validateNodeSelector(na.getRequiredDuringSchedulingIgnoredDuringExecution(), false,
                        np.child("requiredDuringSchedulingIgnoredDuringExecution")));
            }
            List<PreferredSchedulingTerm> preferred = nn(na.getPreferredDuringSchedulingIgnoredDuringExecution());
            for (int i = 0; i < preferred.size(); i++) {
                PreferredSchedulingTerm t = preferred.get(i);
                FieldPath tp = np.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
                int w = t.getWeight() == null ? 0 : t.getWeight();
                if (w <= 0 || w > 100) {
                    errs.invalid(tp.child("weight"), w, "must be in the range 1-100");
                }
                errs.addAll(validateNodeSelectorTerm(t.getPreference(), true, tp.child("preference")));
            }
        }
        if (a.getPodAffinity() != null) {
            FieldPath pp = path.child("podAffinity");
            errs.addAll(podAffinityTerms(a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
                    pp.child("requiredDuringSchedulingIgnoredDuringExecution")));
            errs.addAll(weightedTerms(a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(),
                    pp.child("preferredDuringSchedulingIgnoredDuringExecution")));
        }
        if (a.getPodAntiAffinity() != null) {
            FieldPath pp = path.child("podAntiAffinity");
            errs.addAll(podAffinityTerms(a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
                    pp.child("requiredDuringSchedulingIgnoredDuringExecution")));
            errs.addAll(weightedTerms(a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(),
                    pp.child("preferredDuringSchedulingIgnoredDuringExecution")));
        }
        return errs;
    }

    /** Upstream {@code ValidateNodeSelector}: at least one term. */
    public static FieldErrors validateNodeSelector(NodeSelector ns, boolean allowInvalidValues, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        FieldPath termsPath = path.child("nodeSelectorTerms");
        List<NodeSelectorTerm> terms = nn(ns.getNodeSelectorTerms());
        if (terms.isEmpty()) {
            return errs.required(termsPath, "must have at least one node selector term");
        }
        for (int i = 0; i < terms.size(); i++) {
            errs.addAll(validateNodeSelectorTerm(terms.get(i), allowInvalidValues, termsPath.index(i)));
        }
        return errs;
    }

    static FieldErrors validateNodeSelectorTerm(NodeSelectorTerm term, boolean allowInvalidValues, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (term == null) {
            return errs;
        }
        List<NodeSelectorRequirement> exprs = nn(term.getMatchExpressions());
        for (int j = 0; j < exprs.size(); j++) {
            errs.addAll(nodeSelectorRequirement(exprs.get(j), allowInvalidValues, path.child("matchExpressions").index(j)));
        }
        List<NodeSelectorRequirement> fields = nn(term.getMatchFields());
        for (int j = 0; j < fields.size(); j++) {
            errs.addAll(nodeFieldSelectorRequirement(fields.get(j), path.child("matchFields").index(j)));
        }
        return errs;
    }

    private static FieldErrors nodeSelectorRequirement(NodeSelectorRequirement rq, boolean allowInvalidValues, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        List<String> values = nn(rq.getValues());
        String op = rq.getOperator() == null ? "" : rq.getOperator();
        switch (op) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errs.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errs.forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }
            }
            case "Gt", "Lt" -> {
                if (values.size() != 1) {
                    errs.required(path.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'");
                }
            }
            default -> errs.invalid(path.child("operator"), op, "not a valid selector operator");
        }
        errs.addAll(LabelValidation.validateLabelName(rq.getKey(), path.child("key")));
        if (!allowInvalidValues) {
            for (int i = 0; i < values.size(); i++) {
                errs.addAll(FieldValidators.invalidEach(Dns.isValidLabelValue(values.get(i)),
                        path.child("values").index(i), values.get(i)));
            }
        }
        return errs;
    }

    private static FieldErrors nodeFieldSelectorRequirement(NodeSelectorRequirement rq, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String op = rq.getOperator() == null ? "" : rq.getOperator();
        if (op.equals("In") || op.equals("NotIn")) {
            if (nn(rq.getValues()).size() != 1) {
                errs.required(path.child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
            }
        } else {
            errs.invalid(path.child("operator"), op, "not a valid selector operator");
        }
        if (!"metadata.name".equals(rq.getKey())) {
            errs.invalid(path.child("key"), rq.getKey() == null ? "" : rq.getKey(), "not a valid field selector key");
        } else {
            List<String> values = nn(rq.getValues());
            for (int i = 0; i < values.size(); i++) {
                errs.addAll(FieldValidators.invalidEach(NameValidation.dns1123Subdomain(values.get(i), false),
                        path.child("values").index(i), values.get(i)));
            }
        }
        return errs;
    }

    private static FieldErrors podAffinityTerms(List<PodAffinityTerm> terms, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        List<PodAffinityTerm> list = nn(terms);
        for (int i = 0; i < list.size(); i++) {
            errs.addAll(podAffinityTerm(list.get(i), path.index(i)));
        }
        return errs;
    }

    private static FieldErrors weightedTerms(List<WeightedPodAffinityTerm> terms, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        List<WeightedPodAffinityTerm> list = nn(terms);
        for (int j = 0; j < list.size(); j++) {
            WeightedPodAffinityTerm t = list.get(j);
            int w = t.getWeight() == null ? 0 : t.getWeight();
            if (w <= 0 || w > 100) {
                errs.invalid(path.index(j).child("weight"), w, "must be in the range 1-100");
            }
            errs.addAll(podAffinityTerm(t.getPodAffinityTerm() == null ? new PodAffinityTerm() : t.getPodAffinityTerm(),
                    path.index(j).child("podAffinityTerm")));
        }
        return errs;
    }

    private static FieldErrors podAffinityTerm(PodAffinityTerm t, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        errs.addAll(LabelValidation.validateLabelSelector(t.getLabelSelector(), path.child("labelSelector")));
        errs.addAll(LabelValidation.validateLabelSelector(t.getNamespaceSelector(), path.child("namespaceSelector")));
        for (String ns : nn(t.getNamespaces())) {
            errs.addAll(FieldValidators.invalidEach(NameValidation.dns1123Label(ns, false),
                    path.child("namespace"), ns));
        }
        errs.addAll(labelKeys(path.child("matchLabelKeys"), t.getMatchLabelKeys(), t.getLabelSelector()));
        errs.addAll(labelKeys(path.child("mismatchLabelKeys"), t.getMismatchLabelKeys(), t.getLabelSelector()));
        Set<String> mismatch = new HashSet<>(nn(t.getMismatchLabelKeys()));
        List<String> match = nn(t.getMatchLabelKeys());
        for (int i = 0; i < match.size(); i++) {
            if (mismatch.contains(match.get(i))) {
                errs.invalid(path.child("matchLabelKeys").index(i), match.get(i), "exists in both matchLabelKeys and mismatchLabelKeys");
            }
        }
        if (isEmpty(t.getTopologyKey())) {
            errs.required(path.child("topologyKey"), "can not be empty");
        }
        errs.addAll(LabelValidation.validateLabelName(t.getTopologyKey(), path.child("topologyKey")));
        return errs;
    }

    private static FieldErrors labelKeys(FieldPath path, List<String> keys, LabelSelector selector) {
        FieldErrors errs = new FieldErrors();
        if (nn(keys).isEmpty()) {
            return errs;
        }
        if (selector == null) {
            return errs.forbidden(path, "must not be specified when labelSelector is not set");
        }
        for (int i = 0; i < keys.size(); i++) {
            errs.addAll(LabelValidation.validateLabelName(keys.get(i), path.index(i)));
        }
        return errs;
    }

    /** Upstream {@code ValidateTolerations}. */
    public static FieldErrors validateTolerations(List<Toleration> tolerations, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        List<Toleration> list = nn(tolerations);
        for (int i = 0; i < list.size(); i++) {
            Toleration t = list.get(i);
            FieldPath idx = path.index(i);
            String key = t.getKey() == null ? "" : t.getKey();
            String op = t.getOperator() == null ? "" : t.getOperator();
            String effect = t.getEffect() == null ? "" : t.getEffect();
            String value = t.getValue() == null ? "" : t.getValue();
            if (!key.isEmpty()) {
                errs.addAll(LabelValidation.validateLabelName(key, idx.child("key")));
            }
            if (key.isEmpty() && !op.equals("Exists")) {
                errs.invalid(idx.child("operator"), op,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            }
            if (t.getTolerationSeconds() != null && !effect.equals("NoExecute")) {
                errs.invalid(idx.child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
            }
            switch (op) {
                case "Equal", "" -> {
                    List<String> msgs = Dns.isValidLabelValue(value);
                    if (!msgs.isEmpty()) {
                        errs.invalid(idx.child("operator"), value, String.join(";", msgs));
                    }
                }
                case "Exists" -> {
                    if (!value.isEmpty()) {
                        errs.invalid(idx.child("operator"), value, "value must be empty when `operator` is 'Exists'");
                    }
                }
                default -> errs.notSupported(idx.child("operator"), op, List.of("Equal", "Exists"));
            }
            if (!effect.isEmpty()) {
                errs.addAll(validateTaintEffect(effect, true, idx.child("effect")));
            }
        }
        return errs;
    }

    public static FieldErrors validateTaintEffect(String effect, boolean allowEmpty, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String e = effect == null ? "" : effect;
        if (!allowEmpty && e.isEmpty()) {
            return errs.required(path, "");
        }
        if (!TAINT_EFFECTS.contains(e)) {
            errs.notSupported(path, e, TAINT_EFFECTS);
        }
        return errs;
    }

    static FieldErrors validateTopologySpreadConstraints(List<TopologySpreadConstraint> constraints, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        List<TopologySpreadConstraint> list = nn(constraints);
        for (int i = 0; i < list.size(); i++) {
            TopologySpreadConstraint c = list.get(i);
            FieldPath p = path.index(i);
            int maxSkew = c.getMaxSkew() == null ? 0 : c.getMaxSkew();
            if (maxSkew <= 0) {
                errs.invalid(p.child("maxSkew"), maxSkew, "must be greater than zero");
            }
            if (isEmpty(c.getTopologyKey())) {
                errs.required(p.child("topologyKey"), "can not be empty");
            }
            String action = c.getWhenUnsatisfiable() == null ? "" : c.getWhenUnsatisfiable();
            if (!action.equals("DoNotSchedule") && !action.equals("ScheduleAnyway")) {
                errs.notSupported(p.child("whenUnsatisfiable"), action, List.of("DoNotSchedule", "ScheduleAnyway"));
            }
            for (int j = i + 1; j < list.size(); j++) {
                TopologySpreadConstraint other = list.get(j);
                if (java.util.Objects.equals(c.getTopologyKey(), other.getTopologyKey())
                        && java.util.Objects.equals(c.getWhenUnsatisfiable(), other.getWhenUnsatisfiable())) {
                    errs.duplicate(p.child("{topologyKey, whenUnsatisfiable}"),
                            "{" + (c.getTopologyKey() == null ? "" : c.getTopologyKey()) + ", " + action + "}");
                    break;
                }
            }
            if (c.getMinDomains() != null) {
                if (c.getMinDomains() <= 0) {
                    errs.invalid(p.child("minDomains"), c.getMinDomains(), "must be greater than zero");
                }
                if (!action.equals("DoNotSchedule")) {
                    errs.invalid(p.child("minDomains"), c.getMinDomains(),
                            "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not " + action);
                }
            }
            for (String policyField : List.of("nodeAffinityPolicy", "nodeTaintsPolicy")) {
                String policy = policyField.equals("nodeAffinityPolicy") ? c.getNodeAffinityPolicy() : c.getNodeTaintsPolicy();
                if (policy != null && !policy.equals("Ignore") && !policy.equals("Honor")) {
                    errs.notSupported(p.child(policyField), policy, List.of("Honor", "Ignore"));
                }
            }
            List<String> keys = nn(c.getMatchLabelKeys());
            if (!keys.isEmpty()) {
                Set<String> selectorKeys = new HashSet<>();
                if (c.getLabelSelector() == null) {
                    errs.forbidden(p.child("matchLabelKeys"), "must not be specified when labelSelector is not set");
                } else {
                    if (c.getLabelSelector().getMatchLabels() != null) {
                        selectorKeys.addAll(c.getLabelSelector().getMatchLabels().keySet());
                    }
                    for (LabelSelectorRequirement r : nn(c.getLabelSelector().getMatchExpressions())) {
                        selectorKeys.add(r.getKey());
                    }
                }
                for (int k = 0; k < keys.size(); k++) {
                    errs.addAll(LabelValidation.validateLabelName(keys.get(k), p.child("matchLabelKeys").index(k)));
                    if (selectorKeys.contains(keys.get(k))) {
                        errs.invalid(p.child("matchLabelKeys").index(k), keys.get(k), "exists in both matchLabelKeys and labelSelector");
                    }
                }
            }
            errs.addAll(LabelValidation.validateLabelSelector(c.getLabelSelector(), p.child("labelSelector")));
        }
        return errs;
    }
}
