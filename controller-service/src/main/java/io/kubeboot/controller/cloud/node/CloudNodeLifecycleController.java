package io.kubeboot.controller.cloud.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.controller.cloud.provider.InstancesV2;
import io.kubeboot.controller.cloud.support.NoOpHandler;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.Taints;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Upstream k8s.io/cloud-provider controllers/nodelifecycle: every {@code monitorPeriod} each node is checked against
 * the provider. A Ready node loses the shutdown taint; a node that is not Ready is deleted when its instance no longer
 * exists, or gets the taint {@code node.cloudprovider.kubernetes.io/shutdown:NoSchedule} when the instance is shut
 * down.
 */
public final class CloudNodeLifecycleController implements ManagedController {
    public static final String NAME = "cloud-node-lifecycle-controller";
    private static final String MONITOR_KEY = "monitor";
    private static final Logger log = LoggerFactory.getLogger(CloudNodeLifecycleController.class);
    static final Taint SHUTDOWN_TAINT = Taints.taint(NodeInitialization.SHUTDOWN_TAINT, Taints.NO_SCHEDULE);

    private final KubernetesClient client;
    private final SharedIndexInformer<Node> nodes;
    private final InstancesV2 instances;
    private final EventRecorder recorder;
    private final NodeWrites writes;
    private final Duration monitorPeriod;
    private final Controller<String> controller;

    public CloudNodeLifecycleController(KubernetesClient client, SharedIndexInformer<Node> nodes, InstancesV2 instances,
                                        EventRecorder recorder, Duration monitorPeriod, Duration cacheSyncTimeout, MeterRegistry registry) {
        this.client = client;
        this.nodes = nodes;
        this.instances = instances;
        this.recorder = recorder;
        this.writes = new NodeWrites(client);
        this.monitorPeriod = monitorPeriod;
        // the key is only queued by start() and then by itself: node events do not trigger a round
        this.controller = Controller.<String>builder().name(NAME).workers(1).cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry).reconciler(k -> monitorNodes())
                .watchWith(nodes, q -> new NoOpHandler<>()).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        controller.start();
        controller.enqueue(MONITOR_KEY);
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        return controller.stop(timeout);
    }

    /** Upstream {@code MonitorNodes}; errors of single nodes are logged, the next round comes after the period. */
    Result monitorNodes() {
        for (Node node : nodes.getIndexer().list()) {
            try {
                monitor(node);
            } catch (RuntimeException e) {
                log.error("error checking node {}: {}", node.getMetadata().getName(), e.getMessage());
            }
        }
        return Result.requeueAfter(monitorPeriod);
    }

    private void monitor(Node node) {
        String name = node.getMetadata().getName();
        if ("True".equals(readyStatus(node))) {
            if (Taints.exists(node.getSpec() == null ? null : node.getSpec().getTaints(), SHUTDOWN_TAINT)) {
                writes.patchTaints(node, Taints.remove(node.getSpec().getTaints(), SHUTDOWN_TAINT));
            }
            return;
        }
        Node copy = new NodeBuilder(node).build();
        if (!instances.instanceExists(copy)) {
            log.info("deleting node since it is no longer present in cloud provider: {}", name);
            ObjectReference ref = NodeWrites.ref(node);
            recorder.event(ref, EventRecorder.NORMAL, "DeletingNode",
                    "Deleting node " + name + " because it does not exist in the cloud provider");
            try {
                client.nodes().withName(name).delete();
            } catch (RuntimeException e) {
                log.error("unable to delete node {}: {}", name, ClientErrors.message(e));
                recorder.event(ref, EventRecorder.WARNING, "DeletingNodeFailed", "Failed deleting node " + name + ": " + ClientErrors.message(e));
            }
            return;
        }
        if (instances.instanceShutdown(copy)) {
            List<Taint> current = node.getSpec() == null ? null : node.getSpec().getTaints();
            Taints.addOrUpdate(current, SHUTDOWN_TAINT).ifPresent(taints -> {
                try {
                    writes.patchTaints(node, taints);
                } catch (RuntimeException e) {
                    log.error("failed to apply shutdown taint to node {}, it may have been deleted.", name);
                }
            });
        }
    }

    /** The Ready condition's status; Unknown when there is none (as upstream). */
    static String readyStatus(Node node) {
        if (node.getStatus() != null && node.getStatus().getConditions() != null) {
            for (NodeCondition c : node.getStatus().getConditions()) {
                if ("Ready".equals(c.getType())) {
                    return c.getStatus();
                }
            }
        }
        return "Unknown";
    }
}
