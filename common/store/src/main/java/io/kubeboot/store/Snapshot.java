package io.kubeboot.store;

import java.util.List;

/** All objects of one resource type as of {@code revision}; history at or below {@code compacted} is gone. */
public record Snapshot(long revision, long compacted, List<KeyValue> items) {
    public Snapshot {
        items = List.copyOf(items);
    }
}
