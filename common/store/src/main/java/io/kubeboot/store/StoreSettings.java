package io.kubeboot.store;

import java.time.Duration;
import java.util.List;

/**
 * Where the store's Redis is and how its keys are named.
 *
 * @param url           a Lettuce Redis URI: {@code redis://host:port/db} for one server,
 *                      {@code redis-sentinel://s1:26379,s2:26379/0#mymaster} for a Sentinel set;
 *                      ignored when {@code clusterNodes} is set
 * @param clusterNodes  seed nodes ({@code redis://host:port}) of a Redis Cluster, or empty
 * @param prefix        key prefix; all keys carry it as a hash tag {@code {prefix}} so that every
 *                      script touches a single Cluster slot
 * @param timeout       command timeout
 */
public record StoreSettings(String url, List<String> clusterNodes, String prefix, Duration timeout) {
    public StoreSettings {
        clusterNodes = clusterNodes == null ? List.of() : List.copyOf(clusterNodes);
        if (prefix == null || prefix.isEmpty() || prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException("store prefix must be non-empty and free of braces: " + prefix);
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    public boolean cluster() {
        return !clusterNodes.isEmpty();
    }
}
