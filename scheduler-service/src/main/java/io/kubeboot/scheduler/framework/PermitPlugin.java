package io.kubeboot.scheduler.framework;

import java.time.Duration;

/** Approves, rejects or holds (WAIT, up to a timeout) a pod before it is bound. */
public interface PermitPlugin extends Plugin {

    record Result(Status status, Duration timeout) {
        public static final Result ALLOW = new Result(Status.success(), Duration.ZERO);
    }

    Result permit(CycleState state, PodInfo pod, String nodeName);
}
