package io.kubeboot.node.runtime;

import java.time.Instant;

/**
 * What part of a container's log to return ({@code pods/{name}/log} query parameters).
 *
 * @param follow     stream new lines until the container stops
 * @param tailLines  only the last N lines; null for all
 * @param since      only lines at or after this time; null for all
 * @param timestamps prefix each line with its RFC3339Nano timestamp
 * @param limitBytes stop after this many bytes; null for no limit
 */
public record LogOptions(boolean follow, Long tailLines, Instant since, boolean timestamps, Long limitBytes) {
    public static LogOptions all() {
        return new LogOptions(false, null, null, false, null);
    }
}
