package io.kubeboot.bench.core;

/**
 * How one operation ended. Failures carry a short kind (e.g. {@code "HTTP 500"}, {@code "timeout"}) so
 * the report can say what failed, not just how often.
 */
public record Outcome(boolean ok, String failure) {
    public static final Outcome OK = new Outcome(true, null);

    public static Outcome failed(String kind) {
        return new Outcome(false, kind);
    }
}
