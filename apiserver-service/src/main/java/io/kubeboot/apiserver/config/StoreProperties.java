package io.kubeboot.apiserver.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the store's Redis is, {@code kubeboot.store.*} (environment: {@code KUBEBOOT_STORE_URL},
 * {@code KUBEBOOT_STORE_CLUSTER_NODES}, ...). With neither a URL nor cluster nodes, an embedded Redis
 * with AOF is started under {@code embedded-dir} (the quick start).
 */
@ConfigurationProperties("kubeboot.store")
public class StoreProperties {
    /** redis://host:port/db, rediss://..., or redis-sentinel://h1:26379,h2:26379/0#master. */
    private String url = "";
    /** Redis Cluster seed nodes (redis://host:port), instead of url. */
    private List<String> clusterNodes = new ArrayList<>();
    /** Key prefix, used as the Redis Cluster hash tag. */
    private String prefix = "kubeboot";
    private Duration timeout = Duration.ofSeconds(10);
    /** Port of the embedded Redis (0 = a free one). */
    private int embeddedPort = 0;
    /** Data folder of the embedded Redis (AOF). */
    private String embeddedDir = ".kubeboot/redis";

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public List<String> getClusterNodes() {
        return clusterNodes;
    }

    public void setClusterNodes(List<String> clusterNodes) {
        this.clusterNodes = clusterNodes;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getEmbeddedPort() {
        return embeddedPort;
    }

    public void setEmbeddedPort(int embeddedPort) {
        this.embeddedPort = embeddedPort;
    }

    public String getEmbeddedDir() {
        return embeddedDir;
    }

    public void setEmbeddedDir(String embeddedDir) {
        this.embeddedDir = embeddedDir;
    }
}
