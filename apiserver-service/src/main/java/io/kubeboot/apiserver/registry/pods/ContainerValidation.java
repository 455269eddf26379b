package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerResizePolicy;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SleepAction;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeDevice;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.ObjectMetaValidation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kubeboot.apiserver.registry.pods.PodDefaults.isEmpty;
import static io.kubeboot.apiserver.registry.pods.PodDefaults.nn;

/**
 * Containers as upstream's {@code validateContainers}, {@code validateInitContainers} and
 * {@code validateContainerCommon}: names, images, ports, env, mounts, probes, lifecycle hooks, pull
 * policy, resources and security context.
 */
public final class ContainerValidation {
    private ContainerValidation() {
    }

    static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final String INIT_FORBIDDEN = "may not be set for init containers without restartPolicy=Always";

    /** Regular containers: required, unique names, probes and hooks allowed, no restartPolicy. */
    static FieldErrors validateContainers(List<Container> containers, Map<String, Volume> volumes, Long gracePeriod,
                                          FieldPath path, String podRestartPolicy) {
        FieldErrors errs = new FieldErrors();
        if (nn(containers).isEmpty()) {
            return errs.required(path, "");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            FieldPath p = path.index(i);
            errs.addAll(validateContainerCommon(c, volumes, p, podRestartPolicy));
            if (!names.add(nz(c.getName()))) {
                errs.duplicate(p.child("name"), nz(c.getName()));
            }
            if (c.getLifecycle() != null) {
                errs.addAll(lifecycle(c.getLifecycle(), gracePeriod, p.child("lifecycle")));
            }
            errs.addAll(livenessProbe(c.getLivenessProbe(), gracePeriod, p.child("livenessProbe")));
            errs.addAll(readinessProbe(c.getReadinessProbe(), gracePeriod, p.child("readinessProbe")));
            errs.addAll(startupProbe(c.getStartupProbe(), gracePeriod, p.child("startupProbe")));
            if (c.getRestartPolicy() != null) {
                errs.forbidden(p.child("restartPolicy"), "may not be set for non-init containers");
            }
        }
        errs.addAll(hostPortConflicts(containers, path));
        return errs;
    }

    /** Init containers: names unique across regular and init; probes/hooks only for sidecars (restartPolicy=Always). */
    static FieldErrors validateInitContainers(List<Container> inits, List<Container> regular, Map<String, Volume> volumes,
                                              Long gracePeriod, FieldPath path, String podRestartPolicy) {
        FieldErrors errs = new FieldErrors();
        Set<String> names = new HashSet<>();
        for (Container c : nn(regular)) {
            names.add(nz(c.getName()));
        }
        List<Container> list = nn(inits);
        for (int i = 0; i < list.size(); i++) {
            Container c = list.get(i);
            FieldPath p = path.index(i);
            errs.addAll(validateContainerCommon(c, volumes, p, podRestartPolicy));
            boolean restartAlways = false;
            if (c.getRestartPolicy() != null) {
                if (!c.getRestartPolicy().equals("Always")) {
                    errs.notSupported(p.child("restartPolicy"), c.getRestartPolicy(), List.of("Always"));
                }
                restartAlways = c.getRestartPolicy().equals("Always");
            }
            if (names.contains(nz(c.getName()))) {
                errs.duplicate(p.child("name"), nz(c.getName()));
            } else if (!isEmpty(c.getName())) {
                names.add(c.getName());
            }
            errs.addAll(hostPortConflicts(List.of(c), path));
            if (restartAlways) {
                if (c.getLifecycle() != null) {
                    errs.addAll(lifecycle(c.getLifecycle(), gracePeriod, p.child("lifecycle")));
                }
                errs.addAll(livenessProbe(c.getLivenessProbe(), gracePeriod, p.child("livenessProbe")));
                errs.addAll(readinessProbe(c.getReadinessProbe(), gracePeriod, p.child("readinessProbe")));
                errs.addAll(startupProbe(c.getStartupProbe(), gracePeriod, p.child("startupProbe")));
            } else {
                if (c.getLifecycle() != null) {
                    errs.forbidden(p.child("lifecycle"), INIT_FORBIDDEN);
                }
                if (c.getLivenessProbe() != null) {
                    errs.forbidden(p.child("livenessProbe"), INIT_FORBIDDEN);
                }
                if (c.getReadinessProbe() != null) {
                    errs.forbidden(p.child("readinessProbe"), INIT_FORBIDDEN);
                }
                if (c.getStartupProbe() != null) {
                    errs.forbidden(p.child("startupProbe"), INIT_FORBIDDEN);
                }
            }
        }
        return errs;
    }

    /** Ephemeral containers: common checks and names unique across all container kinds. */
    static FieldErrors validateEphemeralContainers(List<EphemeralContainer> ephemeral, List<Container> regular,
                                                   List<Container> inits, Map<String, Volume> volumes,
                                                   FieldPath path, String podRestartPolicy) {
        FieldErrors errs = new FieldErrors();
        Set<String> names = new HashSet<>();
        Set<String> others = new HashSet<>();
        for (Container c : nn(regular)) {
            names.add(nz(c.getName()));
            others.add(nz(c.getName()));
        }
        for (Container c : nn(inits)) {
            names.add(nz(c.getName()));
            others.add(nz(c.getName()));
        }
        List<EphemeralContainer> list = nn(ephemeral);
        for (int i = 0; i < list.size(); i++) {
            EphemeralContainer ec = list.get(i);
            FieldPath p = path.index(i);
            // an ephemeral container has the fields of a container; validate it as one
            Container c = Json.MAPPER.convertValue(ec, Container.class);
            errs.addAll(validateContainerCommon(c, volumes, p, podRestartPolicy));
            errs.addAll(imageWhitespace(c.getImage(), p.child("image")));
            if (!names.add(nz(ec.getName()))) {
                errs.duplicate(p.child("name"), nz(ec.getName()));
            }
            if (!isEmpty(ec.getTargetContainerName()) && !others.contains(ec.getTargetContainerName())) {
                errs.add(io.kubeboot.api.validation.FieldError.notFound(p.child("targetContainerName").toString(),
                        ec.getTargetContainerName()));
            }
            String forbidden = "cannot be set for an Ephemeral Container";
            if (!nn(ec.getPorts()).isEmpty()) {
                errs.forbidden(p.child("ports"), forbidden);
            }
            if (ec.getResources() != null && (!emptyMap(ec.getResources().getLimits())
                    || !emptyMap(ec.getResources().getRequests()))) {
                errs.forbidden(p.child("resources"), forbidden);
            }
            if (ec.getLivenessProbe() != null) {
                errs.forbidden(p.child("livenessProbe"), forbidden);
            }
            if (ec.getReadinessProbe() != null) {
                errs.forbidden(p.child("readinessProbe"), forbidden);
            }
            if (ec.getStartupProbe() != null) {
                errs.forbidden(p.child("startupProbe"), forbidden);
            }
            if (ec.getLifecycle() != null) {
                errs.forbidden(p.child("lifecycle"), forbidden);
            }
        }
        return errs;
    }

    /** Upstream {@code validateContainerCommon}. */
    static FieldErrors validateContainerCommon(Container c, Map<String, Volume> volumes, FieldPath path,
                                               String podRestartPolicy) {
        FieldErrors errs = new FieldErrors();
        if (isEmpty(c.getName())) {
            errs.required(path.child("name"), "");
        } else {
            errs.addAll(FieldValidators.dns1123Label(c.getName(), path.child("name")));
        }
        if (isEmpty(c.getImage())) {
            errs.required(path.child("image"), "");
        }
        String tmp = nz(c.getTerminationMessagePolicy());
        switch (tmp) {
            case "File", "FallbackToLogsOnError" -> {
            }
            case "" -> errs.required(path.child("terminationMessagePolicy"), "");
            default -> errs.notSupported(path.child("terminationMessagePolicy"), tmp,
                    List.of("File", "FallbackToLogsOnError"));
        }
        Map<String, String> mounts = new HashMap<>();
        for (VolumeMount m : nn(c.getVolumeMounts())) {
            mounts.put(nz(m.getName()), nz(m.getMountPath()));
        }
        Map<String, String> devices = new HashMap<>();
        for (VolumeDevice d : nn(c.getVolumeDevices())) {
            devices.put(nz(d.getName()), nz(d.getDevicePath()));
        }
        errs.addAll(validatePorts(c.getPorts(), path.child("ports")));
        errs.addAll(EnvValidation.validateEnv(c.getEnv(), path.child("env")));
        errs.addAll(EnvValidation.validateEnvFrom(c.getEnvFrom(), path.child("envFrom")));
        errs.addAll(validateVolumeMounts(c.getVolumeMounts(), devices, volumes, c, path.child("volumeMounts")));
        errs.addAll(validateVolumeDevices(c.getVolumeDevices(), mounts, volumes, path.child("volumeDevices")));
        errs.addAll(pullPolicy(c.getImagePullPolicy(), path.child("imagePullPolicy")));
        errs.addAll(ResourceValidation.validateContainerResources(c.getResources(), path.child("resources")));
        errs.addAll(resizePolicy(c.getResizePolicy(), path.child("resizePolicy"), podRestartPolicy));
        errs.addAll(SecurityContextValidation.validateContainer(c.getSecurityContext(), path.child("securityContext")));
        return errs;
    }

    /** Pod-only check (not templates): no leading or trailing whitespace in images. */
    static FieldErrors imageWhitespace(String image, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (image != null && image.length() != image.strip().length()) {
            errs.invalid(path, image, "must not have leading or trailing whitespace");
        }
        return errs;
    }

    /** Upstream {@code validateContainerPorts}. */
    static FieldErrors validatePorts(List<ContainerPort> ports, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        Set<String> names = new HashSet<>();
        List<ContainerPort> list = nn(ports);
        for (int i = 0; i < list.size(); i++) {
            ContainerPort port = list.get(i);
            FieldPath idx = path.index(i);
            if (!isEmpty(port.getName())) {
                List<String> msgs = Dns.isValidPortName(port.getName());
                if (!msgs.isEmpty()) {
                    errs.addAll(FieldValidators.invalidEach(msgs, idx.child("name"), port.getName()));
                } else if (!names.add(port.getName())) {
                    errs.duplicate(idx.child("name"), port.getName());
                }
            }
            int cp = port.getContainerPort() == null ? 0 : port.getContainerPort();
            if (cp == 0) {
                errs.required(idx.child("containerPort"), "");
            } else {
                errs.addAll(FieldValidators.invalidEach(Dns.isValidPortNum(cp), idx.child("containerPort"), cp));
            }
            int hp = port.getHostPort() == null ? 0 : port.getHostPort();
            if (hp != 0) {
                errs.addAll(FieldValidators.invalidEach(Dns.isValidPortNum(hp), idx.child("hostPort"), hp));
            }
            String protocol = nz(port.getProtocol());
            if (protocol.isEmpty()) {
                errs.required(idx.child("protocol"), "");
            } else if (!PROTOCOLS.contains(protocol)) {
                errs.notSupported(idx.child("protocol"), protocol, PROTOCOLS);
            }
        }
        return errs;
    }

    /** Upstream {@code AccumulateUniqueHostPorts}: protocol/hostIP/hostPort unique. */
    static FieldErrors hostPortConflicts(List<Container> containers, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        Set<String> seen = new HashSet<>();
        for (int ci = 0; ci < containers.size(); ci++) {
            List<ContainerPort> ports = nn(containers.get(ci).getPorts());
            for (int pi = 0; pi < ports.size(); pi++) {
                ContainerPort p = ports.get(pi);
                int hp = p.getHostPort() == null ? 0 : p.getHostPort();
                if (hp == 0) {
                    continue;
                }
                String key = nz(p.getProtocol()) + "/" + nz(p.getHostIP()) + "/" + hp;
                if (!seen.add(key)) {
                    errs.duplicate(path.index(ci).child("ports").index(pi).child("hostPort"), key);
                }
            }
        }
        return errs;
    }

    /** Upstream {@code ValidateVolumeMounts}. */
    static FieldErrors validateVolumeMounts(List<VolumeMount> mounts, Map<String, String> devices,
                                            Map<String, Volume> volumes, Container c, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        Set<String> mountPoints = new HashSet<>();
        List<VolumeMount> list = nn(mounts);
        for (int i = 0; i < list.size(); i++) {
            VolumeMount m = list.get(i);
            FieldPath idx = path.index(i);
            String name = nz(m.getName());
            String mountPath = nz(m.getMountPath());
            if (name.isEmpty()) {
                errs.required(idx.child("name"), "");
            }
            if (!volumes.containsKey(name)) {
                errs.add(io.kubeboot.api.validation.FieldError.notFound(idx.child("name").toString(), name));
            }
            if (mountPath.isEmpty()) {
                errs.required(idx.child("mountPath"), "");
            }
            if (!mountPoints.add(mountPath)) {
                errs.invalid(idx.child("mountPath"), mountPath, "must be unique");
            }
            if (devices.containsKey(name)) {
                errs.invalid(idx.child("name"), name, "must not already exist in volumeDevices");
            }
            if (devices.containsValue(mountPath)) {
                errs.invalid(idx.child("mountPath"), mountPath, "must not already exist as a path in volumeDevices");
            }
            Volume v = volumes.get(name);
            if (v != null && v.getImage() != null) {
                if (!isEmpty(m.getSubPath())) {
                    errs.invalid(idx.child("subPath"), m.getSubPath(), "not allowed in image volume sources");
                }
                if (!isEmpty(m.getSubPathExpr())) {
                    errs.invalid(idx.child("subPathExpr"), m.getSubPathExpr(), "not allowed in image volume sources");
                }
            }
            // upstream reports these two under the list's path, not the item's
            if (!isEmpty(m.getSubPath())) {
                errs.addAll(VolumeValidation.localDescendingPath(m.getSubPath(), path.child("subPath")));
            }
            if (!isEmpty(m.getSubPathExpr())) {
                if (!isEmpty(m.getSubPath())) {
                    errs.invalid(idx.child("subPathExpr"), m.getSubPathExpr(), "subPathExpr and subPath are mutually exclusive");
                }
                errs.addAll(VolumeValidation.localDescendingPath(m.getSubPathExpr(), path.child("subPathExpr")));
            }
            if (m.getMountPropagation() != null) {
                String mp = m.getMountPropagation();
                FieldPath mpPath = path.child("mountPropagation");
                if (!Set.of("Bidirectional", "HostToContainer", "None").contains(mp)) {
                    errs.notSupported(mpPath, mp, List.of("Bidirectional", "HostToContainer", "None"));
                }
                boolean privileged = c.getSecurityContext() != null && Boolean.TRUE.equals(c.getSecurityContext().getPrivileged());
                if (mp.equals("Bidirectional") && !privileged) {
                    errs.forbidden(mpPath, "Bidirectional mount propagation is available only to privileged containers");
                }
            }
            if (m.getRecursiveReadOnly() != null) {
                FieldPath rro = path.child("recursiveReadOnly");
                switch (m.getRecursiveReadOnly()) {
                    case "Disabled" -> {
                    }
                    case "Enabled", "IfPossible" -> {
                        if (!Boolean.TRUE.equals(m.getReadOnly())) {
                            errs.forbidden(rro, "may only be specified when readOnly is true");
                        }
                        if (m.getMountPropagation() != null && !m.getMountPropagation().equals("None")) {
                            errs.forbidden(rro, "may only be specified when mountPropagation is None or not specified");
                        }
                    }
                    default -> errs.notSupported(rro, m.getRecursiveReadOnly(), List.of("Disabled", "Enabled", "IfPossible"));
                }
            }
        }
        return errs;
    }

    /** Upstream {@code ValidateVolumeDevices}: block devices come from PVC or ephemeral volumes only. */
    static FieldErrors validateVolumeDevices(List<VolumeDevice> devices, Map<String, String> mounts,
                                             Map<String, Volume> volumes, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        Set<String> paths = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<VolumeDevice> list = nn(devices);
        for (int i = 0; i < list.size(); i++) {
            VolumeDevice d = list.get(i);
            FieldPath idx = path.index(i);
            String name = nz(d.getName());
            String devPath = nz(d.getDevicePath());
            Volume v = volumes.get(name);
            if (name.isEmpty()) {
                errs.required(idx.child("name"), "");
            }
            if (names.contains(name)) {
                errs.invalid(idx.child("name"), name, "must be unique");
            }
            if (v != null && v.getPersistentVolumeClaim() == null && v.getEphemeral() == null) {
                errs.invalid(idx.child("name"), name,
                        "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode");
            }
            if (v == null) {
                errs.add(io.kubeboot.api.validation.FieldError.notFound(idx.child("name").toString(), name));
            }
            if (devPath.isEmpty()) {
                errs.required(idx.child("devicePath"), "");
            }
            if (paths.contains(devPath)) {
                errs.invalid(idx.child("devicePath"), devPath, "must be unique");
            }
            if (!devPath.isEmpty() && !VolumeValidation.pathNoBacksteps(devPath, idx).isEmpty()) {
                errs.invalid(idx.child("devicePath"), devPath, "can not contain backsteps ('..')");
            } else {
                paths.add(devPath);
            }
            if (mounts.containsKey(name)) {
                errs.invalid(idx.child("name"), name, "must not already exist in volumeMounts");
            }
            if (mounts.containsValue(devPath)) {
                errs.invalid(idx.child("devicePath"), devPath, "must not already exist as a path in volumeMounts");
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return errs;
    }

    static FieldErrors livenessProbe(Probe p, Long gracePeriod, FieldPath path) {
        FieldErrors errs = probe(p, gracePeriod, path);
        if (p != null && intOf(p.getSuccessThreshold()) != 1) {
            errs.invalid(path.child("successThreshold"), intOf(p.getSuccessThreshold()), "must be 1");
        }
        return errs;
    }

    static FieldErrors readinessProbe(Probe p, Long gracePeriod, FieldPath path) {
        FieldErrors errs = probe(p, gracePeriod, path);
        if (p != null && p.getTerminationGracePeriodSeconds() != null) {
            errs.invalid(path.child("terminationGracePeriodSeconds"), p.getTerminationGracePeriodSeconds(),
                    "must not be set for readinessProbes");
        }
        return errs;
    }

    static FieldErrors startupProbe(Probe p, Long gracePeriod, FieldPath path) {
        FieldErrors errs = probe(p, gracePeriod, path);
        if (p != null && intOf(p.getSuccessThreshold()) != 1) {
            errs.invalid(path.child("successThreshold"), intOf(p.getSuccessThreshold()), "must be 1");
        }
        return errs;
    }

    private static FieldErrors probe(Probe p, Long gracePeriod, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (p == null) {
            return errs;
        }
        errs.addAll(handler(p.getExec(), p.getHttpGet(), p.getTcpSocket(), p.getGrpc(), null, gracePeriod, path));
        errs.addAll(ObjectMetaValidation.validateNonnegativeField(intOf(p.getInitialDelaySeconds()), path.child("initialDelaySeconds")));
        errs.addAll(ObjectMetaValidation.validateNonnegativeField(intOf(p.getTimeoutSeconds()), path.child("timeoutSeconds")));
        errs.addAll(ObjectMetaValidation.validateNonnegativeField(intOf(p.getPeriodSeconds()), path.child("periodSeconds")));
        errs.addAll(ObjectMetaValidation.validateNonnegativeField(intOf(p.getSuccessThreshold()), path.child("successThreshold")));
        errs.addAll(ObjectMetaValidation.validateNonnegativeField(intOf(p.getFailureThreshold()), path.child("failureThreshold")));
        if (p.getTerminationGracePeriodSeconds() != null && p.getTerminationGracePeriodSeconds() <= 0) {
            errs.invalid(path.child("terminationGracePeriodSeconds"), p.getTerminationGracePeriodSeconds(), "must be greater than 0");
        }
        return errs;
    }

    static FieldErrors lifecycle(Lifecycle l, Long gracePeriod, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (l.getPostStart() != null) {
            LifecycleHandler h = l.getPostStart();
            errs.addAll(handler(h.getExec(), h.getHttpGet(), h.getTcpSocket(), null, h.getSleep(), gracePeriod, path.child("postStart")));
        }
        if (l.getPreStop() != null) {
            LifecycleHandler h = l.getPreStop();
            errs.addAll(handler(h.getExec(), h.getHttpGet(), h.getTcpSocket(), null, h.getSleep(), gracePeriod, path.child("preStop")));
        }
        return errs;
    }

    /** Upstream {@code validateHandler}: exactly one action. */
    private static FieldErrors handler(ExecAction exec, HTTPGetAction http, TCPSocketAction tcp, GRPCAction grpc,
                                       SleepAction sleep, Long gracePeriod, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        List<String> present = new ArrayList<>();
        String more = "may not specify more than 1 handler type";
        if (exec != null) {
            present.add("exec");
            if (nn(exec.getCommand()).isEmpty()) {
                errs.required(path.child("exec", "command"), "");
            }
        }
        if (http != null) {
            if (!present.isEmpty()) {
                errs.forbidden(path.child("httpGet"), more);
            } else {
                present.add("httpGet");
                errs.addAll(httpGet(http, path.child("httpGet")));
            }
        }
        if (tcp != null) {
            if (!present.isEmpty()) {
                errs.forbidden(path.child("tcpSocket"), more);
            } else {
                present.add("tcpSocket");
                errs.addAll(FieldValidators.portNumOrName(tcp.getPort(), path.child("tcpSocket", "port")));
            }
        }
        if (grpc != null) {
            if (!present.isEmpty()) {
                errs.forbidden(path.child("grpc"), more);
            } else {
                present.add("grpc");
                errs.addAll(FieldValidators.portNumOrName(new IntOrString(intOf(grpc.getPort())), path.child("grpc", "port")));
            }
        }
        if (sleep != null) {
            if (!present.isEmpty()) {
                errs.forbidden(path.child("sleep"), more);
            } else {
                present.add("sleep");
                long seconds = sleep.getSeconds() == null ? 0 : sleep.getSeconds();
                if (gracePeriod != null && (seconds <= 0 || seconds > gracePeriod)) {
                    errs.invalid(path.child("sleep"), seconds, "must be greater than 0 and less than "
                            + "terminationGracePeriodSeconds (" + gracePeriod + "). Enable "
                            + "AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.");
                }
            }
        }
        if (present.isEmpty()) {
            errs.required(path, "must specify a handler type");
        }
        return errs;
    }

    private static FieldErrors httpGet(HTTPGetAction a, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (isEmpty(a.getPath())) {
            errs.required(path.child("path"), "");
        }
        errs.addAll(FieldValidators.portNumOrName(a.getPort(), path.child("port")));
        String scheme = nz(a.getScheme());
        if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
            errs.notSupported(path.child("scheme"), scheme, List.of("HTTP", "HTTPS"));
        }
        for (HTTPHeader h : nn(a.getHttpHeaders())) {
            errs.addAll(FieldValidators.invalidEach(Dns.isHttpHeaderName(nz(h.getName())),
                    path.child("httpHeaders"), nz(h.getName())));
        }
        return errs;
    }

    static FieldErrors pullPolicy(String policy, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String p = nz(policy);
        if (p.isEmpty()) {
            errs.required(path, "");
        } else if (!PULL_POLICIES.contains(p)) {
            errs.notSupported(path, p, List.of("Always", "IfNotPresent", "Never"));
        }
        return errs;
    }

    private static FieldErrors resizePolicy(List<ContainerResizePolicy> policies, FieldPath path, String podRestartPolicy) {
        FieldErrors errs = new FieldErrors();
        Set<String> seen = new HashSet<>();
        List<ContainerResizePolicy> list = nn(policies);
        for (int i = 0; i < list.size(); i++) {
            ContainerResizePolicy p = list.get(i);
            String name = nz(p.getResourceName());
            if (!seen.add(name)) {
                errs.duplicate(path.index(i), name);
            }
            switch (name) {
                case "cpu", "memory" -> {
                }
                case "" -> errs.required(path, "");
                default -> errs.notSupported(path, name, List.of("cpu", "memory"));
            }
            String rp = nz(p.getRestartPolicy());
            switch (rp) {
                case "NotRequired", "RestartContainer" -> {
                }
                case "" -> errs.required(path, "");
                default -> errs.notSupported(path, rp, List.of("NotRequired", "RestartContainer"));
            }
            if ("Never".equals(podRestartPolicy) && !rp.equals("NotRequired")) {
                errs.invalid(path, rp, "must be 'NotRequired' when `restartPolicy` is 'Never'");
            }
        }
        return errs;
    }

    private static boolean emptyMap(Map<?, ?> m) {
        return m == null || m.isEmpty();
    }

    private static int intOf(Integer i) {
        return i == null ? 0 : i;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
