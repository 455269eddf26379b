package io.kubeboot.controller.cloud.manager;

import io.kubeboot.runtime.leader.LeaderElectionSettings;
import io.kubeboot.controller.cloud.local.LocalCloudProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The cloud-controller-manager's settings ({@code kubeboot.cloud.*}, e.g. {@code KUBEBOOT_CLOUD_PROVIDER},
 * {@code KUBEBOOT_CLOUD_LOCAL_ADDRESS_POOL}): upstream's cloud-controller-manager flags that apply, with upstream's
 * defaults.
 */
@ConfigurationProperties("kubeboot.cloud")
public class CloudProperties {
    /** Whether controller-service runs the cloud controllers at all. */
    private boolean enabled = true;
    /** Upstream --cloud-provider: a registered provider name; "none" turns the cloud controllers off. */
    private String provider = LocalCloudProvider.NAME;
    /** Upstream --cluster-name: the name cloud resources are tagged with. */
    private String clusterName = "kubernetes";
    /** Upstream --cluster-cidr: routes outside these CIDRs (comma separated) are never deleted. */
    private String clusterCidr = "10.244.0.0/16";
    /** Upstream --configure-cloud-routes. */
    private boolean configureCloudRoutes = true;
    /** Upstream --concurrent-service-syncs. */
    private int concurrentServiceSyncs = 1;
    /** Upstream --node-monitor-period (cloud node lifecycle controller). */
    private Duration nodeMonitorPeriod = Duration.ofSeconds(5);
    /** Upstream --node-status-update-frequency: how often the addresses of initialised nodes are refreshed. */
    private Duration nodeStatusUpdateFrequency = Duration.ofMinutes(5);
    /** Upstream --route-reconciliation-period. */
    private Duration routeReconciliationPeriod = Duration.ofSeconds(10);
    /** As upstream, losing the lease ends the process (caches of a deposed leader cannot be trusted); tests turn this off. */
    private boolean exitOnLostLease = true;
    /** Settings of other providers, handed to the provider as is (keys in kebab case). */
    private Map<String, String> providerConfig = new HashMap<>();
    private LeaderElectionSettings leaderElection = new LeaderElectionSettings("cloud-controller-manager");
    private Local local = new Local();


    /** The built-in provider "local". */
    public static class Local {
        /** Loopback addresses load balancers listen on: ranges a-b, CIDRs or addresses, comma separated; 127.0.0.0/8 only. */
        private String addressPool = LocalCloudProvider.DEFAULT_ADDRESS_POOL;

        public String getAddressPool() { return addressPool; }
        public void setAddressPool(String addressPool) { this.addressPool = addressPool; }
    }

    /** The settings handed to the selected provider: {@code provider-config}, plus "address-pool" for "local". */
    public Map<String, String> providerSettings() {
        Map<String, String> m = new HashMap<>(providerConfig);
        if (LocalCloudProvider.NAME.equals(provider)) {
            m.put("address-pool", local.getAddressPool());
        }
        return m;
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }
    public String getClusterName() { return clusterName; }
    public void setClusterName(String clusterName) { this.clusterName = clusterName; }
    public String getClusterCidr() { return clusterCidr; }
    public void setClusterCidr(String clusterCidr) { this.clusterCidr = clusterCidr; }
    public boolean isConfigureCloudRoutes() { return configureCloudRoutes; }
    public void setConfigureCloudRoutes(boolean b) { this.configureCloudRoutes = b; }
    public int getConcurrentServiceSyncs() { return concurrentServiceSyncs; }
    public void setConcurrentServiceSyncs(int n) { this.concurrentServiceSyncs = n; }
    public Duration getNodeMonitorPeriod() { return nodeMonitorPeriod; }
    public void setNodeMonitorPeriod(Duration d) { this.nodeMonitorPeriod = d; }
    public Duration getNodeStatusUpdateFrequency() { return nodeStatusUpdateFrequency; }
    public void setNodeStatusUpdateFrequency(Duration d) { this.nodeStatusUpdateFrequency = d; }
    public Duration getRouteReconciliationPeriod() { return routeReconciliationPeriod; }
    public void setRouteReconciliationPeriod(Duration d) { this.routeReconciliationPeriod = d; }
    public boolean isExitOnLostLease() { return exitOnLostLease; }
    public void setExitOnLostLease(boolean b) { this.exitOnLostLease = b; }
    public Map<String, String> getProviderConfig() { return providerConfig; }
    public void setProviderConfig(Map<String, String> m) { this.providerConfig = m; }
    public LeaderElectionSettings getLeaderElection() { return leaderElection; }
    public void setLeaderElection(LeaderElectionSettings le) { this.leaderElection = le; }
    public Local getLocal() { return local; }
    public void setLocal(Local local) { this.local = local; }
}
