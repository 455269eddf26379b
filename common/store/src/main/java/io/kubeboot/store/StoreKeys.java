package io.kubeboot.store;

import java.nio.charset.StandardCharsets;

/**
 * Redis key names. Every key is {@code {prefix}:...}: the braces make the prefix the Redis Cluster
 * hash tag, so all keys live in one slot and every Lua script is single-slot. (One global revision
 * means every write touches the counter, so a single slot is inherent, as etcd is one Raft group.)
 */
final class StoreKeys {
    private final String tag;

    StoreKeys(String prefix) {
        this.tag = "{" + prefix + "}";
    }

    byte[] revision() {
        return b(tag + ":revision");
    }

    byte[] compacted() {
        return b(tag + ":compacted");
    }

    byte[] objects(String resource) {
        return b(tag + ":objects:" + resource);
    }

    byte[] log(String resource) {
        return b(tag + ":log:" + resource);
    }

    byte[] claims(String index) {
        return b(tag + ":claims:" + index);
    }

    /** The resource type of a change-log key, or null. */
    String resourceOfLog(byte[] key) {
        String k = new String(key, StandardCharsets.UTF_8);
        String p = tag + ":log:";
        return k.startsWith(p) ? k.substring(p.length()) : null;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
