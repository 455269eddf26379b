package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.api.validation.IpAddress;
import io.kubeboot.api.validation.NameValidation;
import io.kubeboot.api.validation.ObjectMetaValidation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.kubeboot.apiserver.registry.pods.PodDefaults.isEmpty;
import static io.kubeboot.apiserver.registry.pods.PodDefaults.nn;

/**
 * Pod update and status-update rules as upstream's {@code ValidatePodUpdate} and
 * {@code ValidatePodStatusUpdate}: a running pod's spec is immutable except container images,
 * {@code activeDeadlineSeconds} (only shortened), added tolerations, removed scheduling gates and the
 * negative-to-1 grace period fix.
 */
public final class PodUpdateValidation {
    private PodUpdateValidation() {
    }

    static final String UPDATABLE_FIELDS = String.join(",", List.of(
            "`spec.containers[*].image`",
            "`spec.initContainers[*].image`",
            "`spec.activeDeadlineSeconds`",
            "`spec.tolerations` (only additions to existing tolerations)",
            "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));

    /** The update-specific checks (the new pod is also validated as on create by the caller). */
    public static FieldErrors validateUpdate(Pod pod, Pod old) {
        FieldErrors errs = new FieldErrors();
        errs.addAll(annotationUpdates(pod, old, FieldPath.of("metadata", "annotations")));
        PodSpec spec = pod.getSpec();
        PodSpec oldSpec = old.getSpec();
        FieldPath specPath = FieldPath.of("spec");

        if (containerCountChanged(spec.getContainers(), oldSpec.getContainers(), specPath.child("containers"), errs)
                || containerCountChanged(spec.getInitContainers(), oldSpec.getInitContainers(), specPath.child("initContainers"), errs)) {
            return errs;
        }
        if (spec.getActiveDeadlineSeconds() != null) {
            long v = spec.getActiveDeadlineSeconds();
            if (v < 0 || v > Integer.MAX_VALUE) {
                return errs.invalid(specPath.child("activeDeadlineSeconds"), v, Dns.inclusiveRangeError(0, Integer.MAX_VALUE));
            }
            if (oldSpec.getActiveDeadlineSeconds() != null && oldSpec.getActiveDeadlineSeconds() < v) {
                return errs.invalid(specPath.child("activeDeadlineSeconds"), v, "must be less than or equal to previous value");
            }
        } else if (oldSpec.getActiveDeadlineSeconds() != null) {
            errs.invalid(specPath.child("activeDeadlineSeconds"), "null", "must not update from a positive integer to nil value");
        }
        errs.addAll(onlyAddedTolerations(spec.getTolerations(), oldSpec.getTolerations(), specPath.child("tolerations")));
        errs.addAll(onlyDeletedSchedulingGates(spec.getSchedulingGates(), oldSpec.getSchedulingGates(), specPath.child("schedulingGates")));
        if (Objects.equals(spec, oldSpec)) {
            return errs;
        }
        PodSpec munged = Json.MAPPER.convertValue(spec, PodSpec.class);
        List<Container> containers = nn(munged.getContainers());
        for (int i = 0; i < containers.size(); i++) {
            containers.get(i).setImage(oldSpec.getContainers().get(i).getImage());
        }
        List<Container> inits = nn(munged.getInitContainers());
        for (int i = 0; i < inits.size(); i++) {
            inits.get(i).setImage(oldSpec.getInitContainers().get(i).getImage());
        }
        munged.setActiveDeadlineSeconds(oldSpec.getActiveDeadlineSeconds());
        munged.setSchedulingGates(oldSpec.getSchedulingGates());
        munged.setTolerations(oldSpec.getTolerations());
        if (oldSpec.getTerminationGracePeriodSeconds() != null && oldSpec.getTerminationGracePeriodSeconds() < 0
                && Long.valueOf(1).equals(munged.getTerminationGracePeriodSeconds())) {
            munged.setTerminationGracePeriodSeconds(oldSpec.getTerminationGracePeriodSeconds());
        }
        if (!nn(oldSpec.getSchedulingGates()).isEmpty()) {
            // gated pods may gain node selectors (never lose or change them)
            Map<String, String> oldSel = oldSpec.getNodeSelector() == null ? Map.of() : oldSpec.getNodeSelector();
            Map<String, String> newSel = munged.getNodeSelector() == null ? Map.of() : munged.getNodeSelector();
            if (!oldSel.equals(newSel)) {
                for (Map.Entry<String, String> e : oldSel.entrySet()) {
                    if (!e.getValue().equals(newSel.get(e.getKey()))) {
                        errs.invalid(specPath.child("nodeSelector"), new GoValue(newSel.toString()),
                                "only additions to spec.nodeSelector are allowed (no mutations or deletions)");
                        break;
                    }
                }
                munged.setNodeSelector(oldSpec.getNodeSelector());
            }
        }
        JsonNode before = Json.MAPPER.valueToTree(oldSpec);
        JsonNode after = Json.MAPPER.valueToTree(munged);
        if (!before.equals(after)) {
            errs.forbidden(specPath, "pod updates may not change fields other than " + UPDATABLE_FIELDS + "\n"
                    + SpecDiff.describe(before, after));
        }
        return errs;
    }

    private static boolean containerCountChanged(List<Container> now, List<Container> before, FieldPath path, FieldErrors errs) {
        if (nn(now).size() != nn(before).size()) {
            errs.forbidden(path, "pod updates may not add or remove containers");
            return true;
        }
        List<Container> list = nn(now);
        for (int i = 0; i < list.size(); i++) {
            String image = list.get(i).getImage();
            if (isEmpty(image)) {
                errs.required(path.index(i).child("image"), "");
            }
            errs.addAll(ContainerValidation.imageWhitespace(image, path.index(i).child("image")));
        }
        return false;
    }

    /** Upstream {@code validateOnlyAddedTolerations}: existing ones may only change tolerationSeconds. */
    static FieldErrors onlyAddedTolerations(List<Toleration> now, List<Toleration> before, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        for (Toleration old : nn(before)) {
            boolean found = false;
            for (Toleration t : nn(now)) {
                if (Objects.equals(old.getKey(), t.getKey()) && Objects.equals(old.getOperator(), t.getOperator())
                        && Objects.equals(old.getValue(), t.getValue()) && Objects.equals(old.getEffect(), t.getEffect())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return errs.forbidden(path, "existing toleration can not be modified except its tolerationSeconds");
            }
        }
        return errs.addAll(SchedulingValidation.validateTolerations(now, path));
    }

    private static FieldErrors onlyDeletedSchedulingGates(List<PodSchedulingGate> now, List<PodSchedulingGate> before, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        Set<String> old = new HashSet<>();
        for (PodSchedulingGate g : nn(before)) {
            old.add(g.getName());
        }
        List<PodSchedulingGate> list = nn(now);
        for (int i = 0; i < list.size(); i++) {
            if (!old.contains(list.get(i).getName())) {
                errs.forbidden(path.index(i).child("name"),
                        "only deletion is allowed, but found new scheduling gate '" + list.get(i).getName() + "'");
            }
        }
        return errs;
    }

    /** Upstream {@code ValidatePodSpecificAnnotationUpdates}: the mirror-pod annotation is fixed. */
    static FieldErrors annotationUpdates(Pod pod, Pod old, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        Map<String, String> now = annotations(pod);
        Map<String, String> before = annotations(old);
        String key = PodSpecValidation.MIRROR_POD_ANNOTATION;
        if (before.containsKey(key) && !Objects.equals(before.get(key), now.get(key))) {
            errs.forbidden(path.key(key), "may not remove or update mirror pod annotation");
        }
        if (!before.containsKey(key) && now.containsKey(key)) {
            errs.forbidden(path.key(key), "may not add mirror pod annotation");
        }
        return errs.addAll(PodSpecValidation.validatePodSpecificAnnotations(now, pod.getSpec(), path));
    }

    /** Upstream {@code ValidatePodStatusUpdate} minus the ObjectMeta part (the registry's). */
    public static FieldErrors validateStatusUpdate(Pod pod, Pod old) {
        FieldErrors errs = annotationUpdates(pod, old, FieldPath.of("metadata", "annotations"));
        List<PodCondition> conditions = pod.getStatus() == null ? List.of() : nn(pod.getStatus().getConditions());
        for (int i = 0; i < conditions.size(); i++) {
            String type = conditions.get(i).getType() == null ? "" : conditions.get(i).getType();
            if (!Set.of("PodScheduled", "Ready", "Initialized").contains(type)) {
                // upstream reports these under metadata, with a capital T
                errs.addAll(FieldValidators.qualifiedName(type, FieldPath.of("metadata", "conditions").index(i).child("Type")));
            }
        }
        FieldPath status = FieldPath.of("status");
        if (!Objects.equals(nz(pod.getSpec().getNodeName()), nz(old.getSpec().getNodeName()))) {
            errs.forbidden(status.child("nodeName"), "may not be changed directly");
        }
        String nominated = pod.getStatus() == null ? "" : nz(pod.getStatus().getNominatedNodeName());
        String oldNominated = old.getStatus() == null ? "" : nz(old.getStatus().getNominatedNodeName());
        if (!nominated.equals(oldNominated) && !nominated.isEmpty()) {
            errs.addAll(FieldValidators.name(NameValidation::dns1123Subdomain, nominated, status.child("nominatedNodeName")));
        }
        String qos = pod.getStatus() == null ? "" : nz(pod.getStatus().getQosClass());
        String oldQos = old.getStatus() == null ? "" : nz(old.getStatus().getQosClass());
        errs.addAll(ObjectMetaValidation.validateImmutableField(qos, oldQos, status.child("qosClass")));
        if (pod.getStatus() != null) {
            String restart = nz(old.getSpec().getRestartPolicy());
            errs.addAll(stateTransitions(pod.getStatus().getContainerStatuses(),
                    old.getStatus() == null ? null : old.getStatus().getContainerStatuses(), status.child("containerStatuses"), restart));
            errs.addAll(podIps(pod.getStatus().getPodIPs(), status.child("podIPs")));
            errs.addAll(hostIps(pod.getStatus().getHostIP(), pod.getStatus().getHostIPs(), status.child("hostIPs")));
        }
        return errs;
    }

    private static FieldErrors stateTransitions(List<ContainerStatus> now, List<ContainerStatus> before, FieldPath path,
                                                String restartPolicy) {
        FieldErrors errs = new FieldErrors();
        if (restartPolicy.equals("Always")) {
            return errs;
        }
        List<ContainerStatus> olds = nn(before);
        for (int i = 0; i < olds.size(); i++) {
            ContainerStatus o = olds.get(i);
            if (o.getState() == null || o.getState().getTerminated() == null) {
                continue;
            }
            Integer exit = o.getState().getTerminated().getExitCode();
            if (exit != null && exit != 0 && restartPolicy.equals("OnFailure")) {
                continue;
            }
            for (ContainerStatus n : nn(now)) {
                if (Objects.equals(o.getName(), n.getName()) && (n.getState() == null || n.getState().getTerminated() == null)) {
                    errs.forbidden(path.index(i).child("state"), "may not be transitioned to non-terminated state");
                }
            }
        }
        return errs;
    }

    private static FieldErrors podIps(List<PodIP> ips, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nn(ips).size(); i++) {
            String ip = nz(ips.get(i).getIp());
            values.add(ip);
            errs.addAll(FieldValidators.ip(ip, path.index(i)));
        }
        if (values.size() > 1 && errs.isEmpty()) {
            if (!isDualStack(values)) {
                errs.invalid(path, new GoValue(values.toString()), "may specify no more than one IP for each IP family");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < values.size(); i++) {
                if (!seen.add(values.get(i))) {
                    errs.duplicate(path.index(i), values.get(i));
                }
            }
        }
        return errs;
    }

    private static FieldErrors hostIps(String hostIp, List<HostIP> ips, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (nn(ips).isEmpty()) {
            return errs;
        }
        if (!nz(hostIp).equals(nz(ips.get(0).getIp()))) {
            errs.invalid(path.index(0).child("ip"), nz(ips.get(0).getIp()), "must be equal to `hostIP`");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < ips.size(); i++) {
            String ip = nz(ips.get(i).getIp());
            values.add(ip);
            errs.addAll(FieldValidators.ip(ip, path.index(i)));
        }
        if (values.size() > 1 && !isDualStack(values)) {
            errs.invalid(path, new GoValue(values.toString()), "may specify no more than one IP for each IP family");
        }
        return errs;
    }

    private static boolean isDualStack(List<String> ips) {
        if (ips.size() != 2) {
            return false;
        }
        IpAddress a = IpAddress.parse(ips.get(0));
        IpAddress b = IpAddress.parse(ips.get(1));
        return a != null && b != null && a.isIpv4() != b.isIpv4();
    }

    private static Map<String, String> annotations(Pod p) {
        if (p.getMetadata() == null || p.getMetadata().getAnnotations() == null) {
            return Map.of();
        }
        return p.getMetadata().getAnnotations();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A short, readable account of which spec fields differ (upstream prints a cmp.Diff here). */
    static final class SpecDiff {
        private SpecDiff() {
        }

        static String describe(JsonNode before, JsonNode after) {
            List<String> lines = new ArrayList<>();
            collect("spec", before, after, lines);
            return String.join("\n", lines);
        }

        private static void collect(String path, JsonNode a, JsonNode b, List<String> out) {
            if (Objects.equals(a, b)) {
                return;
            }
            if (a != null && b != null && a.isObject() && b.isObject()) {
                Set<String> names = new java.util.TreeSet<>();
                a.fieldNames().forEachRemaining(names::add);
                b.fieldNames().forEachRemaining(names::add);
                for (String n : names) {
                    collect(path + "." + n, a.get(n), b.get(n), out);
                }
                return;
            }
            if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
                Iterator<JsonNode> ia = a.elements();
                Iterator<JsonNode> ib = b.elements();
                int i = 0;
                while (ia.hasNext()) {
                    collect(path + "[" + i++ + "]", ia.next(), ib.next(), out);
                }
                return;
            }
            out.add("- " + path + ": " + (a == null ? "<unset>" : a.toString()));
            out.add("+ " + path + ": " + (b == null ? "<unset>" : b.toString()));
        }
    }
}
