package io.kubeboot.controller.podgc;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The pod garbage collector's settings ({@code kubeboot.controllers.podgc.*}), with upstream's defaults. */
@ConfigurationProperties("kubeboot.controllers.podgc")
public class PodGcProperties {
    /** Upstream --terminated-pod-gc-threshold: terminated pods kept before the oldest are deleted; 0 or less = never. */
    private int terminatedPodGcThreshold = 12500;
    /** Upstream gcCheckPeriod: how often the collector runs. */
    private Duration gcCheckPeriod = Duration.ofSeconds(20);
    /** Upstream quarantineTime: how long a node missing from the cache is given to show up before its pods go. */
    private Duration quarantineTime = Duration.ofSeconds(40);

    public int getTerminatedPodGcThreshold() { return terminatedPodGcThreshold; }
    public void setTerminatedPodGcThreshold(int n) { this.terminatedPodGcThreshold = n; }
    public Duration getGcCheckPeriod() { return gcCheckPeriod; }
    public void setGcCheckPeriod(Duration d) { this.gcCheckPeriod = d; }
    public Duration getQuarantineTime() { return quarantineTime; }
    public void setQuarantineTime(Duration d) { this.quarantineTime = d; }
}
