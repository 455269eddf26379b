package io.kubeboot.node.kubelet.prober;

/**
 * One probe run's result and output (upstream probe.Result and its output string). A {@link Result#WARNING} counts as
 * success but is reported with a ProbeWarning event (an HTTP redirect that was not followed).
 */
public record ProbeOutcome(Result result, String output) {
    public enum Result { SUCCESS, WARNING, FAILURE }

    static ProbeOutcome success(String output) {
        return new ProbeOutcome(Result.SUCCESS, output);
    }

    static ProbeOutcome failure(String output) {
        return new ProbeOutcome(Result.FAILURE, output);
    }
}
