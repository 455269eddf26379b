package io.kubeboot.e2e;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubeboot.testkit.ApiServerProcess;
import io.kubeboot.testkit.Ports;
import io.kubeboot.testkit.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;

/**
 * A whole KubeBoot cluster as separate processes on this machine, as {@code ./kubeboot up} runs it: the apiserver
 * (over its Redis, {@link ApiServerProcess}), one scheduler and one controller manager (leader election off), and
 * two node agents {@code e2e-node-1} / {@code e2e-node-2} on the local Docker Engine with the node addresses
 * 127.0.2.1 / 127.0.2.2 (kubelet port and NodePorts there).
 *
 * <p>Isolation from a {@code ./kubeboot up} cluster on the same engine: its own Docker network
 * ({@value #NETWORK}) and cluster CIDR ({@value #CLUSTER_CIDR}), its own Service CIDR ({@value #SERVICE_CIDR}, set
 * for the apiserver through the failsafe environment in the pom), its own node names (containers are labelled with
 * them) and addresses. Pods with dnsPolicy Default get a resolv.conf naming the docker0 bridge address as their only
 * nameserver (nothing answers there unless a test starts a responder), so no DNS query leaves the machine.
 *
 * <p>One per test JVM ({@link ClusterExtension}); closing it stops the processes and removes every container of its
 * nodes, its network, its egress rule and the ClusterIP addresses left on {@code lo}. Leftovers of an earlier,
 * killed run are removed before starting.
 */
final class Cluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    static final String NETWORK = "kubeboot-e2e";
    static final String CLUSTER_CIDR = "10.245.0.0/16";
    /** Must equal KUBEBOOT_APISERVER_SERVICE_CIDR in the failsafe configuration of e2e/pom.xml. */
    static final String SERVICE_CIDR = "10.246.0.0/16";
    static final String SERVICE_PREFIX = "10.246.";
    static final List<String> NODE_NAMES = List.of("e2e-node-1", "e2e-node-2");
    /** Every image the e2e pods use; missing ones fail the run at once with how to build them. */
    static final List<String> IMAGES = List.of("registry.k8s.io/pause:3.10", "busybox:1.28", "registry.k8s.io/busybox:1.27.2",
            "registry.k8s.io/goproxy:0.1", "debian:latest", "gcr.io/google-samples/hello-app:2.0", "polinux/stress:latest",
            "nginx:latest", "nginx:1.14.2");

    private final Path root = Path.of("target", "e2e").toAbsolutePath();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String hostAddress;
    private final String apiserverUrl;
    private final KubernetesClient client;
    private final Kube kube;
    private final List<ServiceProcess> controlPlane = new ArrayList<>();
    private final List<NodeAgent> nodes = new ArrayList<>();

    /** One node agent process; {@link #kill()} and {@link #restart()} keep its name, address and ports. */
    static final class NodeAgent {
        private static final HttpClient METRICS_HTTP = HttpClient.newHttpClient();
        private final String name;
        private final String address;
        private final int port;
        private volatile ServiceProcess process;

        private NodeAgent(String name, String address, int port, ServiceProcess process) {
            this.name = name;
            this.address = address;
            this.port = port;
            this.process = process;
        }

        String name() {
            return name;
        }

        /** The node's InternalIP (127.0.2.x): kubelet port and NodePorts listen there. */
        String address() {
            return address;
        }

        int kubeletPort() {
            return port;
        }

        long pid() {
            return process.pid();
        }

        boolean alive() {
            return process.alive();
        }

        /**
         * The sum of one metric's samples (all label sets) on the agent's {@code /actuator/prometheus}; fails when the
         * agent does not publish it, so a misspelt name cannot read as zero.
         */
        double metric(String name) throws IOException, InterruptedException {
            String text = METRICS_HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://" + address + ":" + port + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            boolean found = false;
            for (String line : text.split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            if (!found) {
                throw new AssertionError(this.name + " publishes no metric " + name);
            }
            return sum;
        }

        /** {@code kill -9}: no shutdown code runs; the pods' containers stay as they are. */
        void kill() {
            process.kill();
        }

        /** Starts the agent again with the same settings and waits until it is healthy. */
        void restart() {
            process = process.restart().awaitHealthy();
        }

        private void stop() {
            process.stop();
        }
    }

    Cluster() {
        Docker.requireEngine(IMAGES);
        this.hostAddress = Docker.interfaceAddress("docker0");
        removeLeftovers();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "e2e-cluster-cleanup"));
        long start = System.nanoTime();
        this.apiserverUrl = ApiServerProcess.get().url();
        this.client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(apiserverUrl).withRequestTimeout(30_000).build()).build();
        this.kube = new Kube(client, apiserverUrl);
        try {
            start();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        log.info("e2e cluster up in {} s (apiserver {}, kubectl {})", (System.nanoTime() - start) / 1_000_000_000,
                apiserverUrl, kube.usesKubectl() ? "real" : "missing: fabric8 instead");
    }

    private void start() {
        try {
            Files.createDirectories(root);
            Path resolvConf = root.resolve("resolv.conf");
            Files.writeString(resolvConf, "nameserver " + hostAddress + "\n");
            int schedulerPort = Ports.free();
            controlPlane.add(ServiceProcess.builder("e2e-scheduler", "scheduler-service")
                    .jvmArgs(jvmOptions("384m"))
                    .args("--server.port=" + schedulerPort, "--kubeboot.scheduler.apiserver-url=" + apiserverUrl,
                            "--kubeboot.scheduler.leader-election.enabled=false")
                    .healthUrl("http://127.0.0.1:" + schedulerPort + "/healthz")
                    .launch());
            int controllersPort = Ports.free();
            controlPlane.add(ServiceProcess.builder("e2e-controllers", "controller-service")
                    .jvmArgs(jvmOptions("384m"))
                    .healthUrl("http://127.0.0.1:" + controllersPort + "/healthz")
                    .args("--server.port=" + controllersPort, "--kubeboot.controllers.apiserver-url=" + apiserverUrl,
                            "--kubeboot.controllers.leader-election.enabled=false",
                            "--kubeboot.controllers.node-ipam.cluster-cidr=" + CLUSTER_CIDR,
                            "--kubeboot.controllers.node-ipam.service-cluster-ip-range=" + SERVICE_CIDR)
                    .launch());
            for (int i = 0; i < NODE_NAMES.size(); i++) {
                nodes.add(launchNode(NODE_NAMES.get(i), "127.0.2." + (i + 1), resolvConf));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ServiceProcess p : controlPlane) {
            p.awaitHealthy();
        }
        for (NodeAgent n : nodes) {
            n.process.awaitHealthy();
        }
        await("nodes Ready with a podCIDR").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> NODE_NAMES.stream().allMatch(this::nodeReady));
        String kubernetesIp = await("the kubernetes Service").atMost(Duration.ofSeconds(60))
                .until(() -> client.services().inNamespace("default").withName("kubernetes").get(), s -> s != null)
                .getSpec().getClusterIP();
        if (!kubernetesIp.startsWith(SERVICE_PREFIX)) {
            throw new IllegalStateException("the apiserver allocates ClusterIPs outside the e2e range " + SERVICE_CIDR
                    + " (kubernetes Service: " + kubernetesIp + "): run the e2e tests with `mvn verify` (failsafe sets "
                    + "KUBEBOOT_APISERVER_SERVICE_CIDR=" + SERVICE_CIDR + "), or set that variable for the test JVM");
        }
    }

    private static String[] jvmOptions(String heap) {
        // a quick start on a small machine: C1 only, the serial collector
        return new String[]{"-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};
    }

    private NodeAgent launchNode(String name, String address, Path resolvConf) {
        int port = Ports.free();
        ServiceProcess p = ServiceProcess.builder(name, "node-agent")
                .jvmArgs(jvmOptions("256m"))
                .args("--server.port=" + port, "--server.address=" + address,
                        "--kubeboot.node.name=" + name, "--kubeboot.node.address=" + address,
                        "--kubeboot.node.apiserver-url=" + apiserverUrl,
                        "--kubeboot.node.kubelet.root-dir=" + root.resolve(name),
                        "--kubeboot.node.kubelet.resolv-conf=" + resolvConf,
                        "--kubeboot.node.kubelet.cluster-dns=" + SERVICE_PREFIX + "0.10",
                        "--kubeboot.node.network.name=" + NETWORK,
                        "--kubeboot.node.network.cluster-cidr=" + CLUSTER_CIDR,
                        "--kubeboot.node.proxy.service-cidr=" + SERVICE_CIDR)
                .healthUrl("http://" + address + ":" + port + "/healthz")
                .launch();
        return new NodeAgent(name, address, port, p);
    }

    private boolean nodeReady(String name) {
        Node node = client.nodes().withName(name).get();
        return node != null && node.getSpec().getPodCIDR() != null && node.getStatus() != null
                && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    KubernetesClient client() {
        return client;
    }

    Kube kube() {
        return kube;
    }

    String apiserverUrl() {
        return apiserverUrl;
    }

    /** The docker0 bridge address: a host address pods reach (local delivery, not forwarded). */
    String hostAddress() {
        return hostAddress;
    }

    List<NodeAgent> nodes() {
        return List.copyOf(nodes);
    }

    NodeAgent node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name));
    }

    /** Stops everything and removes what the cluster created on the engine and on {@code lo}. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (NodeAgent n : nodes) {
            n.stop();
        }
        for (ServiceProcess p : controlPlane) {
            p.stop();
        }
        client.close();
        removeLeftovers();
    }

    /** Containers of the e2e nodes, the network, the egress rule and ClusterIPs of the e2e range on lo. */
    private static void removeLeftovers() {
        for (String node : NODE_NAMES) {
            int removed = Docker.removeContainersOfNode(node);
            if (removed > 0) {
                log.info("removed {} containers of {}", removed, node);
            }
        }
        Docker.removeNetwork(NETWORK);
        // the node agents' egress guard rule (see node-agent EgressGuard); absent when iptables is not usable
        for (int i = 0; i < 10; i++) {
            if (Docker.exec(List.of("iptables", "-D", "DOCKER-USER", "-s", CLUSTER_CIDR, "!", "-d", CLUSTER_CIDR,
                    "-m", "comment", "--comment", "kubeboot: pods stay on this machine", "-j", "DROP")).exitCode() != 0) {
                break;
            }
        }
        for (String ip : Docker.loopbackAddresses(SERVICE_PREFIX)) {
            Docker.removeLoopbackAddress(ip);
        }
    }
}
