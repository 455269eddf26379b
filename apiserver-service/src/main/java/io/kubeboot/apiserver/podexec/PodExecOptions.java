package io.kubeboot.apiserver.podexec;

import io.kubeboot.api.errors.ApiErrors;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The query of {@code GET|POST pods/{name}/exec}, as upstream's {@code v1.PodExecOptions} decoded from URL values:
 * {@code stdin}, {@code stdout}, {@code stderr}, {@code tty} (the first value; false only when absent, {@code 0} or
 * {@code false}), {@code container} and the repeated {@code command}. Immutable.
 */
public record PodExecOptions(String container, boolean stdin, boolean stdout, boolean stderr, boolean tty,
                             List<String> command) {
    public PodExecOptions {
        command = List.copyOf(command);
    }

    public static PodExecOptions parse(Map<String, List<String>> query) {
        String container = first(query, "container");
        return new PodExecOptions(container == null ? "" : container, bool(query, "stdin"), bool(query, "stdout"),
                bool(query, "stderr"), bool(query, "tty"), query.getOrDefault("command", List.of()));
    }

    /** 400 {@code you must specify at least 1 command} for an empty argv. */
    public void validate() {
        if (command.isEmpty()) {
            throw ApiErrors.badRequest("you must specify at least 1 command");
        }
    }

    /**
     * The kubelet's query, as upstream's {@code streamParams} and Go's {@code url.Values.Encode}: keys sorted
     * ({@code command}, {@code error}, {@code input}, {@code output}, {@code tty}), the streams as {@code 1} under the
     * kubelet's names, the command in order.
     */
    public String kubeletQuery() {
        StringBuilder q = new StringBuilder();
        for (String c : command) {
            append(q, "command", c);
        }
        if (stderr) {
            append(q, "error", "1");
        }
        if (stdin) {
            append(q, "input", "1");
        }
        if (stdout) {
            append(q, "output", "1");
        }
        if (tty) {
            append(q, "tty", "1");
        }
        return q.toString();
    }

    private static void append(StringBuilder q, String key, String value) {
        if (!q.isEmpty()) {
            q.append('&');
        }
        q.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean bool(Map<String, List<String>> query, String name) {
        String v = first(query, name);
        return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
    }
}
