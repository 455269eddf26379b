package io.kubeboot.controller.nodelifecycle;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The node lifecycle controller's settings ({@code kubeboot.controllers.node-lifecycle.*}, e.g.
 * {@code KUBEBOOT_CONTROLLERS_NODE_LIFECYCLE_NODE_MONITOR_GRACE_PERIOD=40s}), upstream's flags with their defaults.
 */
@ConfigurationProperties("kubeboot.controllers.node-lifecycle")
public class NodeLifecycleProperties {
    /** Upstream --node-monitor-period: how often node health is checked. */
    private Duration nodeMonitorPeriod = Duration.ofSeconds(5);
    /** Upstream --node-monitor-grace-period: how long without a health signal before Ready becomes Unknown. */
    private Duration nodeMonitorGracePeriod = Duration.ofSeconds(40);
    /** Upstream --node-startup-grace-period: the same for a node that never posted a Ready condition. */
    private Duration nodeStartupGracePeriod = Duration.ofSeconds(60);
    /** Upstream --node-eviction-rate: nodes tainted per second per zone while the zone is healthy. */
    private float nodeEvictionRate = 0.1f;
    /** Upstream --secondary-node-eviction-rate: the rate in a partially disrupted large zone. */
    private float secondaryNodeEvictionRate = 0.01f;
    /** Upstream --large-cluster-size-threshold: zones with more nodes count as large. */
    private int largeClusterSizeThreshold = 50;
    /** Upstream --unhealthy-zone-threshold: the share of not-Ready nodes (at least 3) making a zone partially disrupted. */
    private float unhealthyZoneThreshold = 0.55f;

    public Duration getNodeMonitorPeriod() { return nodeMonitorPeriod; }
    public void setNodeMonitorPeriod(Duration d) { this.nodeMonitorPeriod = d; }
    public Duration getNodeMonitorGracePeriod() { return nodeMonitorGracePeriod; }
    public void setNodeMonitorGracePeriod(Duration d) { this.nodeMonitorGracePeriod = d; }
    public Duration getNodeStartupGracePeriod() { return nodeStartupGracePeriod; }
    public void setNodeStartupGracePeriod(Duration d) { this.nodeStartupGracePeriod = d; }
    public float getNodeEvictionRate() { return nodeEvictionRate; }
    public void setNodeEvictionRate(float r) { this.nodeEvictionRate = r; }
    public float getSecondaryNodeEvictionRate() { return secondaryNodeEvictionRate; }
    public void setSecondaryNodeEvictionRate(float r) { this.secondaryNodeEvictionRate = r; }
    public int getLargeClusterSizeThreshold() { return largeClusterSizeThreshold; }
    public void setLargeClusterSizeThreshold(int n) { this.largeClusterSizeThreshold = n; }
    public float getUnhealthyZoneThreshold() { return unhealthyZoneThreshold; }
    public void setUnhealthyZoneThreshold(float t) { this.unhealthyZoneThreshold = t; }
}
