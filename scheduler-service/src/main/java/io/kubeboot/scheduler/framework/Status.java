package io.kubeboot.scheduler.framework;

import java.util.List;
import java.util.Objects;

/**
 * The verdict of one plugin at one extension point, as upstream's {@code framework.Status}. Immutable;
 * the success value is a shared constant so that the hot Filter/Score paths allocate nothing on success.
 *
 * <p>{@link #reasons()} are the short phrases users see in FailedScheduling events ("Insufficient cpu",
 * "node(s) didn't match Pod's node affinity/selector"); they are counted per node and joined by the
 * scheduler, so they must not name the node.
 */
public final class Status {
    /** Upstream's status codes, same meaning and order. */
    public enum Code {
        SUCCESS,
        /** An internal failure: the pod is retried with backoff, nothing is said about nodes. */
        ERROR,
        /** The pod does not fit this node now; preemption may help. */
        UNSCHEDULABLE,
        /** The pod does not fit this node, and preempting pods on it would not change that. */
        UNSCHEDULABLE_AND_UNRESOLVABLE,
        /** A Permit plugin holds the pod. */
        WAIT,
        /** The plugin does not apply to this pod; later calls of the same plugin in this cycle are skipped. */
        SKIP,
        /** The pod waits for something outside the scheduler (not a failure of any node). */
        PENDING
    }

    private static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), null, null);
    private static final Status SKIP = new Status(Code.SKIP, List.of(), null, null);

    private final Code code;
    private final List<String> reasons;
    private final String plugin;
    private final Throwable error;

    private Status(Code code, List<String> reasons, String plugin, Throwable error) {
        this.code = code;
        this.reasons = reasons;
        this.plugin = plugin;
        this.error = error;
    }

    public static Status success() {
        return SUCCESS;
    }

    public static Status skip() {
        return SKIP;
    }

    public static Status unschedulable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons), null, null);
    }

    public static Status unresolvable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), null, null);
    }

    public static Status of(Code code, String... reasons) {
        return code == Code.SUCCESS && reasons.length == 0 ? SUCCESS : new Status(code, List.of(reasons), null, null);
    }

    public static Status error(String message) {
        return new Status(Code.ERROR, List.of(message), null, null);
    }

    public static Status error(Throwable error) {
        return new Status(Code.ERROR, List.of(String.valueOf(error.getMessage())), null, error);
    }

    /** The same status, attributed to a plugin (the framework does this; plugins need not). */
    public Status withPlugin(String pluginName) {
        if (Objects.equals(plugin, pluginName) || this == SUCCESS || this == SKIP) {
            return this;
        }
        return new Status(code, reasons, pluginName, error);
    }

    public Code code() {
        return code;
    }

    public List<String> reasons() {
        return reasons;
    }

    /** The plugin that produced this status, null when not attributed. */
    public String plugin() {
        return plugin;
    }

    public Throwable errorCause() {
        return error;
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    public boolean isSkip() {
        return code == Code.SKIP;
    }

    /** Unschedulable, unresolvable or pending: the pod cannot go to the node (as upstream's IsRejected). */
    public boolean isRejected() {
        return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE || code == Code.PENDING;
    }

    /** The reasons joined as upstream's {@code Status.Message()}. */
    public String message() {
        return String.join(", ", reasons);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status s && s.code == code && s.reasons.equals(reasons) && Objects.equals(s.plugin, plugin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, reasons, plugin);
    }

    @Override
    public String toString() {
        return code + (reasons.isEmpty() ? "" : " " + reasons) + (plugin == null ? "" : " (" + plugin + ")");
    }
}
