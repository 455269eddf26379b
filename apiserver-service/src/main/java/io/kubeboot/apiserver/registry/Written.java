package io.kubeboot.apiserver.registry;

import java.util.List;

/** A write's answer: the object as stored (JSON), whether it was created, and Warning headers. */
public record Written(byte[] json, boolean created, List<String> warnings) {
    public Written {
        warnings = List.copyOf(warnings);
    }
}
