package io.kubeboot.node.agent;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.Kubelet;
import io.kubeboot.node.kubelet.pod.PodSource;
import io.kubeboot.node.server.NodePods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The nodes this process plays (one with the Docker runtime; many with the simulated one) and the pod source that
 * feeds their kubelets. Starts the nodes first (register, lease, adopt), then the pod source; stops in reverse,
 * early in shutdown and late in start-up so the HTTP server is up while nodes run.
 */
public final class NodeAgents implements SmartLifecycle, NodePods {
    private static final Logger log = LoggerFactory.getLogger(NodeAgents.class);

    private final List<NodeAgent> agents;
    private final PodSource source;
    private volatile boolean running;

    /** @param sourceFor builds the pod source for the nodes' kubelets (by node name) */
    public NodeAgents(List<NodeAgent> agents, Function<Map<String, Kubelet>, PodSource> sourceFor) {
        this.agents = List.copyOf(agents);
        Map<String, Kubelet> kubelets = new LinkedHashMap<>();
        agents.forEach(a -> kubelets.put(a.nodeName(), a.kubelet()));
        this.source = sourceFor.apply(kubelets);
    }

    public List<NodeAgent> agents() {
        return agents;
    }

    @Override
    public synchronized void start() {
        for (NodeAgent a : agents) {
            a.start();
        }
        source.start();
        running = true;
        log.info("node agent running {} node(s): {}", agents.size(),
                agents.size() <= 5 ? agents.stream().map(NodeAgent::nodeName).toList()
                        : agents.get(0).nodeName() + " .. " + agents.get(agents.size() - 1).nodeName());
    }

    @Override
    public synchronized void stop() {
        running = false;
        source.close();
        for (int i = agents.size() - 1; i >= 0; i--) {
            try {
                agents.get(i).close();
            } catch (RuntimeException e) {
                log.warn("stopping node {}: {}", agents.get(i).nodeName(), e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public List<Pod> pods() {
        return source.pods();
    }
}
