package io.kubeboot.scheduler.config;

import io.kubeboot.runtime.leader.LeaderElectionSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's settings ({@code kubeboot.scheduler.*}, or environment variables such as
 * {@code KUBEBOOT_SCHEDULER_PARALLELISM}), the subset of upstream's KubeSchedulerConfiguration that applies.
 */
@ConfigurationProperties("kubeboot.scheduler")
public class SchedulerProperties {
    /** The apiserver to talk to; a kubeconfig in {@code KUBECONFIG} is used when this is empty. */
    private String apiserverUrl = "http://127.0.0.1:6443";
    /** Threads for Filter/Score over nodes (upstream's default 16; capped by the cores in practice). */
    private int parallelism = 16;
    /** 0 = adaptive (50% minus 1% per 125 nodes, at least 5%), else the percentage of nodes to find feasible. */
    private int percentageOfNodesToScore = 0;
    private Duration podInitialBackoff = Duration.ofSeconds(1);
    private Duration podMaxBackoff = Duration.ofSeconds(10);
    /** Client-side rate limit towards the apiserver (upstream's clientConnection: 50 qps, burst 100). */
    private float qps = 50;
    private int burst = 100;
    /** As upstream, a replica that loses its lease exits (its caches may be stale); tests turn this off. */
    private boolean exitOnLostLease = true;
    /** Concurrent binding API calls. */
    private int bindingThreads = 16;
    private LeaderElectionSettings leaderElection = new LeaderElectionSettings("kube-scheduler");
    /** Profiles; empty means one "default-scheduler" profile with the default plugins. */
    private List<Profile> profiles = new ArrayList<>();

    /** A profile: plugins in order with weights ("NodeAffinity:2"); args per plugin name. */
    public static class Profile {
        private String schedulerName = "default-scheduler";
        /** Replaces the default plugin list when not empty: "Name" or "Name:weight". */
        private List<String> plugins = new ArrayList<>();
        /** Removed from the (default) list. */
        private List<String> disabled = new ArrayList<>();
        private Map<String, Map<String, Object>> pluginConfig = new LinkedHashMap<>();
        private Integer percentageOfNodesToScore;

        public String getSchedulerName() { return schedulerName; }
        public void setSchedulerName(String schedulerName) { this.schedulerName = schedulerName; }
        public List<String> getPlugins() { return plugins; }
        public void setPlugins(List<String> plugins) { this.plugins = plugins; }
        public List<String> getDisabled() { return disabled; }
        public void setDisabled(List<String> disabled) { this.disabled = disabled; }
        public Map<String, Map<String, Object>> getPluginConfig() { return pluginConfig; }
        public void setPluginConfig(Map<String, Map<String, Object>> pluginConfig) { this.pluginConfig = pluginConfig; }
        public Integer getPercentageOfNodesToScore() { return percentageOfNodesToScore; }
        public void setPercentageOfNodesToScore(Integer p) { this.percentageOfNodesToScore = p; }
    }

    public String getApiserverUrl() { return apiserverUrl; }
    public void setApiserverUrl(String apiserverUrl) { this.apiserverUrl = apiserverUrl; }
    public int getParallelism() { return parallelism; }
    public void setParallelism(int parallelism) { this.parallelism = parallelism; }
    public int getPercentageOfNodesToScore() { return percentageOfNodesToScore; }
    public void setPercentageOfNodesToScore(int p) { this.percentageOfNodesToScore = p; }
    public Duration getPodInitialBackoff() { return podInitialBackoff; }
    public void setPodInitialBackoff(Duration d) { this.podInitialBackoff = d; }
    public Duration getPodMaxBackoff() { return podMaxBackoff; }
    public void setPodMaxBackoff(Duration d) { this.podMaxBackoff = d; }
    public float getQps() { return qps; }
    public void setQps(float qps) { this.qps = qps; }
    public int getBurst() { return burst; }
    public void setBurst(int burst) { this.burst = burst; }
    public boolean isExitOnLostLease() { return exitOnLostLease; }
    public void setExitOnLostLease(boolean exitOnLostLease) { this.exitOnLostLease = exitOnLostLease; }
    public int getBindingThreads() { return bindingThreads; }
    public void setBindingThreads(int bindingThreads) { this.bindingThreads = bindingThreads; }
    public LeaderElectionSettings getLeaderElection() { return leaderElection; }
    public void setLeaderElection(LeaderElectionSettings leaderElection) { this.leaderElection = leaderElection; }
    public List<Profile> getProfiles() { return profiles; }
    public void setProfiles(List<Profile> profiles) { this.profiles = profiles; }
}
