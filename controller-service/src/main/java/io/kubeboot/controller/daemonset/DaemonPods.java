package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kubeboot.api.helpers.scheduling.RequiredNodeAffinity;
import io.kubeboot.api.helpers.scheduling.Taints;
import io.kubeboot.controller.util.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The DaemonSet controller's pure rules (upstream {@code daemon_controller.go} and {@code util/daemonset_util.go}). */
public final class DaemonPods {
    public static final String TAINT_NOT_READY = "node.kubernetes.io/not-ready";
    public static final String TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String TAINT_DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
    public static final String TAINT_MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
    public static final String TAINT_PID_PRESSURE = "node.kubernetes.io/pid-pressure";
    public static final String TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    public static final String TAINT_NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";
    /** apps/v1 DefaultDaemonSetUniqueLabelKey. */
    public static final String REVISION_HASH_LABEL = "controller-revision-hash";
    /** extensions DaemonSetTemplateGenerationKey (pod label). */
    public static final String TEMPLATE_GENERATION_LABEL = "pod-template-generation";
    /** The annotation the apiserver keeps the template generation in. */
    public static final String TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";
    static final String OBJECT_NAME_FIELD = "metadata.name";

    private DaemonPods() {
    }

    /** Upstream {@code NodeShouldRunDaemonPod}'s two answers. */
    public record Eligibility(boolean shouldRun, boolean shouldContinueRunning) {
    }

    /**
     * Upstream {@code NodeShouldRunDaemonPod}: a pod of the DaemonSet should run on the node when the template's
     * nodeName (if any) is the node, the nodeSelector and required node affinity match, and every NoSchedule /
     * NoExecute taint is tolerated (by the template's and the controller's tolerations). A pod already there may
     * continue running unless a NoExecute taint is not tolerated (or name / affinity do not match).
     */
    public static Eligibility nodeShouldRunDaemonPod(Node node, DaemonSet ds) {
        String nodeName = node.getMetadata().getName();
        Pod pod = newPod(ds, nodeName);
        String templateNodeName = ds.getSpec().getTemplate().getSpec() == null ? null : ds.getSpec().getTemplate().getSpec().getNodeName();
        if (!(templateNodeName == null || templateNodeName.isEmpty() || templateNodeName.equals(nodeName))) {
            return new Eligibility(false, false);
        }
        List<Taint> taints = node.getSpec() == null ? null : node.getSpec().getTaints();
        boolean fitsNodeAffinity = RequiredNodeAffinity.of(pod).match(node);
        if (!fitsNodeAffinity) {
            return new Eligibility(false, false);
        }
        boolean fitsTaints = Taints.findMatchingUntoleratedTaint(taints, pod.getSpec().getTolerations(), Taints.DO_NOT_SCHEDULE).isEmpty();
        if (!fitsTaints) {
            boolean untoleratedNoExecute = Taints.findMatchingUntoleratedTaint(taints, pod.getSpec().getTolerations(),
                    t -> Taints.EFFECT_NO_EXECUTE.equals(t.getEffect())).isPresent();
            return new Eligibility(false, !untoleratedNoExecute);
        }
        return new Eligibility(true, true);
    }

    /** Upstream {@code NewPod}: the template as a pod on the node, with the controller's tolerations. */
    public static Pod newPod(DaemonSet ds, String nodeName) {
        PodTemplateSpec t = ds.getSpec().getTemplate();
        PodSpec spec = t.getSpec() == null ? new PodSpec() : new PodSpecBuilder(t.getSpec()).build();
        spec.setNodeName(nodeName);
        addOrUpdateDaemonPodTolerations(spec);
        ObjectMeta meta = t.getMetadata() == null ? new ObjectMeta() : new ObjectMetaBuilder(t.getMetadata()).build();
        meta.setNamespace(ds.getMetadata().getNamespace());
        return new PodBuilder().withMetadata(meta).withSpec(spec).build();
    }

    /**
     * Upstream {@code AddOrUpdateDaemonPodTolerations}: DaemonSet pods tolerate not-ready and unreachable (NoExecute),
     * disk / memory / pid pressure and unschedulable (NoSchedule), and with hostNetwork network-unavailable.
     */
    public static void addOrUpdateDaemonPodTolerations(PodSpec spec) {
        addOrUpdateToleration(spec, exists(TAINT_NOT_READY, Taints.EFFECT_NO_EXECUTE));
        addOrUpdateToleration(spec, exists(TAINT_UNREACHABLE, Taints.EFFECT_NO_EXECUTE));
        addOrUpdateToleration(spec, exists(TAINT_DISK_PRESSURE, Taints.EFFECT_NO_SCHEDULE));
        addOrUpdateToleration(spec, exists(TAINT_MEMORY_PRESSURE, Taints.EFFECT_NO_SCHEDULE));
        addOrUpdateToleration(spec, exists(TAINT_PID_PRESSURE, Taints.EFFECT_NO_SCHEDULE));
        addOrUpdateToleration(spec, exists(TAINT_UNSCHEDULABLE, Taints.EFFECT_NO_SCHEDULE));
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            addOrUpdateToleration(spec, exists(TAINT_NETWORK_UNAVAILABLE, Taints.EFFECT_NO_SCHEDULE));
        }
    }

    private static Toleration exists(String key, String effect) {
        return new TolerationBuilder().withKey(key).withOperator(Taints.OPERATOR_EXISTS).withEffect(effect).build();
    }

    /**
     * Upstream {@code AddOrUpdateTolerationInPodSpec}: replaces a toleration with the same key, operator, value and
     * effect (unless identical), else appends; whether the list changed.
     */
    public static boolean addOrUpdateToleration(PodSpec spec, Toleration toleration) {
        List<Toleration> current = spec.getTolerations() == null ? List.of() : spec.getTolerations();
        List<Toleration> next = new ArrayList<>();
        boolean updated = false;
        for (Toleration t : current) {
            if (matchToleration(toleration, t)) {
                if (toleration.equals(t)) {
                    return false;
                }
                next.add(toleration);
                updated = true;
                continue;
            }
            next.add(t);
        }
        if (!updated) {
            next.add(toleration);
        }
        spec.setTolerations(next);
        return true;
    }

    private static boolean matchToleration(Toleration a, Toleration b) {
        return nz(a.getKey()).equals(nz(b.getKey())) && nz(a.getOperator()).equals(nz(b.getOperator()))
                && nz(a.getValue()).equals(nz(b.getValue())) && nz(a.getEffect()).equals(nz(b.getEffect()));
    }

    /**
     * Upstream {@code ReplaceDaemonSetPodNodeNameNodeAffinity}: the required node affinity becomes the single term
     * {@code matchFields metadata.name In [nodeName]} (other affinity parts are kept).
     */
    public static Affinity replaceNodeNameNodeAffinity(Affinity affinity, String nodeName) {
        NodeSelectorRequirement req = new NodeSelectorRequirementBuilder().withKey(OBJECT_NAME_FIELD).withOperator("In")
                .withValues(nodeName).build();
        NodeSelectorTerm term = new NodeSelectorTermBuilder().withMatchFields(req).build();
        Affinity a = affinity == null ? new Affinity() : new AffinityBuilder(affinity).build();
        if (a.getNodeAffinity() == null) {
            a.setNodeAffinity(new NodeAffinity());
        }
        if (a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            a.getNodeAffinity().setRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector(new ArrayList<>(List.of(term))));
        } else {
            a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().setNodeSelectorTerms(new ArrayList<>(List.of(term)));
        }
        return a;
    }

    /**
     * Upstream {@code CreatePodTemplate}: the template with the controller's tolerations and the labels
     * {@value #TEMPLATE_GENERATION_LABEL} (when known) and {@value #REVISION_HASH_LABEL} (when non-empty).
     */
    public static PodTemplateSpec createPodTemplate(PodTemplateSpec template, Long generation, String hash) {
        PodTemplateSpec t = new PodTemplateSpecBuilder(template).build();
        if (t.getSpec() == null) {
            t.setSpec(new PodSpec());
        }
        addOrUpdateDaemonPodTolerations(t.getSpec());
        if (t.getMetadata() == null) {
            t.setMetadata(new ObjectMeta());
        }
        Map<String, String> labels = t.getMetadata().getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(t.getMetadata().getLabels());
        if (generation != null) {
            labels.put(TEMPLATE_GENERATION_LABEL, Long.toString(generation));
        }
        if (hash != null && !hash.isEmpty()) {
            labels.put(REVISION_HASH_LABEL, hash);
        }
        t.getMetadata().setLabels(labels);
        return t;
    }

    /** Upstream {@code GetTemplateGeneration}: the deprecated annotation, if present and numeric. */
    public static Long templateGeneration(DaemonSet ds) {
        Map<String, String> a = ds.getMetadata().getAnnotations();
        String v = a == null ? null : a.get(TEMPLATE_GENERATION_ANNOTATION);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Upstream {@code IsPodUpdated}: the pod carries the current hash, or the current template generation. */
    public static boolean isPodUpdated(Pod pod, String hash, Long generation) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        boolean templateMatches = generation != null && Long.toString(generation).equals(labels.get(TEMPLATE_GENERATION_LABEL));
        boolean hashMatches = hash != null && !hash.isEmpty() && hash.equals(labels.get(REVISION_HASH_LABEL));
        return hashMatches || templateMatches;
    }

    /**
     * Upstream {@code GetTargetNodeName}: spec.nodeName, else the single value of a {@code metadata.name In} match
     * field of the required node affinity; empty when neither says.
     */
    public static Optional<String> targetNodeName(Pod pod) {
        if (pod.getSpec() == null) {
            return Optional.empty();
        }
        if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
            return Optional.of(pod.getSpec().getNodeName());
        }
        Affinity a = pod.getSpec().getAffinity();
        if (a == null || a.getNodeAffinity() == null || a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return Optional.empty();
        }
        List<NodeSelectorTerm> terms = a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        if (terms == null) {
            return Optional.empty();
        }
        for (NodeSelectorTerm term : terms) {
            if (term.getMatchFields() == null) {
                continue;
            }
            for (NodeSelectorRequirement r : term.getMatchFields()) {
                if (OBJECT_NAME_FIELD.equals(r.getKey()) && "In".equals(r.getOperator())) {
                    return r.getValues() != null && r.getValues().size() == 1 ? Optional.of(r.getValues().get(0)) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Upstream {@code podByCreationTimestampAndPhase}: scheduled first, then oldest, then by name. */
    public static final Comparator<Pod> BY_CREATION_AND_PHASE = (a, b) -> {
        boolean sa = a.getSpec() != null && a.getSpec().getNodeName() != null && !a.getSpec().getNodeName().isEmpty();
        boolean sb = b.getSpec() != null && b.getSpec().getNodeName() != null && !b.getSpec().getNodeName().isEmpty();
        if (sa != sb) {
            return sa ? -1 : 1;
        }
        Optional<Instant> ta = Times.parse(a.getMetadata().getCreationTimestamp());
        Optional<Instant> tb = Times.parse(b.getMetadata().getCreationTimestamp());
        if (Objects.equals(ta, tb)) {
            return nz(a.getMetadata().getName()).compareTo(nz(b.getMetadata().getName()));
        }
        return ta.orElse(Instant.MIN).compareTo(tb.orElse(Instant.MIN));
    };

    /** Upstream {@code intstr.GetScaledValueFromIntOrPercent}: an int as is, "N%" of total (rounded up or down). */
    public static int scaledValue(IntOrString v, int total, boolean roundUp) {
        if (v == null) {
            return 0;
        }
        if (v.getIntVal() != null) {
            return v.getIntVal();
        }
        String s = v.getStrVal();
        if (s == null || !s.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage");
        }
        int percent;
        try {
            percent = Integer.parseInt(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value \"" + s + "\": " + e.getMessage());
        }
        double value = percent * total / 100.0;
        return (int) (roundUp ? Math.ceil(value) : Math.floor(value));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
