package io.kubeboot.node.kubelet.status;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;

/** API container statuses as upstream's kubelet_pods_test.go builds them. */
final class StatusFixtures {
    private StatusFixtures() {
    }

    static ContainerStatus running(String name) {
        ContainerStatus s = new ContainerStatus();
        s.setName(name);
        ContainerState st = new ContainerState();
        st.setRunning(new ContainerStateRunning());
        s.setState(st);
        return s;
    }

    static ContainerStatus terminated(String name, int exitCode) {
        ContainerStatus s = new ContainerStatus();
        s.setName(name);
        s.setState(terminatedState(exitCode));
        return s;
    }

    static ContainerStatus waiting(String name) {
        ContainerStatus s = new ContainerStatus();
        s.setName(name);
        ContainerState st = new ContainerState();
        st.setWaiting(new ContainerStateWaiting(null, "ContainerCreating"));
        s.setState(st);
        return s;
    }

    /** Waiting again after a termination (a crash loop). */
    static ContainerStatus waitingAfter(String name, int lastExitCode) {
        ContainerStatus s = waiting(name);
        s.setLastState(terminatedState(lastExitCode));
        return s;
    }

    /** Running with its startup probe passed (upstream's startedState). */
    static ContainerStatus started(String name) {
        ContainerStatus s = running(name);
        s.setStarted(true);
        return s;
    }

    static ContainerStatus ready(String name, boolean ready) {
        ContainerStatus s = running(name);
        s.setReady(ready);
        return s;
    }

    static ContainerState terminatedState(int exitCode) {
        ContainerState st = new ContainerState();
        ContainerStateTerminated t = new ContainerStateTerminated();
        t.setExitCode(exitCode);
        st.setTerminated(t);
        return st;
    }
}
