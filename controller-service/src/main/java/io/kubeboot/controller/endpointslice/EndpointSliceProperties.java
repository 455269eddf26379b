package io.kubeboot.controller.endpointslice;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The EndpointSlice controller's flags ({@code kubeboot.controllers.endpointslice.*}), with upstream's defaults. */
@ConfigurationProperties("kubeboot.controllers.endpointslice")
public class EndpointSliceProperties {
    /** Upstream --concurrent-service-endpoint-syncs. */
    private int concurrentSyncs = 5;
    /** Upstream --max-endpoints-per-slice. */
    private int maxEndpointsPerSlice = 100;
    /** Upstream --endpointslice-updates-batch-period: delay of syncs caused by pod changes; 0 = none. */
    private Duration updatesBatchPeriod = Duration.ZERO;

    public int getConcurrentSyncs() { return concurrentSyncs; }
    public void setConcurrentSyncs(int concurrentSyncs) { this.concurrentSyncs = concurrentSyncs; }
    public int getMaxEndpointsPerSlice() { return maxEndpointsPerSlice; }
    public void setMaxEndpointsPerSlice(int maxEndpointsPerSlice) { this.maxEndpointsPerSlice = maxEndpointsPerSlice; }
    public Duration getUpdatesBatchPeriod() { return updatesBatchPeriod; }
    public void setUpdatesBatchPeriod(Duration updatesBatchPeriod) { this.updatesBatchPeriod = updatesBatchPeriod; }
}
