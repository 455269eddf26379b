package io.kubeboot.scheduler.framework;

/**
 * Binds the pod to the node. A binder returning SKIP passes the pod to the next one; the first other
 * status ends the Bind phase.
 */
public interface BindPlugin extends Plugin {
    Status bind(CycleState state, PodInfo pod, String nodeName);
}
