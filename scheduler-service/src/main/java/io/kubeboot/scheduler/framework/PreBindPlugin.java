package io.kubeboot.scheduler.framework;

/** Work that must be done before the binding is written (volumes, in upstream). Runs in the binding cycle. */
public interface PreBindPlugin extends Plugin {
    Status preBind(CycleState state, PodInfo pod, String nodeName);
}
