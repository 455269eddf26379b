package io.kubeboot.node.kubelet.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.kubeboot.node.kubelet.ContainerRestarts;

import java.util.List;
import java.util.Optional;

/** Upstream's {@code getPhase} (kubelet_pods.go): the pod phase from its container statuses. */
public final class PodPhases {
    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    private PodPhases() {
    }

    public static boolean isTerminal(String phase) {
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }

    /**
     * @param info         init and regular container statuses together
     * @param podIsTerminal the pod will not run again (being deleted or finished): all stopped means Succeeded or
     *                     Failed whatever the restart policy
     */
    public static String phase(Pod pod, List<ContainerStatus> info, boolean podIsTerminal) {
        PodSpec spec = pod.getSpec();
        int pendingRegularInit = 0;
        int pendingSidecars = 0;
        int failedInitialization = 0;
        List<Container> inits = spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
        for (Container c : inits) {
            if (isRestartable(c)) {
                continue;
            }
            Optional<ContainerStatus> st = find(info, c.getName());
            if (st.isEmpty()) {
                pendingRegularInit++;
                continue;
            }
            ContainerStatus s = st.get();
            if (s.getState() != null && s.getState().getRunning() != null) {
                pendingRegularInit++;
            } else if (s.getState() != null && s.getState().getTerminated() != null) {
                if (exit(s.getState().getTerminated().getExitCode()) != 0) {
                    failedInitialization++;
                }
            } else if (s.getState() != null && s.getState().getWaiting() != null) {
                if (lastTerminated(s)) {
                    if (exit(s.getLastState().getTerminated().getExitCode()) != 0) {
                        failedInitialization++;
                    }
                } else {
                    pendingRegularInit++;
                }
            } else {
                pendingRegularInit++;
            }
        }

        int unknown = 0;
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (Container c : inits) {
            if (!isRestartable(c)) {
                continue;
            }
            Optional<ContainerStatus> st = find(info, c.getName());
            if (st.isEmpty()) {
                unknown++;
                continue;
            }
            ContainerStatus s = st.get();
            if (s.getState() != null && s.getState().getRunning() != null) {
                if (!Boolean.TRUE.equals(s.getStarted())) {
                    pendingSidecars++;
                }
                running++;
            } else if (s.getState() != null && s.getState().getTerminated() != null) {
                // terminated restartable init containers do not count for the phase
            } else if (s.getState() != null && s.getState().getWaiting() != null) {
                if (!lastTerminated(s)) {
                    pendingSidecars++;
                    waiting++;
                }
            } else {
                pendingSidecars++;
                unknown++;
            }
        }

        for (Container c : spec.getContainers()) {
            Optional<ContainerStatus> st = find(info, c.getName());
            if (st.isEmpty()) {
                unknown++;
                continue;
            }
            ContainerStatus s = st.get();
            if (s.getState() != null && s.getState().getRunning() != null) {
                running++;
            } else if (s.getState() != null && s.getState().getTerminated() != null) {
                stopped++;
                if (exit(s.getState().getTerminated().getExitCode()) == 0) {
                    succeeded++;
                }
            } else if (s.getState() != null && s.getState().getWaiting() != null) {
                if (lastTerminated(s)) {
                    stopped++;
                } else {
                    waiting++;
                }
            } else {
                unknown++;
            }
        }

        String policy = ContainerRestarts.restartPolicy(pod);
        if (failedInitialization > 0 && ContainerRestarts.NEVER.equals(policy)) {
            return FAILED;
        }
        // a pending regular init container keeps the pod Pending; a restarting sidecar only until a regular
        // container has run (the pod was initialized before)
        if (pendingRegularInit > 0 || (pendingSidecars > 0 && !hasAnyRegularContainerStarted(spec, info)) || waiting > 0) {
            return PENDING;
        }
        if (running > 0 && unknown == 0) {
            return RUNNING;
        }
        if (running == 0 && stopped > 0 && unknown == 0) {
            if (podIsTerminal) {
                return stopped == succeeded ? SUCCEEDED : FAILED;
            }
            if (ContainerRestarts.ALWAYS.equals(policy)) {
                return RUNNING;
            }
            if (stopped == succeeded) {
                return SUCCEEDED;
            }
            if (ContainerRestarts.NEVER.equals(policy)) {
                return FAILED;
            }
            return RUNNING;
        }
        return PENDING;
    }

    /** Upstream's {@code HasAnyRegularContainerStarted}. */
    public static boolean hasAnyRegularContainerStarted(PodSpec spec, List<ContainerStatus> statuses) {
        if (statuses == null) {
            return false;
        }
        for (ContainerStatus s : statuses) {
            boolean regular = spec.getContainers().stream().anyMatch(c -> c.getName().equals(s.getName()));
            if (regular && s.getState() != null && (s.getState().getRunning() != null || s.getState().getTerminated() != null)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isRestartable(Container c) {
        return ContainerRestarts.ALWAYS.equals(c.getRestartPolicy());
    }

    static Optional<ContainerStatus> find(List<ContainerStatus> info, String name) {
        if (info == null) {
            return Optional.empty();
        }
        return info.stream().filter(s -> name.equals(s.getName())).findFirst();
    }

    private static boolean lastTerminated(ContainerStatus s) {
        return s.getLastState() != null && s.getLastState().getTerminated() != null;
    }

    private static int exit(Integer code) {
        return code == null ? 0 : code;
    }
}
