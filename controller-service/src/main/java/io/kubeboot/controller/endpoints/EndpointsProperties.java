package io.kubeboot.controller.endpoints;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The Endpoints controller's flags ({@code kubeboot.controllers.endpoint.*}), with upstream's defaults. */
@ConfigurationProperties("kubeboot.controllers.endpoint")
public class EndpointsProperties {
    /** Upstream --concurrent-endpoint-syncs. */
    private int concurrentSyncs = 5;
    /** Upstream --endpoint-updates-batch-period: delay of syncs caused by pod changes; 0 = none. */
    private Duration updatesBatchPeriod = Duration.ZERO;

    public int getConcurrentSyncs() { return concurrentSyncs; }
    public void setConcurrentSyncs(int concurrentSyncs) { this.concurrentSyncs = concurrentSyncs; }
    public Duration getUpdatesBatchPeriod() { return updatesBatchPeriod; }
    public void setUpdatesBatchPeriod(Duration updatesBatchPeriod) { this.updatesBatchPeriod = updatesBatchPeriod; }
}
