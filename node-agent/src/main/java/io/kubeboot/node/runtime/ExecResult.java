package io.kubeboot.node.runtime;

/**
 * The outcome of an exec: exit code (-1 when it timed out) and the combined output, truncated to a few KiB as the
 * kubelet's probe output is.
 */
public record ExecResult(int exitCode, String output, boolean timedOut) {
}
