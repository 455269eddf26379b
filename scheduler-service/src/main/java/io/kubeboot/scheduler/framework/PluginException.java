package io.kubeboot.scheduler.framework;

/** Carries a non-success {@link Status} out of an extension point that returns a value (Score). */
public final class PluginException extends RuntimeException {
    private final Status status;

    public PluginException(Status status) {
        super(status.message(), null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
