package io.kubeboot.scheduler.plugins.defaultbinder;

import io.kubeboot.scheduler.framework.BindPlugin;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.PluginFactory;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Status;

/** Writes the binding through the API ({@code POST pods/{name}/binding}), as upstream's DefaultBinder. */
public final class DefaultBinder implements BindPlugin {
    public static final String NAME = "DefaultBinder";

    private final Handle handle;

    public DefaultBinder(Handle handle) {
        this.handle = handle;
    }

    public static PluginFactory factory() {
        return (args, handle) -> new DefaultBinder(handle);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status bind(CycleState state, PodInfo pod, String nodeName) {
        try {
            handle.client().bind(pod.pod(), nodeName);
            return Status.success();
        } catch (RuntimeException e) {
            return Status.error(e);
        }
    }
}
