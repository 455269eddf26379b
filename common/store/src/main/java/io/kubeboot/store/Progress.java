package io.kubeboot.store;

import java.util.Map;

/** The global revision and, read with it atomically, each asked resource type's newest change revision. */
public record Progress(long revision, Map<String, Long> latestChange) {
    public Progress {
        latestChange = Map.copyOf(latestChange);
    }
}
