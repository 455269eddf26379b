package io.kubeboot.controller.config;

import io.kubeboot.runtime.leader.LeaderElectionSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller manager's settings ({@code kubeboot.controllers.*}, or environment variables such as
 * {@code KUBEBOOT_CONTROLLERS_CONCURRENT_REPLICASET_SYNCS}): the subset of kube-controller-manager's flags that
 * applies, with upstream's defaults.
 */
@ConfigurationProperties("kubeboot.controllers")
public class ControllerManagerProperties {
    /** The apiserver to talk to; a kubeconfig in {@code KUBECONFIG} is used when this is empty. */
    private String apiserverUrl = "http://127.0.0.1:6443";
    /** Client-side rate limit towards the apiserver (upstream --kube-api-qps 20, --kube-api-burst 30). */
    private float qps = 20;
    private int burst = 30;
    /**
     * Upstream --controllers: "*" enables every controller that is on by default, "foo" enables foo, "-foo"
     * disables foo. Names: "replicaset", "namespace".
     */
    private List<String> controllers = new ArrayList<>(List.of("*"));
    /** Upstream --concurrent-replicaset-syncs. */
    private int concurrentReplicasetSyncs = 5;
    /** Upstream --concurrent-namespace-syncs. */
    private int concurrentNamespaceSyncs = 10;
    /** Upstream --namespace-sync-period: how often terminating namespaces are looked at again. */
    private Duration namespaceSyncPeriod = Duration.ofMinutes(5);
    /** Upstream --min-resync-period: informers resync at a random period between this and twice this; 0 = never. */
    private Duration minResyncPeriod = Duration.ofHours(12);
    /** How long a controller waits for its informers to sync before it gives up. */
    private Duration cacheSyncTimeout = Duration.ofMinutes(2);
    /** How long stopping waits for reconciles in flight. */
    private Duration shutdownTimeout = Duration.ofSeconds(15);
    /** As upstream, a replica that loses its lease exits (its caches and expectations may be stale); tests turn this off. */
    private boolean exitOnLostLease = true;
    private LeaderElectionSettings leaderElection = new LeaderElectionSettings("kube-controller-manager");


    public String getApiserverUrl() { return apiserverUrl; }
    public void setApiserverUrl(String apiserverUrl) { this.apiserverUrl = apiserverUrl; }
    public float getQps() { return qps; }
    public void setQps(float qps) { this.qps = qps; }
    public int getBurst() { return burst; }
    public void setBurst(int burst) { this.burst = burst; }
    public List<String> getControllers() { return controllers; }
    public void setControllers(List<String> controllers) { this.controllers = controllers; }
    public int getConcurrentReplicasetSyncs() { return concurrentReplicasetSyncs; }
    public void setConcurrentReplicasetSyncs(int n) { this.concurrentReplicasetSyncs = n; }
    public int getConcurrentNamespaceSyncs() { return concurrentNamespaceSyncs; }
    public void setConcurrentNamespaceSyncs(int n) { this.concurrentNamespaceSyncs = n; }
    public Duration getNamespaceSyncPeriod() { return namespaceSyncPeriod; }
    public void setNamespaceSyncPeriod(Duration d) { this.namespaceSyncPeriod = d; }
    public Duration getMinResyncPeriod() { return minResyncPeriod; }
    public void setMinResyncPeriod(Duration d) { this.minResyncPeriod = d; }
    public Duration getCacheSyncTimeout() { return cacheSyncTimeout; }
    public void setCacheSyncTimeout(Duration d) { this.cacheSyncTimeout = d; }
    public Duration getShutdownTimeout() { return shutdownTimeout; }
    public void setShutdownTimeout(Duration d) { this.shutdownTimeout = d; }
    public boolean isExitOnLostLease() { return exitOnLostLease; }
    public void setExitOnLostLease(boolean exitOnLostLease) { this.exitOnLostLease = exitOnLostLease; }
    public LeaderElectionSettings getLeaderElection() { return leaderElection; }
    public void setLeaderElection(LeaderElectionSettings leaderElection) { this.leaderElection = leaderElection; }
}
