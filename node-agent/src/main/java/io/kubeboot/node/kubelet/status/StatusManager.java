package io.kubeboot.node.kubelet.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeboot.api.json.Json;
import io.kubeboot.node.kubelet.ContainerRestarts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream's status manager: keeps the last status generated per pod (keeping condition transition times and the
 * start time stable, refusing illegal terminated-to-running transitions) and writes it through
 * {@code pods/{name}/status} as a JSON merge patch only when it changed. Once a pod's termination is finished
 * ({@link #terminatePod}) and the pod is marked for deletion, it deletes the pod object with grace period 0 and a
 * uid precondition, as the kubelet does.
 *
 * <p>Thread safety: safe for concurrent use; calls for one pod must not overlap (the pod workers ensure this).
 * Never mutates the pods it is given (they are informer objects).
 */
public final class StatusManager {
    private static final Logger log = LoggerFactory.getLogger(StatusManager.class);
    private static final List<String> TIMED_CONDITIONS = List.of(PodConditions.CONTAINERS_READY, PodConditions.READY,
            PodConditions.INITIALIZED, PodConditions.POD_READY_TO_START_CONTAINERS, PodConditions.POD_SCHEDULED,
            PodConditions.DISRUPTION_TARGET);

    private final PodStatusWriter writer;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private static final class Cached {
        PodStatus status;
        boolean finished;
        /** The status as last written to the API (the base of the next patch). */
        JsonNode written;
    }

    public StatusManager(PodStatusWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    /** The status last generated for the pod, if any (upstream GetPodStatus). */
    public Optional<PodStatus> cached(String podUid) {
        Cached c = cache.get(podUid);
        return c == null ? Optional.empty() : Optional.of(c.status);
    }

    /** Records the pod's newly generated status and writes it if it changed. */
    public void setPodStatus(Pod pod, PodStatus status) {
        update(pod, status, false, false);
    }

    /**
     * The end of the pod's life on this node (upstream TerminatePod): containers without a terminated state are
     * reported as terminated with {@code ContainerStatusUnknown}, a non-terminal phase becomes Failed, the status is
     * written, and a pod marked for deletion is deleted.
     */
    public void terminatePod(Pod pod) {
        Cached c = cache.get(pod.getMetadata().getUid());
        PodStatus base = c != null ? c.status : pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        PodStatus status = PodStatusGenerator.copy(base);
        if (hasPodInitialized(pod)) {
            for (ContainerStatus cs : nullToEmpty(status.getContainerStatuses())) {
                if (cs.getState() == null || cs.getState().getTerminated() == null) {
                    cs.setState(unknownTerminated());
                }
            }
        }
        List<ContainerStatus> inits = nullToEmpty(status.getInitContainerStatuses());
        int initialized = initializedPrefix(inits);
        for (int i = 0; i < initialized; i++) {
            ContainerStatus cs = inits.get(i);
            if (cs.getState() == null || cs.getState().getTerminated() == null) {
                cs.setState(unknownTerminated());
            }
        }
        if (!PodPhases.isTerminal(status.getPhase())) {
            status.setPhase(PodPhases.FAILED);
        }
        update(pod, status, true, true);
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            writer.delete(pod);
        }
    }

    /** Forgets the pod (it is gone from the API). */
    public void forget(String podUid) {
        cache.remove(podUid);
    }

    private void update(Pod pod, PodStatus status, boolean force, boolean finished) {
        String uid = pod.getMetadata().getUid();
        Cached cached = cache.get(uid);
        PodStatus old = cached != null ? cached.status : pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String illegal = illegalTransition(old, status, pod);
        if (illegal != null) {
            log.error("Status update on pod {}/{} aborted: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), illegal);
            return;
        }
        PodStatus next = PodStatusGenerator.copy(status);
        for (String type : TIMED_CONDITIONS) {
            updateLastTransitionTime(next, old, type);
        }
        if (old.getStartTime() != null && !old.getStartTime().isEmpty()) {
            next.setStartTime(old.getStartTime());
        } else if (next.getStartTime() == null || next.getStartTime().isEmpty()) {
            next.setStartTime(Timestamps.format(clock.instant()));
        }
        if (cached != null && Json.MAPPER.valueToTree(cached.status).equals(Json.MAPPER.valueToTree(next)) && !force) {
            return;
        }
        if (cached == null) {
            cached = new Cached();
            cache.put(uid, cached);
        }
        cached.status = next;
        cached.finished = cached.finished || finished;
        write(pod, cached);
    }

    private void write(Pod pod, Cached cached) {
        JsonNode target = Json.MAPPER.valueToTree(cached.status);
        JsonNode base = cached.written != null ? cached.written
                : Json.MAPPER.valueToTree(pod.getStatus() == null ? new PodStatus() : pod.getStatus());
        for (int attempt = 0; attempt < 3; attempt++) {
            ObjectNode diff = JsonMergePatch.diff(base, target);
            if (diff.isEmpty()) {
                cached.written = target;
                return;
            }
            ObjectNode patch = Json.NODES.objectNode();
            patch.putObject("metadata").put("uid", pod.getMetadata().getUid());
            patch.set("status", diff);
            switch (writer.patchStatus(pod, patch.toString())) {
                case OK -> {
                    cached.written = target;
                    return;
                }
                case NOT_FOUND, FAILED -> {
                    return;
                }
                case CONFLICT -> {
                    Optional<Pod> fresh = writer.read(pod);
                    if (fresh.isEmpty()) {
                        return;
                    }
                    base = Json.MAPPER.valueToTree(fresh.get().getStatus() == null ? new PodStatus() : fresh.get().getStatus());
                }
            }
        }
    }

    private void updateLastTransitionTime(PodStatus status, PodStatus old, String type) {
        PodCondition c = find(status.getConditions(), type);
        if (c == null) {
            return;
        }
        PodCondition o = find(old.getConditions(), type);
        if (o != null && Objects.equals(o.getStatus(), c.getStatus()) && o.getLastTransitionTime() != null) {
            c.setLastTransitionTime(o.getLastTransitionTime());
        } else {
            c.setLastTransitionTime(Timestamps.format(clock.instant()));
        }
    }

    /** Upstream's checkContainerStateTransition. */
    static String illegalTransition(PodStatus old, PodStatus next, Pod pod) {
        String policy = ContainerRestarts.restartPolicy(pod);
        if (ContainerRestarts.ALWAYS.equals(policy)) {
            return null;
        }
        String r = illegal(nullToEmpty(old.getContainerStatuses()), nullToEmpty(next.getContainerStatuses()), policy, "terminated container ");
        if (r != null) {
            return r;
        }
        List<ContainerStatus> oldInits = new ArrayList<>();
        for (ContainerStatus s : nullToEmpty(old.getInitContainerStatuses())) {
            boolean restartable = pod.getSpec().getInitContainers() != null && pod.getSpec().getInitContainers().stream()
                    .anyMatch(c -> c.getName().equals(s.getName()) && PodPhases.isRestartable(c));
            if (!restartable) {
                oldInits.add(s);
            }
        }
        return illegal(oldInits, nullToEmpty(next.getInitContainerStatuses()), policy, "terminated init container ");
    }

    private static String illegal(List<ContainerStatus> olds, List<ContainerStatus> news, String policy, String what) {
        for (ContainerStatus o : olds) {
            ContainerStateTerminated t = o.getState() == null ? null : o.getState().getTerminated();
            if (t == null) {
                continue;
            }
            if (t.getExitCode() != null && t.getExitCode() != 0 && ContainerRestarts.ON_FAILURE.equals(policy)) {
                continue;
            }
            for (ContainerStatus n : news) {
                if (o.getName().equals(n.getName()) && (n.getState() == null || n.getState().getTerminated() == null)) {
                    return what + n.getName() + " attempted illegal transition to non-terminated state";
                }
            }
        }
        return null;
    }

    /** Upstream's hasPodInitialized, from the pod's API status. */
    static boolean hasPodInitialized(Pod pod) {
        if (pod.getSpec().getInitContainers() == null || pod.getSpec().getInitContainers().isEmpty()) {
            return true;
        }
        PodStatus s = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        for (ContainerStatus cs : nullToEmpty(s.getContainerStatuses())) {
            if ((cs.getLastState() != null && cs.getLastState().getTerminated() != null)
                    || cs.getState() == null || cs.getState().getWaiting() == null) {
                return true;
            }
        }
        List<ContainerStatus> inits = nullToEmpty(s.getInitContainerStatuses());
        if (!inits.isEmpty()) {
            ContainerStatus last = inits.get(inits.size() - 1);
            return terminatedZero(last.getLastState()) || terminatedZero(last.getState());
        }
        return false;
    }

    private static boolean terminatedZero(ContainerState s) {
        return s != null && s.getTerminated() != null && s.getTerminated().getExitCode() != null && s.getTerminated().getExitCode() == 0;
    }

    /** Upstream's initializedContainers: all but the trailing never-started (waiting) ones, at least one. */
    static int initializedPrefix(List<ContainerStatus> containers) {
        for (int i = containers.size() - 1; i >= 0; i--) {
            ContainerStatus c = containers.get(i);
            if (c.getState() == null || c.getState().getWaiting() == null
                    || (c.getLastState() != null && c.getLastState().getTerminated() != null)) {
                return i + 1;
            }
        }
        return containers.isEmpty() ? 0 : 1;
    }

    private static ContainerState unknownTerminated() {
        ContainerStateTerminated t = new ContainerStateTerminated();
        t.setReason(PodStatusGenerator.CONTAINER_STATUS_UNKNOWN);
        t.setMessage("The container could not be located when the pod was terminated");
        t.setExitCode(137);
        ContainerState s = new ContainerState();
        s.setTerminated(t);
        return s;
    }

    private static PodCondition find(List<PodCondition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        for (PodCondition c : conditions) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    private static <T> List<T> nullToEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
