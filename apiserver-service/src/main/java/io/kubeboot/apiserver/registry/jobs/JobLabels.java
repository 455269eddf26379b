package io.kubeboot.apiserver.registry.jobs;

/** The labels the Job registry puts on generated selectors and pod templates (upstream {@code batch} consts). */
public final class JobLabels {
    public static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    public static final String JOB_NAME = "batch.kubernetes.io/job-name";
    public static final String LEGACY_CONTROLLER_UID = "controller-uid";
    public static final String LEGACY_JOB_NAME = "job-name";

    private JobLabels() {
    }
}
