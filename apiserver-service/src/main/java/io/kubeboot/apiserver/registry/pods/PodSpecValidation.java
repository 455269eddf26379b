package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.api.validation.LabelValidation;
import io.kubeboot.api.validation.NameValidation;
import io.kubeboot.api.validation.ObjectMetaValidation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kubeboot.apiserver.registry.pods.PodDefaults.isEmpty;
import static io.kubeboot.apiserver.registry.pods.PodDefaults.nn;

/**
 * Pod spec and pod template validation as upstream's {@code ValidatePodSpec} and
 * {@code ValidatePodTemplateSpec}. Shared by the Pod strategy and every workload that embeds a pod
 * template (Deployments, ReplicaSets, DaemonSets, Jobs, CronJobs). Expects a defaulted spec, as the
 * registry defaults before it validates.
 */
public final class PodSpecValidation {
    private PodSpecValidation() {
    }

    public static final String MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
    public static final String POD_DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";
    private static final String SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
    private static final String SECCOMP_CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";
    private static final int MAX_DNS_NAMESERVERS = 3;
    private static final int MAX_DNS_SEARCH_PATHS = 32;
    private static final int MAX_DNS_SEARCH_LIST_CHARS = 2048;

    /**
     * Upstream {@code ValidatePodTemplateSpec}: template labels and annotations (reported under
     * {@code <path>.labels}, as upstream does), the pod spec, and no ephemeral containers.
     */
    public static FieldErrors validatePodTemplateSpec(PodTemplateSpec template, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (template == null) {
            return errs.required(path, "");
        }
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        PodSpec spec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        errs.addAll(LabelValidation.validateLabels(meta.getLabels(), path.child("labels")));
        errs.addAll(ObjectMetaValidation.validateAnnotations(meta.getAnnotations(), path.child("annotations")));
        errs.addAll(validatePodSpecificAnnotations(meta.getAnnotations(), spec, path.child("annotations")));
        errs.addAll(validatePodSpec(spec, null, path.child("spec"), false));
        if (!nn(spec.getEphemeralContainers()).isEmpty()) {
            errs.forbidden(path.child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template");
        }
        return errs;
    }

    /**
     * Upstream {@code ValidatePodSpec} for a spec embedded in another resource.
     *
     * @param podMeta the pod's metadata when validating a real Pod (for ephemeral volume names), else null
     */
    public static FieldErrors validatePodSpec(PodSpec spec, ObjectMeta podMeta, FieldPath path) {
        return validatePodSpec(spec, podMeta, path, false);
    }

    /** @param resourceIsPod whether the spec belongs to a Pod (stricter host-network port rule) */
    static FieldErrors validatePodSpec(PodSpec spec, ObjectMeta podMeta, FieldPath path, boolean resourceIsPod) {
        FieldErrors errs = new FieldErrors();
        if (spec.getTerminationGracePeriodSeconds() == null) {
            errs.required(path.child("terminationGracePeriodSeconds"), "");
        }
        Long gracePeriod = spec.getTerminationGracePeriodSeconds();
        String restartPolicy = spec.getRestartPolicy() == null ? "" : spec.getRestartPolicy();

        VolumeValidation.Result vols = VolumeValidation.validateVolumes(spec.getVolumes(), podMeta, path.child("volumes"));
        errs.addAll(vols.errors());
        errs.addAll(ContainerValidation.validateContainers(spec.getContainers(), vols.volumes(), gracePeriod,
                path.child("containers"), restartPolicy));
        errs.addAll(ContainerValidation.validateInitContainers(spec.getInitContainers(), spec.getContainers(),
                vols.volumes(), gracePeriod, path.child("initContainers"), restartPolicy));
        errs.addAll(ContainerValidation.validateEphemeralContainers(spec.getEphemeralContainers(), spec.getContainers(),
                spec.getInitContainers(), vols.volumes(), path.child("ephemeralContainers"), restartPolicy));
        errs.addAll(hostNetworkPorts(spec, path, resourceIsPod));
        errs.addAll(restartPolicy(restartPolicy, path.child("restartPolicy")));
        errs.addAll(dnsPolicy(spec.getDnsPolicy(), path.child("dnsPolicy")));
        errs.addAll(LabelValidation.validateLabels(spec.getNodeSelector(), path.child("nodeSelector")));
        errs.addAll(SecurityContextValidation.validatePod(spec.getSecurityContext(), Boolean.TRUE.equals(spec.getHostNetwork()),
                Boolean.TRUE.equals(spec.getHostIPC()), Boolean.TRUE.equals(spec.getHostPID()),
                spec.getShareProcessNamespace(), path.child("securityContext")));
        errs.addAll(SchedulingValidation.validateAffinity(spec.getAffinity(), path.child("affinity")));
        errs.addAll(dnsConfig(spec.getDnsConfig(), spec.getDnsPolicy(), path.child("dnsConfig")));
        List<PodReadinessGate> gates = nn(spec.getReadinessGates());
        for (int i = 0; i < gates.size(); i++) {
            errs.addAll(FieldValidators.qualifiedName(gates.get(i).getConditionType(), path.child("readinessGates").index(i).child("conditionType")));
        }
        errs.addAll(schedulingGates(spec.getSchedulingGates(), path.child("schedulingGates")));
        errs.addAll(SchedulingValidation.validateTopologySpreadConstraints(spec.getTopologySpreadConstraints(),
                path.child("topologySpreadConstraints")));
        errs.addAll(hostUsers(spec, path));
        if (!isEmpty(spec.getServiceAccountName())) {
            errs.addAll(FieldValidators.name(NameValidation::dns1123Subdomain, spec.getServiceAccountName(),
                    path.child("serviceAccountName")));
        }
        if (!isEmpty(spec.getNodeName())) {
            errs.addAll(FieldValidators.name(NameValidation::dns1123Subdomain, spec.getNodeName(), path.child("nodeName")));
        }
        if (spec.getActiveDeadlineSeconds() != null) {
            long v = spec.getActiveDeadlineSeconds();
            if (v < 1 || v > Integer.MAX_VALUE) {
                errs.invalid(path.child("activeDeadlineSeconds"), v, Dns.inclusiveRangeError(1, Integer.MAX_VALUE));
            }
        }
        if (!isEmpty(spec.getHostname())) {
            errs.addAll(FieldValidators.dns1123Label(spec.getHostname(), path.child("hostname")));
        }
        if (!isEmpty(spec.getSubdomain())) {
            errs.addAll(FieldValidators.dns1123Label(spec.getSubdomain(), path.child("subdomain")));
        }
        errs.addAll(SchedulingValidation.validateTolerations(spec.getTolerations(), path.child("tolerations")));
        List<HostAlias> aliases = nn(spec.getHostAliases());
        for (int i = 0; i < aliases.size(); i++) {
            FieldPath ap = path.child("hostAliases").index(i);
            errs.addAll(FieldValidators.ip(aliases.get(i).getIp(), ap.child("ip")));
            List<String> hostnames = nn(aliases.get(i).getHostnames());
            for (int j = 0; j < hostnames.size(); j++) {
                errs.addAll(FieldValidators.dns1123Subdomain(hostnames.get(j), ap.child("hostnames").index(j)));
            }
        }
        if (!isEmpty(spec.getPriorityClassName())) {
            errs.addAll(FieldValidators.name(NameValidation::dns1123Subdomain, spec.getPriorityClassName(),
                    path.child("priorityClassName")));
        }
        if (spec.getRuntimeClassName() != null) {
            errs.addAll(FieldValidators.name(NameValidation::dns1123Subdomain, spec.getRuntimeClassName(),
                    path.child("runtimeClassName")));
        }
        if (spec.getPreemptionPolicy() != null) {
            switch (spec.getPreemptionPolicy()) {
                case "PreemptLowerPriority", "Never" -> {
                }
                case "" -> errs.required(path.child("preemptionPolicy"), "");
                default -> errs.notSupported(path.child("preemptionPolicy"), spec.getPreemptionPolicy(),
                        List.of("PreemptLowerPriority", "Never"));
            }
        }
        if (spec.getOverhead() != null && !spec.getOverhead().isEmpty()) {
            errs.addAll(ResourceValidation.validateContainerResources(
                    new ResourceRequirements(null, spec.getOverhead(), null), path.child("overhead")));
        }
        if (spec.getOs() != null) {
            String os = spec.getOs().getName() == null ? "" : spec.getOs().getName();
            if (os.isEmpty()) {
                errs.required(path.child("os", "name"), "cannot be empty");
            } else if (!os.equals("linux") && !os.equals("windows")) {
                errs.notSupported(path.child("os"), os, List.of("linux", "windows"));
            } else if (os.equals("linux")) {
                errs.addAll(linuxOnly(spec, path));
            }
        }
        return errs;
    }

    /** Upstream {@code ValidatePodSpecificAnnotations} (mirror pods, deletion cost, seccomp). */
    public static FieldErrors validatePodSpecificAnnotations(Map<String, String> annotations, PodSpec spec, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (annotations == null) {
            return errs;
        }
        if (annotations.containsKey(MIRROR_POD_ANNOTATION) && isEmpty(spec.getNodeName())) {
            errs.invalid(path.key(MIRROR_POD_ANNOTATION), annotations.get(MIRROR_POD_ANNOTATION),
                    "must set spec.nodeName if mirror pod annotation is set");
        }
        if (annotations.containsKey(POD_DELETION_COST_ANNOTATION)) {
            String cost = annotations.get(POD_DELETION_COST_ANNOTATION);
            try {
                Integer.parseInt(cost);
            } catch (NumberFormatException e) {
                errs.invalid(path.key(POD_DELETION_COST_ANNOTATION), cost, "must be a 32bit integer");
            }
        }
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            if (e.getKey().equals(SECCOMP_POD_ANNOTATION) || e.getKey().startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX)) {
                errs.addAll(seccompAnnotation(e.getValue(), path.child(e.getKey())));
            }
        }
        return errs;
    }

    private static FieldErrors seccompAnnotation(String p, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String v = p == null ? "" : p;
        if (v.equals("runtime/default") || v.equals("docker/default") || v.equals("unconfined")) {
            return errs;
        }
        if (v.startsWith("localhost/")) {
            return VolumeValidation.localDescendingPath(v.substring("localhost/".length()), path);
        }
        return errs.invalid(path, v, "must be a valid seccomp profile");
    }

    private static FieldErrors hostNetworkPorts(PodSpec spec, FieldPath path, boolean resourceIsPod) {
        FieldErrors errs = new FieldErrors();
        if (!Boolean.TRUE.equals(spec.getHostNetwork())) {
            return errs;
        }
        List<Container> containers = nn(spec.getContainers());
        for (int i = 0; i < containers.size(); i++) {
            List<ContainerPort> ports = nn(containers.get(i).getPorts());
            for (int j = 0; j < ports.size(); j++) {
                int hp = ports.get(j).getHostPort() == null ? 0 : ports.get(j).getHostPort();
                int cp = ports.get(j).getContainerPort() == null ? 0 : ports.get(j).getContainerPort();
                if ((resourceIsPod || hp != 0) && hp != cp) {
                    errs.invalid(path.child("containers").index(i).child("ports").index(j).child("hostPort"), hp,
                            "must match `containerPort` when `hostNetwork` is true");
                }
            }
        }
        return errs;
    }

    static FieldErrors restartPolicy(String policy, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        switch (policy == null ? "" : policy) {
            case "Always", "OnFailure", "Never" -> {
            }
            case "" -> errs.required(path, "");
            default -> errs.notSupported(path, policy, List.of("Always", "OnFailure", "Never"));
        }
        return errs;
    }

    private static FieldErrors dnsPolicy(String policy, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        switch (policy == null ? "" : policy) {
            case "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None" -> {
            }
            case "" -> errs.required(path, "");
            default -> errs.notSupported(path, policy, List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"));
        }
        return errs;
    }

    private static FieldErrors dnsConfig(PodDNSConfig config, String dnsPolicy, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if ("None".equals(dnsPolicy)) {
            if (config == null) {
                return errs.required(path, "must provide `dnsConfig` when `dnsPolicy` is None");
            }
            if (nn(config.getNameservers()).isEmpty()) {
                return errs.required(path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None");
            }
        }
        if (config == null) {
            return errs;
        }
        List<String> ns = nn(config.getNameservers());
        if (ns.size() > MAX_DNS_NAMESERVERS) {
            errs.invalid(path.child("nameservers"), GoValue.stringSlice(ns), "must not have more than 3 nameservers");
        }
        for (int i = 0; i < ns.size(); i++) {
            errs.addAll(FieldValidators.ip(ns.get(i), path.child("nameservers").index(i)));
        }
        List<String> searches = nn(config.getSearches());
        if (searches.size() > MAX_DNS_SEARCH_PATHS) {
            errs.invalid(path.child("searches"), GoValue.stringSlice(searches), "must not have more than 32 search paths");
        }
        if (String.join(" ", searches).length() > MAX_DNS_SEARCH_LIST_CHARS) {
            errs.invalid(path.child("searches"), GoValue.stringSlice(searches),
                    "must not have more than 2048 characters (including spaces) in the search list");
        }
        for (int i = 0; i < searches.size(); i++) {
            String s = searches.get(i);
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
            errs.addAll(FieldValidators.dns1123Subdomain(s, path.child("searches").index(i)));
        }
        List<PodDNSConfigOption> options = nn(config.getOptions());
        for (int i = 0; i < options.size(); i++) {
            if (isEmpty(options.get(i).getName())) {
                errs.required(path.child("options").index(i), "must not be empty");
            }
        }
        return errs;
    }

    private static FieldErrors schedulingGates(List<PodSchedulingGate> gates, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        Set<String> seen = new HashSet<>();
        List<PodSchedulingGate> list = nn(gates);
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).getName() == null ? "" : list.get(i).getName();
            errs.addAll(FieldValidators.qualifiedName(name, path.index(i)));
            if (!seen.add(name)) {
                errs.duplicate(path.index(i), name);
            }
        }
        return errs;
    }

    private static FieldErrors hostUsers(PodSpec spec, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (!Boolean.FALSE.equals(spec.getHostUsers())) {
            return errs;
        }
        String detail = "when `pod.Spec.HostUsers` is false";
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            errs.forbidden(path.child("hostNetwork"), detail);
        }
        if (Boolean.TRUE.equals(spec.getHostPID())) {
            errs.forbidden(path.child("HostPID"), detail);
        }
        if (Boolean.TRUE.equals(spec.getHostIPC())) {
            errs.forbidden(path.child("HostIPC"), detail);
        }
        return errs;
    }

    private static FieldErrors linuxOnly(PodSpec spec, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        PodSecurityContext sc = spec.getSecurityContext();
        String detail = "windows options cannot be set for a linux pod";
        if (sc != null && sc.getWindowsOptions() != null) {
            errs.forbidden(path.child("securityContext", "windowsOptions"), detail);
        }
        List<Container> all = nn(spec.getContainers());
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).getSecurityContext() != null && all.get(i).getSecurityContext().getWindowsOptions() != null) {
                errs.forbidden(path.child("containers").index(i).child("securityContext", "windowsOptions"), detail);
            }
        }
        return errs;
    }
}
