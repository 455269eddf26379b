package io.kubeboot.apiserver.storage;

import java.util.Map;

/**
 * One object as the watch cache holds it: the stored JSON bytes (served as they are, never
 * re-serialized) plus what filtering needs, extracted once when the change arrives.
 * Immutable; the byte array is never modified after construction.
 */
public record CachedObject(String key, String namespace, String name, Map<String, String> labels,
                           Map<String, String> fields, byte[] json, long revision) {
}
