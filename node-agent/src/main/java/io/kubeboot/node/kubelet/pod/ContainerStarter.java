package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.ContainerReferences;
import io.kubeboot.node.kubelet.KubeletException;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.images.ImageManager;
import io.kubeboot.node.kubelet.images.ImagePullException;
import io.kubeboot.node.kubelet.prober.LifecycleHandlers;
import io.kubeboot.node.kubelet.status.ReasonCache;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.RuntimeOperationException;
import io.kubeboot.node.kubelet.KubeletEvents;

import java.util.Optional;

/**
 * Upstream's {@code startContainer}: image, config, create, start, postStart hook, each failure as upstream's
 * reason ({@code ErrImagePull}, {@code CreateContainerConfigError}, {@code CreateContainerError},
 * {@code RunContainerError}, {@code PostStartHookError}) with its event.
 */
public final class ContainerStarter {
    public static final String CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";
    public static final String CREATE_CONTAINER_ERROR = "CreateContainerError";
    public static final String RUN_CONTAINER_ERROR = "RunContainerError";
    public static final String POST_START_HOOK_ERROR = "PostStartHookError";

    private final ContainerRuntime runtime;
    private final ImageManager images;
    private final ContainerConfigFactory configs;
    private final LifecycleHandlers hooks;
    private final ContainerKiller killer;
    private final KubeletEvents events;
    private final String hostIp;

    public ContainerStarter(ContainerRuntime runtime, ImageManager images, ContainerConfigFactory configs,
                            LifecycleHandlers hooks, ContainerKiller killer, KubeletEvents events, String hostIp) {
        this.runtime = runtime;
        this.images = images;
        this.configs = configs;
        this.hooks = hooks;
        this.killer = killer;
        this.events = events;
        this.hostIp = hostIp;
    }

    /** Starts the container; returns the failure (waiting reason and message) or empty. */
    public Optional<ReasonCache.Reason> start(Pod pod, Container container, boolean init, String sandboxId, String podIp,
                                              RuntimePod runtimePod) {
        var ref = ContainerReferences.container(pod, container);
        try {
            images.ensureImageExists(pod, container);
        } catch (ImagePullException e) {
            events.event(ref, KubeletEvents.WARNING, "Failed", "Error: " + e.reason());
            return Optional.of(new ReasonCache.Reason(e.reason(), e.getMessage()));
        }
        int restartCount = runtimePod.latest(container.getName()).map(s -> s.restartCount() + 1).orElse(0);
        ContainerSpec spec;
        try {
            spec = configs.build(pod, container, init, restartCount, podIp, hostIp);
        } catch (KubeletException e) {
            events.event(ref, KubeletEvents.WARNING, "Failed", "Error: " + e.getMessage());
            return Optional.of(new ReasonCache.Reason(CREATE_CONTAINER_CONFIG_ERROR, e.getMessage()));
        }
        String id;
        try {
            id = runtime.createContainer(sandboxId, spec);
        } catch (RuntimeOperationException e) {
            events.event(ref, KubeletEvents.WARNING, "Failed", "Error: " + e.getMessage());
            return Optional.of(new ReasonCache.Reason(CREATE_CONTAINER_ERROR, e.getMessage()));
        }
        events.event(ref, KubeletEvents.NORMAL, "Created", "Created container: " + container.getName());
        try {
            runtime.startContainer(id);
        } catch (RuntimeOperationException e) {
            events.event(ref, KubeletEvents.WARNING, "Failed", "Error: " + e.getMessage());
            return Optional.of(new ReasonCache.Reason(RUN_CONTAINER_ERROR, e.getMessage()));
        }
        events.event(ref, KubeletEvents.NORMAL, "Started", "Started container " + container.getName());
        if (container.getLifecycle() != null && container.getLifecycle().getPostStart() != null) {
            Optional<String> failure = hooks.run(pod, container.getName(), id, podIp, container.getLifecycle().getPostStart());
            if (failure.isPresent()) {
                // the hook's output stays out of the event (it may hold secrets), as upstream
                events.event(ref, KubeletEvents.WARNING, "FailedPostStartHook", "PostStartHook failed");
                ContainerStatus started = runtime.containerStatus(id).orElse(new ContainerStatus(id, sandboxId,
                        pod.getMetadata().getUid(), container.getName(), ContainerStatus.State.RUNNING, 0, null, null,
                        null, null, null, container.getImage(), null, spec.labels()));
                killer.kill(pod, started, "FailedPostStartHook", null, null, podIp);
                return Optional.of(new ReasonCache.Reason(POST_START_HOOK_ERROR, failure.get()));
            }
        }
        return Optional.empty();
    }
}
