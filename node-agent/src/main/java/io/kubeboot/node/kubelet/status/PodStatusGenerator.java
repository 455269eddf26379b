package io.kubeboot.node.kubelet.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountStatus;
import io.kubeboot.api.json.Json;
import io.kubeboot.node.kubelet.ContainerRestarts;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.prober.ProbeManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream's {@code generateAPIPodStatus} (with {@code convertToAPIContainerStatuses}, {@code getPhase} and the
 * probe manager's {@code UpdatePodStatus}): the pod status the kubelet reports, from what the runtime holds, the
 * last start failures ({@link ReasonCache}) and the previous status. Pure apart from reading the probe results and
 * the reason cache; never mutates its inputs.
 */
public final class PodStatusGenerator {
    public static final String CONTAINER_CREATING = "ContainerCreating";
    public static final String POD_INITIALIZING = "PodInitializing";
    public static final String CONTAINER_STATUS_UNKNOWN = "ContainerStatusUnknown";

    private final String nodeAddress;
    private final String idScheme;
    private final ProbeManager probes;
    private final ReasonCache reasons;

    /**
     * @param nodeAddress the node's InternalIP (hostIP, and the pod IP of hostNetwork pods)
     * @param idScheme    the runtime's type, the scheme of container IDs ({@code docker://<id>})
     */
    public PodStatusGenerator(String nodeAddress, String idScheme, ProbeManager probes, ReasonCache reasons) {
        this.nodeAddress = nodeAddress;
        this.idScheme = idScheme;
        this.probes = probes;
        this.reasons = reasons;
    }

    /**
     * @param oldStatus     the last status the kubelet generated for this pod, else the pod's API status
     * @param podIsTerminal the pod will not run again (deleted, or done): stopped containers make it Succeeded/Failed
     */
    public PodStatus generate(Pod pod, RuntimePod runtimePod, PodStatus oldStatus, boolean podIsTerminal) {
        PodStatus apiStatus = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        PodStatus old = oldStatus == null ? apiStatus : oldStatus;
        PodStatus s = new PodStatus();
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        String ip = hostNetwork ? null : runtimePod.podIp();
        if (ip != null) {
            s.setPodIP(ip);
            s.setPodIPs(List.of(new PodIP(ip)));
        }
        s.setQosClass(apiStatus.getQosClass() != null ? apiStatus.getQosClass() : QosClasses.of(pod));
        boolean hasInit = !inits(pod).isEmpty();
        s.setContainerStatuses(convert(pod, runtimePod, nullToEmpty(old.getContainerStatuses()), pod.getSpec().getContainers(), hasInit, false));
        s.setInitContainerStatuses(convert(pod, runtimePod, nullToEmpty(old.getInitContainerStatuses()), inits(pod), hasInit, true));

        List<ContainerStatus> all = new ArrayList<>(s.getContainerStatuses());
        all.addAll(s.getInitContainerStatuses());
        String phase = PodPhases.phase(pod, all, podIsTerminal);
        if (!PodPhases.isTerminal(phase)) {
            if (PodPhases.isTerminal(old.getPhase())) {
                phase = old.getPhase();
            } else if (PodPhases.isTerminal(apiStatus.getPhase())) {
                phase = apiStatus.getPhase();
            }
        }
        s.setPhase(phase);
        if (phase.equals(old.getPhase())) {
            s.setReason(emptyToNull(old.getReason()) != null ? old.getReason() : emptyToNull(apiStatus.getReason()));
            s.setMessage(emptyToNull(old.getMessage()) != null ? old.getMessage() : emptyToNull(apiStatus.getMessage()));
        }
        if (PodPhases.isTerminal(apiStatus.getPhase()) && !apiStatus.getPhase().equals(s.getPhase())) {
            s.setPhase(apiStatus.getPhase()); // pods never leave a terminal phase
        }

        applyProbeResults(pod, s);

        List<PodCondition> conditions = new ArrayList<>();
        for (PodCondition c : nullToEmpty(apiStatus.getConditions())) {
            if (!PodConditions.OWNED.contains(c.getType())) {
                conditions.add(c);
            }
        }
        for (PodCondition c : nullToEmpty(old.getConditions())) {
            if (PodConditions.DISRUPTION_TARGET.equals(c.getType()) && conditions.stream().noneMatch(x -> x.getType().equals(c.getType()))) {
                conditions.add(c);
            }
        }
        List<ContainerStatus> allForConditions = new ArrayList<>(s.getInitContainerStatuses());
        allForConditions.addAll(s.getContainerStatuses());
        conditions.add(PodConditions.readyToStartContainers(runtimePod));
        conditions.add(PodConditions.initialized(pod, allForConditions, s.getPhase()));
        conditions.add(PodConditions.ready(pod, conditions, allForConditions, s.getPhase()));
        conditions.add(PodConditions.containersReady(pod, allForConditions, s.getPhase()));
        conditions.add(PodConditions.scheduled());
        s.setConditions(conditions);

        s.setHostIP(nodeAddress);
        s.setHostIPs(List.of(new HostIP(nodeAddress)));
        if (hostNetwork) {
            String podIp = emptyToNull(old.getPodIP()) != null ? old.getPodIP() : nodeAddress;
            s.setPodIP(podIp);
            s.setPodIPs(List.of(new PodIP(podIp)));
        }
        s.setStartTime(old.getStartTime());
        return s;
    }

    /** The probe manager's UpdatePodStatus: started and ready of each container. */
    private void applyProbeResults(Pod pod, PodStatus s) {
        String uid = pod.getMetadata().getUid();
        for (ContainerStatus c : s.getContainerStatuses()) {
            boolean running = c.getState() != null && c.getState().getRunning() != null;
            String id = rawId(c.getContainerID());
            boolean started = running && probes.started(uid, c.getName(), id);
            c.setStarted(started);
            c.setReady(running && started && probes.ready(uid, c.getName(), id));
        }
        for (ContainerStatus c : s.getInitContainerStatuses()) {
            Container spec = inits(pod).stream().filter(x -> x.getName().equals(c.getName())).findFirst().orElse(null);
            boolean running = c.getState() != null && c.getState().getRunning() != null;
            String id = rawId(c.getContainerID());
            if (spec != null && PodPhases.isRestartable(spec)) {
                boolean started = running && probes.started(uid, c.getName(), id);
                c.setStarted(started);
                c.setReady(running && started && probes.ready(uid, c.getName(), id));
            } else {
                c.setStarted(false);
                ContainerStateTerminated t = c.getState() == null ? null : c.getState().getTerminated();
                c.setReady(t != null && t.getExitCode() != null && t.getExitCode() == 0);
            }
        }
    }

    private List<ContainerStatus> convert(Pod pod, RuntimePod rp, List<ContainerStatus> previous, List<Container> containers,
                                          boolean hasInit, boolean isInit) {
        Map<String, ContainerStatus> old = new HashMap<>();
        for (ContainerStatus p : previous) {
            old.put(p.getName(), p);
        }
        String defaultReason = hasInit ? POD_INITIALIZING : CONTAINER_CREATING;
        Map<String, ContainerStatus> statuses = new LinkedHashMap<>();
        for (Container c : containers) {
            ContainerStatus status = new ContainerStatus();
            status.setName(c.getName());
            status.setImage(c.getImage());
            status.setImageID("");
            status.setRestartCount(0);
            status.setReady(false);
            status.setState(waiting(defaultReason, null));
            status.setLastState(new ContainerState());
            status.setVolumeMounts(volumeMounts(c));
            ContainerStatus o = old.get(c.getName());
            if (o != null) {
                if (o.getState() != null && o.getState().getTerminated() != null) {
                    status = copy(o);
                } else {
                    status.setRestartCount(o.getRestartCount() == null ? 0 : o.getRestartCount());
                    status.setLastState(o.getLastState() == null ? new ContainerState() : copy(o.getLastState()));
                }
            }
            statuses.put(c.getName(), status);
        }

        // a container that ran before and is gone from the runtime terminated, even without a known exit code
        for (Container c : containers) {
            if (rp.latest(c.getName()).isPresent()) {
                continue;
            }
            ContainerStatus o = old.get(c.getName());
            if (o == null || o.getState() == null || o.getState().getTerminated() != null || o.getState().getRunning() == null) {
                continue;
            }
            ContainerStatus status = statuses.get(c.getName());
            boolean defaultWaiting = status.getState().getWaiting() != null && defaultReason.equals(status.getState().getWaiting().getReason());
            if (!defaultWaiting || (status.getLastState() != null && status.getLastState().getTerminated() != null)) {
                continue;
            }
            status.setLastState(terminatedState(CONTAINER_STATUS_UNKNOWN,
                    "The container could not be located when the pod was deleted.  The container used to be Running", 137));
            if (pod.getMetadata().getDeletionTimestamp() == null) {
                status.setRestartCount(status.getRestartCount() + 1);
            }
        }

        Map<String, Integer> seen = new HashMap<>();
        for (io.kubeboot.node.runtime.ContainerStatus cs : rp.containers()) {
            if (!statuses.containsKey(cs.name())) {
                continue;
            }
            int n = seen.getOrDefault(cs.name(), 0);
            if (n >= 2) {
                continue;
            }
            Container spec = containers.stream().filter(c -> c.getName().equals(cs.name())).findFirst().orElseThrow();
            ContainerStatus converted = convertOne(cs, spec, old.get(cs.name()));
            if (n == 0) {
                converted.setVolumeMounts(statuses.get(cs.name()).getVolumeMounts());
                statuses.put(cs.name(), converted);
            } else {
                statuses.get(cs.name()).setLastState(converted.getState());
            }
            seen.put(cs.name(), n + 1);
        }

        String uid = pod.getMetadata().getUid();
        for (Container c : containers) {
            if (isInit) {
                Optional<io.kubeboot.node.runtime.ContainerStatus> latest = rp.latest(c.getName());
                if (latest.isPresent() && latest.get().state() == io.kubeboot.node.runtime.ContainerStatus.State.EXITED
                        && latest.get().exitCode() == 0) {
                    continue;
                }
            }
            if (!ContainerRestarts.shouldContainerBeRestarted(c, pod, rp)) {
                continue;
            }
            Optional<ReasonCache.Reason> reason = reasons.get(uid, c.getName());
            if (reason.isEmpty()) {
                continue;
            }
            ContainerStatus status = statuses.get(c.getName());
            if (status.getState().getTerminated() != null) {
                status.setLastState(status.getState());
            }
            status.setState(waiting(reason.get().reason(), reason.get().message()));
        }
        return new ArrayList<>(statuses.values());
    }

    private ContainerStatus convertOne(io.kubeboot.node.runtime.ContainerStatus cs, Container spec, ContainerStatus old) {
        String cid = idScheme + "://" + cs.id();
        ContainerStatus status = new ContainerStatus();
        status.setName(cs.name());
        status.setRestartCount(cs.restartCount());
        status.setImage(spec.getImage());
        status.setImageID(imageId(cs.imageId()));
        status.setContainerID(cid);
        status.setReady(false);
        status.setLastState(new ContainerState());
        switch (cs.state()) {
            case RUNNING -> {
                ContainerState st = new ContainerState();
                st.setRunning(new ContainerStateRunning(Timestamps.format(cs.startedAt())));
                status.setState(st);
            }
            case CREATED -> status.setState(waiting(null, null));
            case EXITED -> {
                ContainerStateTerminated t = new ContainerStateTerminated();
                t.setExitCode(cs.exitCode());
                t.setReason(cs.reason());
                t.setMessage(cs.message());
                t.setStartedAt(Timestamps.format(cs.startedAt()));
                t.setFinishedAt(Timestamps.format(cs.finishedAt()));
                t.setContainerID(cid);
                ContainerState st = new ContainerState();
                st.setTerminated(t);
                status.setState(st);
            }
            default -> {
                if (old != null && old.getState() != null && old.getState().getRunning() != null) {
                    status.setState(terminatedState(CONTAINER_STATUS_UNKNOWN,
                            "The container could not be located when the pod was terminated", 137));
                    status.setRestartCount((old.getRestartCount() == null ? 0 : old.getRestartCount()) + 1);
                } else {
                    status.setState(waiting(null, null));
                }
            }
        }
        return status;
    }

    /** {@code docker-pullable://} for digest references, else {@code <scheme>://<image id>}. */
    private String imageId(String id) {
        if (id == null || id.isEmpty()) {
            return "";
        }
        return (id.contains("@") ? "docker-pullable" : idScheme) + "://" + id;
    }

    private static List<VolumeMountStatus> volumeMounts(Container c) {
        if (c.getVolumeMounts() == null || c.getVolumeMounts().isEmpty()) {
            return null;
        }
        List<VolumeMountStatus> out = new ArrayList<>();
        for (VolumeMount m : c.getVolumeMounts()) {
            VolumeMountStatus v = new VolumeMountStatus();
            v.setName(m.getName());
            v.setMountPath(m.getMountPath());
            boolean ro = Boolean.TRUE.equals(m.getReadOnly());
            v.setReadOnly(ro ? Boolean.TRUE : null);
            if (ro) {
                v.setRecursiveReadOnly("Disabled");
            }
            out.add(v);
        }
        return out;
    }

    static String rawId(String containerId) {
        if (containerId == null) {
            return null;
        }
        int i = containerId.indexOf("://");
        return i < 0 ? containerId : containerId.substring(i + 3);
    }

    private static ContainerState waiting(String reason, String message) {
        ContainerState st = new ContainerState();
        st.setWaiting(new ContainerStateWaiting(message, reason));
        return st;
    }

    private static ContainerState terminatedState(String reason, String message, int exitCode) {
        ContainerStateTerminated t = new ContainerStateTerminated();
        t.setReason(reason);
        t.setMessage(message);
        t.setExitCode(exitCode);
        ContainerState st = new ContainerState();
        st.setTerminated(t);
        return st;
    }

    private static List<Container> inits(Pod pod) {
        return pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
    }

    private static <T> List<T> nullToEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static <T> T copy(T value) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        return Json.MAPPER.convertValue(value, type);
    }
}
