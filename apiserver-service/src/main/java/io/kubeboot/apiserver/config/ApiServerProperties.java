package io.kubeboot.apiserver.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the apiserver, {@code kubeboot.apiserver.*} (environment: {@code KUBEBOOT_APISERVER_*}).
 * Defaults suit one machine.
 */
@ConfigurationProperties("kubeboot.apiserver")
public class ApiServerProperties {
    /** ClusterIPs are allocated from this range (the first address goes to the kubernetes Service). */
    private String serviceCidr = "10.96.0.0/12";
    /** NodePorts are allocated from this range. */
    private String nodePortRange = "30000-32767";
    /** Request bodies larger than this get 413, as kube-apiserver's 3 MiB limit. */
    private int maxRequestBodyBytes = 3 * 1024 * 1024;
    /** Events kept per resource type for watches from a recent resourceVersion. */
    private int watchCacheSize = 10_000;
    /** How often history is compacted (0 = never); compaction keeps at least one interval. */
    private Duration compactionInterval = Duration.ofMinutes(5);
    /** How often watchers that asked for bookmarks get one. */
    private Duration bookmarkInterval = Duration.ofSeconds(10);
    /** How long a consistent read waits for the watch cache to catch up before 504. */
    private Duration cacheWaitTimeout = Duration.ofSeconds(3);
    /** Upper bound of a watch without timeoutSeconds (kube-apiserver: 30 to 60 minutes). */
    private Duration maxWatchTimeout = Duration.ofMinutes(30);
    /** How long a watcher's events are gathered into one write (0 = write each at once). */
    private Duration watchFlushInterval = Duration.ofMillis(50);
    /** The gitVersion /version reports. */
    private String gitVersion = "v1.32.0";
    /**
     * Node address types tried in order to reach a kubelet ({@code pods/log}), as upstream's
     * {@code --kubelet-preferred-address-types}. Upstream's default starts with Hostname; KubeBoot's starts with
     * InternalIP because several node agents share one machine (and one host name) on different loopback
     * addresses, and because host names are never resolved (network safety: only addresses of this machine).
     */
    private java.util.List<String> kubeletPreferredAddressTypes = new java.util.ArrayList<>(java.util.List.of(
            "InternalIP", "Hostname", "InternalDNS", "ExternalDNS", "ExternalIP"));
    /** How long connecting to a kubelet may take. */
    private Duration kubeletConnectTimeout = Duration.ofSeconds(5);

    public String getServiceCidr() {
        return serviceCidr;
    }

    public void setServiceCidr(String serviceCidr) {
        this.serviceCidr = serviceCidr;
    }

    public String getNodePortRange() {
        return nodePortRange;
    }

    public void setNodePortRange(String nodePortRange) {
        this.nodePortRange = nodePortRange;
    }

    public int getMaxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    public void setMaxRequestBodyBytes(int maxRequestBodyBytes) {
        this.maxRequestBodyBytes = maxRequestBodyBytes;
    }

    public int getWatchCacheSize() {
        return watchCacheSize;
    }

    public void setWatchCacheSize(int watchCacheSize) {
        this.watchCacheSize = watchCacheSize;
    }

    public Duration getCompactionInterval() {
        return compactionInterval;
    }

    public void setCompactionInterval(Duration compactionInterval) {
        this.compactionInterval = compactionInterval;
    }

    public Duration getBookmarkInterval() {
        return bookmarkInterval;
    }

    public void setBookmarkInterval(Duration bookmarkInterval) {
        this.bookmarkInterval = bookmarkInterval;
    }

    public Duration getCacheWaitTimeout() {
        return cacheWaitTimeout;
    }

    public void setCacheWaitTimeout(Duration cacheWaitTimeout) {
        this.cacheWaitTimeout = cacheWaitTimeout;
    }

    public Duration getMaxWatchTimeout() {
        return maxWatchTimeout;
    }

    public void setMaxWatchTimeout(Duration maxWatchTimeout) {
        this.maxWatchTimeout = maxWatchTimeout;
    }

    public Duration getWatchFlushInterval() {
        return watchFlushInterval;
    }

    public void setWatchFlushInterval(Duration watchFlushInterval) {
        this.watchFlushInterval = watchFlushInterval;
    }

    public String getGitVersion() {
        return gitVersion;
    }

    public void setGitVersion(String gitVersion) {
        this.gitVersion = gitVersion;
    }

    public java.util.List<String> getKubeletPreferredAddressTypes() {
        return kubeletPreferredAddressTypes;
    }

    public void setKubeletPreferredAddressTypes(java.util.List<String> kubeletPreferredAddressTypes) {
        this.kubeletPreferredAddressTypes = kubeletPreferredAddressTypes;
    }

    public Duration getKubeletConnectTimeout() {
        return kubeletConnectTimeout;
    }

    public void setKubeletConnectTimeout(Duration kubeletConnectTimeout) {
        this.kubeletConnectTimeout = kubeletConnectTimeout;
    }
}
