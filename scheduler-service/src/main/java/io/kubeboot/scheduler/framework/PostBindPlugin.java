package io.kubeboot.scheduler.framework;

/** Informational: called after a successful bind. Must not fail. */
public interface PostBindPlugin extends Plugin {
    void postBind(CycleState state, PodInfo pod, String nodeName);
}
