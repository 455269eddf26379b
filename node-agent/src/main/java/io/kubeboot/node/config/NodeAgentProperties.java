package io.kubeboot.node.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node agent's settings ({@code kubeboot.node.*}, or environment variables such as
 * {@code KUBEBOOT_NODE_NAME}, {@code KUBEBOOT_NODE_KUBELET_CLUSTER_DNS}, {@code KUBEBOOT_NODE_PROXY_MODE}): the
 * subset of the kubelet's and kube-proxy's flags and config that applies here, with upstream's defaults.
 * The kubelet's own HTTP port (upstream 10250) is {@code server.port}.
 */
@ConfigurationProperties("kubeboot.node")
public class NodeAgentProperties {
    /** The Node's name (upstream --hostname-override); default: this machine's host name. */
    private String name;
    /**
     * The node's InternalIP: where the apiserver reaches this agent's HTTP port (logs) and where NodePorts listen.
     * Several agents on one machine use different loopback addresses (127.0.0.1, 127.0.0.2, ...).
     */
    private String address = "127.0.0.1";
    /** The apiserver; a kubeconfig in {@code KUBECONFIG} is used when empty. */
    private String apiserverUrl = "http://127.0.0.1:6443";
    /** Client-side rate limit towards the apiserver (kubelet's kubeAPIQPS 50, kubeAPIBurst 100). */
    private float qps = 50;
    private int burst = 100;
    /** "docker" (real containers) or "simulated" (no containers; scale benchmarks only). */
    private String runtime = "docker";
    /** The Docker Engine (docker-java's DOCKER_HOST). */
    private String dockerHost = "unix:///var/run/docker.sock";
    /** Labels of the Node at registration (upstream --node-labels). */
    private Map<String, String> labels = new LinkedHashMap<>();
    private Kubelet kubelet = new Kubelet();
    private Network network = new Network();
    private Proxy proxy = new Proxy();
    private Simulated simulated = new Simulated();

    /** Kubelet configuration (KubeletConfiguration fields of the same meaning). */
    public static class Kubelet {
        /** Cluster DNS Service IP written into ClusterFirst pods' resolv.conf (upstream clusterDNS). */
        private String clusterDns = "10.96.0.10";
        /** Upstream clusterDomain. */
        private String clusterDomain = "cluster.local";
        /** resolv.conf used for dnsPolicy Default and as the base of ClusterFirst (upstream resolvConf). */
        private String resolvConf = "/etc/resolv.conf";
        /** Folder for pod volumes (emptyDir, configMap, secret, ...), as upstream's /var/lib/kubelet. */
        private String rootDir = System.getProperty("java.io.tmpdir") + "/kubeboot/kubelet";
        /** Upstream maxPods. */
        private int maxPods = 110;
        /** Capacity overrides; empty means read from the host (cpu cores, memory). */
        private String cpu;
        private String memory;
        /** Upstream nodeStatusUpdateFrequency. */
        private Duration nodeStatusUpdateFrequency = Duration.ofSeconds(10);
        /** Upstream nodeStatusReportFrequency: status is written at least this often even when unchanged. */
        private Duration nodeStatusReportFrequency = Duration.ofMinutes(5);
        /** Upstream nodeLeaseDurationSeconds; renewed every quarter of it (10 s). */
        private int nodeLeaseDurationSeconds = 40;
        /** The sandbox ("pause") image. */
        private String podInfraContainerImage = "registry.k8s.io/pause:3.10";
        /** How often the pod lifecycle event generator relists the runtime (upstream PLEG relist period). */
        private Duration relistPeriod = Duration.ofSeconds(1);

        public String getClusterDns() { return clusterDns; }
        public void setClusterDns(String v) { this.clusterDns = v; }
        public String getClusterDomain() { return clusterDomain; }
        public void setClusterDomain(String v) { this.clusterDomain = v; }
        public String getResolvConf() { return resolvConf; }
        public void setResolvConf(String v) { this.resolvConf = v; }
        public String getRootDir() { return rootDir; }
        public void setRootDir(String v) { this.rootDir = v; }
        public int getMaxPods() { return maxPods; }
        public void setMaxPods(int v) { this.maxPods = v; }
        public String getCpu() { return cpu; }
        public void setCpu(String v) { this.cpu = v; }
        public String getMemory() { return memory; }
        public void setMemory(String v) { this.memory = v; }
        public Duration getNodeStatusUpdateFrequency() { return nodeStatusUpdateFrequency; }
        public void setNodeStatusUpdateFrequency(Duration v) { this.nodeStatusUpdateFrequency = v; }
        public Duration getNodeStatusReportFrequency() { return nodeStatusReportFrequency; }
        public void setNodeStatusReportFrequency(Duration v) { this.nodeStatusReportFrequency = v; }
        public int getNodeLeaseDurationSeconds() { return nodeLeaseDurationSeconds; }
        public void setNodeLeaseDurationSeconds(int v) { this.nodeLeaseDurationSeconds = v; }
        public String getPodInfraContainerImage() { return podInfraContainerImage; }
        public void setPodInfraContainerImage(String v) { this.podInfraContainerImage = v; }
        public Duration getRelistPeriod() { return relistPeriod; }
        public void setRelistPeriod(Duration v) { this.relistPeriod = v; }
    }

    /** The pod network on the engine: one network for the cluster CIDR shared by every node agent of the engine. */
    public static class Network {
        /** The engine network's name. */
        private String name = "kubeboot";
        /** The cluster CIDR (upstream --cluster-cidr); each node's pods get IPs from its spec.podCIDR inside it. */
        private String clusterCidr = "10.244.0.0/16";
        /**
         * Drop forwarded traffic from pods to anything outside the cluster CIDR (DOCKER-USER chain), so no pod can
         * reach beyond this machine; traffic to local addresses (ClusterIPs, the node) is not forwarded and passes.
         */
        private boolean egressGuard = true;

        /** The Node's name: {@link #getName()} when set, else this machine's host name (as the kubelet's default). */
    public String resolvedName() {
        if (name != null && !name.isBlank()) {
            return name.trim();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("kubeboot.node.name is not set and this machine's host name is unknown", e);
        }
    }

    public String getName() { return name; }
        public void setName(String v) { this.name = v; }
        public String getClusterCidr() { return clusterCidr; }
        public void setClusterCidr(String v) { this.clusterCidr = v; }
        public boolean isEgressGuard() { return egressGuard; }
        public void setEgressGuard(boolean v) { this.egressGuard = v; }
    }

    /** kube-proxy configuration. */
    public static class Proxy {
        /** "userspace" (listeners in this process), "iptables" (NAT rules; needs root) or "off". */
        private String mode = "userspace";
        /** Upstream --service-cluster-ip-range: the ClusterIP range made local to this machine. */
        private String serviceCidr = "10.96.0.0/12";
        /** Upstream NodePort range. */
        private String nodePortRange = "30000-32767";
        /** Upstream --config-sync-period / min-sync-period: how soon changes are applied. */
        private Duration minSyncPeriod = Duration.ofMillis(100);
        /** Upstream --iptables-sync-period: the full resync period even without changes. */
        private Duration syncPeriod = Duration.ofSeconds(30);
        /** Upstream --udp-timeout (userspace mode): how long an idle UDP session is kept. */
        private Duration udpIdleTimeout = Duration.ofMillis(250);

        public String getMode() { return mode; }
        public void setMode(String v) { this.mode = v; }
        public String getServiceCidr() { return serviceCidr; }
        public void setServiceCidr(String v) { this.serviceCidr = v; }
        public String getNodePortRange() { return nodePortRange; }
        public void setNodePortRange(String v) { this.nodePortRange = v; }
        public Duration getMinSyncPeriod() { return minSyncPeriod; }
        public void setMinSyncPeriod(Duration v) { this.minSyncPeriod = v; }
        public Duration getSyncPeriod() { return syncPeriod; }
        public void setSyncPeriod(Duration v) { this.syncPeriod = v; }
        public Duration getUdpIdleTimeout() { return udpIdleTimeout; }
        public void setUdpIdleTimeout(Duration v) { this.udpIdleTimeout = v; }
    }

    /** The simulated runtime (scale benchmarks only): many nodes in one process, pods Running without containers. */
    public static class Simulated {
        /** How many nodes this process plays; their names are {@code <name>-0}, {@code <name>-1}, ... */
        private int nodes = 1;

        public int getNodes() { return nodes; }
        public void setNodes(int v) { this.nodes = v; }
    }

    /** The Node's name: {@link #getName()} when set, else this machine's host name (as the kubelet's default). */
    public String resolvedName() {
        if (name != null && !name.isBlank()) {
            return name.trim();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("kubeboot.node.name is not set and this machine's host name is unknown", e);
        }
    }

    public String getName() { return name; }
    public void setName(String v) { this.name = v; }
    public String getAddress() { return address; }
    public void setAddress(String v) { this.address = v; }
    public String getApiserverUrl() { return apiserverUrl; }
    public void setApiserverUrl(String v) { this.apiserverUrl = v; }
    public float getQps() { return qps; }
    public void setQps(float v) { this.qps = v; }
    public int getBurst() { return burst; }
    public void setBurst(int v) { this.burst = v; }
    public String getRuntime() { return runtime; }
    public void setRuntime(String v) { this.runtime = v; }
    public String getDockerHost() { return dockerHost; }
    public void setDockerHost(String v) { this.dockerHost = v; }
    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> v) { this.labels = v; }
    public Kubelet getKubelet() { return kubelet; }
    public void setKubelet(Kubelet v) { this.kubelet = v; }
    public Network getNetwork() { return network; }
    public void setNetwork(Network v) { this.network = v; }
    public Proxy getProxy() { return proxy; }
    public void setProxy(Proxy v) { this.proxy = v; }
    public Simulated getSimulated() { return simulated; }
    public void setSimulated(Simulated v) { this.simulated = v; }
}
