package io.kubeboot.controller.cloud.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.controller.cloud.provider.InstanceMetadata;
import io.kubeboot.controller.cloud.provider.InstancesV2;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Upstream k8s.io/cloud-provider controllers/node ({@code CloudNodeController}): a node registered with the taint
 * {@code node.cloudprovider.kubernetes.io/uninitialized} (kubelet's {@code --cloud-provider=external}) is initialised
 * from the provider's instance metadata: providerID, instance type, zone and region labels, then the taint is removed
 * in the same update, then the status addresses are written. Initialised nodes get their GA labels reconciled with
 * the beta ones on every event, and their addresses refreshed every {@code statusUpdatePeriod}.
 */
public final class CloudNodeController implements ManagedController {
    public static final String NAME = "cloud-node-controller";
    private static final Logger log = LoggerFactory.getLogger(CloudNodeController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<Node> nodes;
    private final InstancesV2 instances;
    private final EventRecorder recorder;
    private final NodeWrites writes;
    private final Duration statusUpdatePeriod;
    private final Controller<String> controller;
    private ScheduledExecutorService statusUpdater;

    public CloudNodeController(KubernetesClient client, SharedIndexInformer<Node> nodes, InstancesV2 instances,
                               EventRecorder recorder, Duration statusUpdatePeriod, Duration cacheSyncTimeout, MeterRegistry registry) {
        this.client = client;
        this.nodes = nodes;
        this.instances = instances;
        this.recorder = recorder;
        this.writes = new NodeWrites(client);
        this.statusUpdatePeriod = statusUpdatePeriod;
        this.controller = Controller.<String>builder().name(NAME).workers(1).cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry).reconciler(this::syncNode)
                .watch(nodes, n -> n.getMetadata().getName()).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start() throws InterruptedException {
        controller.start();
        statusUpdater = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, NAME + "-status");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, statusUpdatePeriod.toMillis());
        statusUpdater.scheduleWithFixedDelay(this::updateNodeStatus, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized boolean stop(Duration timeout) throws InterruptedException {
        if (statusUpdater != null) {
            statusUpdater.shutdownNow();
        }
        return controller.stop(timeout);
    }

    Result syncNode(String name) {
        Node cached = nodes.getIndexer().getByKey(name);
        if (cached == null) {
            return Result.done();
        }
        if (!NodeInitialization.hasCloudTaint(cached)) {
            Map<String, String> labels = NodeInitialization.labelsToReconcile(cached);
            if (!labels.isEmpty()) {
                writes.patchLabels(name, labels);
            }
            return Result.done();
        }
        log.info("Initializing node {} with cloud provider", name);
        Node copy = new NodeBuilder(cached).build();
        InstanceMetadata meta;
        try {
            meta = instances.instanceMetadata(copy);
        } catch (RuntimeException e) {
            throw new IllegalStateException("failed to get instance metadata for node " + name + ": " + e.getMessage(), e);
        }
        if (meta == null) {
            log.info("Skip sync node {} because cloud provided nil metadata", name);
            return Result.done();
        }
        // a conflict (the node changed since the cache saw it) fails the sync; the retry starts from the newer node
        Node updated = client.nodes().resource(NodeInitialization.initialize(copy, meta)).update();
        updateNodeAddress(updated, meta.nodeAddresses());
        log.info("Successfully initialized node {} with cloud provider", name);
        recorder.event(NodeWrites.ref(copy), EventRecorder.NORMAL, "Synced", "Node synced successfully");
        return Result.done();
    }

    private void updateNodeAddress(Node node, List<NodeAddress> fromProvider) {
        Optional<List<NodeAddress>> next = NodeInitialization.addressesToWrite(node, fromProvider);
        if (next.isPresent()) {
            try {
                writes.patchAddresses(node.getMetadata().getName(), next.get());
            } catch (RuntimeException e) {
                log.error("Error patching node with cloud ip addresses = [{}]", e.getMessage());
            }
        }
    }

    /** Upstream {@code UpdateNodeStatus}: refreshes the addresses of every initialised node. */
    void updateNodeStatus() {
        for (Node node : nodes.getIndexer().list()) {
            if (NodeInitialization.hasCloudTaint(node)) {
                continue;
            }
            try {
                updateNodeAddress(node, instances.instanceMetadata(new NodeBuilder(node).build()).nodeAddresses());
            } catch (RuntimeException e) {
                log.error("Error getting instance metadata for node addresses: {}", e.getMessage());
            }
        }
    }
}
