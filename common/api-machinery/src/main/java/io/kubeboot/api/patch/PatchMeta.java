package io.kubeboot.api.patch;

import java.util.List;

/**
 * The patch struct tags of one field: {@code strategies} as written in the tag, e.g.
 * {@code ["merge", "retainKeys"]}, and {@code mergeKey}, "" when the field has none (a merged list
 * of primitives, or a retainKeys-only object). Immutable.
 */
public record PatchMeta(List<String> strategies, String mergeKey) {
    public static final PatchMeta NONE = new PatchMeta(List.of(), "");

    public PatchMeta {
        strategies = List.copyOf(strategies);
        mergeKey = mergeKey == null ? "" : mergeKey;
    }

    /** The tag text, e.g. {@code merge,retainKeys}, as x-kubernetes-patch-strategy publishes it. */
    public String strategy() {
        return String.join(",", strategies);
    }
}
