package io.kubeboot.node.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.node.agent.NodeAgent;
import io.kubeboot.node.agent.NodeAgentFactory;
import io.kubeboot.node.agent.NodeAgents;
import io.kubeboot.node.kubelet.pod.PodSource;
import io.kubeboot.node.network.DockerPodNetwork;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.docker.DockerRuntime;
import io.kubeboot.node.runtime.simulated.SimulatedPodNetwork;
import io.kubeboot.node.runtime.simulated.SimulatedRuntime;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node agent's parts: the API client, the shared schedulers and the nodes, with the Docker runtime (one node,
 * {@code kubeboot.node.runtime=docker}, the default) or the simulated one (many nodes, scale benchmarks only).
 */
@Configuration(proxyBeanMethods = false)
public class NodeAgentConfiguration {
    static final String USER_AGENT = "kubelet/v1.32.0 (linux/amd64) kubeboot";

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(NodeAgentProperties props) {
        ClientSettings settings = ClientSettings.fromEnvironment();
        if (props.getApiserverUrl() != null && !props.getApiserverUrl().isBlank()) {
            settings = settings.withMasterUrl(props.getApiserverUrl());
        }
        return KubeClients.create(settings.withRateLimit(props.getQps(), props.getBurst()).withUserAgent(USER_AGENT));
    }

    /** Node status and Lease ticks of every node of the process (few threads: a tick is one short request). */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService nodeHeartbeats(NodeAgentProperties props) {
        int threads = props.getSimulated().getNodes() > 50 ? 8 : 2;
        return Executors.newScheduledThreadPool(threads, daemonThreads("node-heartbeat"));
    }

    /** Probe workers; a probe may block a thread for up to its timeout. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService probeWorkers() {
        return Executors.newScheduledThreadPool(8, daemonThreads("prober"));
    }

    @Bean
    NodeAgentFactory nodeAgentFactory(KubernetesClient client, NodeAgentProperties props,
                                      @Value("${server.port:10250}") int kubeletPort,
                                      ScheduledExecutorService nodeHeartbeats, ScheduledExecutorService probeWorkers,
                                      MeterRegistry registry) {
        return new NodeAgentFactory(client, props, kubeletPort, nodeHeartbeats, probeWorkers, registry);
    }

    /** One node on a Docker Engine: the kubelet runs real containers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "kubeboot.node.runtime", havingValue = "docker", matchIfMissing = true)
    static class DockerNode {
        /** Closed by its node agent, after the kubelet. */
        @Bean(destroyMethod = "")
        DockerRuntime containerRuntime(NodeAgentProperties props) {
            return new DockerRuntime(props.getDockerHost(), props.resolvedName());
        }

        @Bean
        NodeAgents nodeAgents(NodeAgentFactory factory, DockerRuntime runtime, NodeAgentProperties props,
                              KubernetesClient client) {
            String name = props.resolvedName();
            NodeAgent agent = factory.create(name, runtime,
                    podCidr -> new DockerPodNetwork(runtime, props.getNetwork(), podCidr), runtime);
            return new NodeAgents(List.of(agent), kubelets -> PodSource.forNode(client, name, kubelets.get(name)));
        }
    }

    /**
     * Many simulated nodes in one process ({@code <name>-0}, {@code <name>-1}, ...), as KWOK does: the same agent
     * code, but pods go Running without containers. For scale benchmarks only.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "kubeboot.node.runtime", havingValue = "simulated")
    static class SimulatedNodes {
        @Bean
        NodeAgents nodeAgents(NodeAgentFactory factory, NodeAgentProperties props, KubernetesClient client) {
            String prefix = props.resolvedName();
            List<NodeAgent> agents = new ArrayList<>();
            for (int i = 0; i < Math.max(1, props.getSimulated().getNodes()); i++) {
                String name = prefix + "-" + i;
                ContainerRuntime runtime = new SimulatedRuntime(name);
                agents.add(factory.create(name, runtime, SimulatedPodNetwork::new, null));
            }
            return new NodeAgents(agents, kubelets -> PodSource.forNodes(client, kubelets));
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
