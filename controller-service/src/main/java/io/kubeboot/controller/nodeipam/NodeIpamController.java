package io.kubeboot.controller.nodeipam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.api.json.Json;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream {@code pkg/controller/nodeipam} with the range allocator: every node gets {@code spec.podCIDR} and
 * {@code spec.podCIDRs} (one block of each cluster CIDR), unique across nodes.
 *
 * <p>Contract: before any allocation, the podCIDRs nodes already have are occupied (so they are honoured after a
 * restart); a node without podCIDRs gets the next free blocks through a patch; a node's blocks are freed when it is
 * deleted (or being deleted). When a cluster CIDR is exhausted the node gets a {@code CIDRNotAvailable} event and
 * is retried with backoff. Unlike upstream, the controller remembers the blocks it wrote per node uid, so a node
 * update seen before the patch reached the cache does not allocate a second time, and releases on deletion happen in
 * the reconcile rather than in the event handler.
 */
public final class NodeIpamController implements ManagedController {
    public static final String NAME = "node-ipam-controller";
    /** Upstream's event source component for the range allocator. */
    static final String EVENT_COMPONENT = "cidrAllocator";
    private static final int WORKERS = 8;
    /** Upstream {@code cidrUpdateRetries}. */
    private static final int CIDR_UPDATE_RETRIES = 3;
    private static final Logger log = LoggerFactory.getLogger(NodeIpamController.class);

    /** The podCIDRs known for a node object. */
    record Allocation(String uid, List<String> cidrs) {
    }

    private final KubernetesClient client;
    private final SharedIndexInformer<Node> nodeInformer;
    private final RangeAllocator allocator;
    private final EventRecorder recorder;
    private final Duration cacheSyncTimeout;
    private final Map<String, Allocation> allocations = new ConcurrentHashMap<>();
    private final Controller<String> controller;

    public NodeIpamController(KubernetesClient client, SharedIndexInformer<Node> nodeInformer, RangeAllocator allocator,
                              EventRecorder recorder, Duration cacheSyncTimeout, MeterRegistry registry) {
        this.client = client;
        this.nodeInformer = nodeInformer;
        this.allocator = allocator;
        this.recorder = recorder;
        this.cacheSyncTimeout = cacheSyncTimeout;
        this.controller = Controller.<String>builder()
                .name(NAME)
                .workers(WORKERS)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::sync)
                .watchWith(nodeInformer, NodeIpamController::handler)
                .build();
    }

    /** The manager's entry: "node-ipam-controller", disabled by default when allocateNodeCidrs is false. */
    public static ControllerDescriptor descriptor(NodeIpamProperties props) {
        return new ControllerDescriptor(NAME, !props.isAllocateNodeCidrs(), ctx -> create(ctx, props));
    }

    static NodeIpamController create(ControllerContext ctx, NodeIpamProperties props) {
        return new NodeIpamController(ctx.client(), ctx.informers().informerFor(Node.class), allocator(props),
                ctx.eventRecorder(EVENT_COMPONENT), ctx.properties().getCacheSyncTimeout(), ctx.registry());
    }

    /** The allocator the settings describe; throws IllegalArgumentException for bad settings. */
    static RangeAllocator allocator(NodeIpamProperties props) {
        List<Cidr> clusters = parseList(props.getClusterCidr());
        List<Integer> masks = clusters.stream()
                .map(c -> c.v6() ? props.getNodeCidrMaskSizeIpv6() : props.getNodeCidrMaskSizeIpv4()).toList();
        return new RangeAllocator(clusters, masks, parseList(props.getServiceClusterIpRange()));
    }

    private static List<Cidr> parseList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }

    /** Queues a node when it appears, is deleted, or is updated while it has no podCIDRs or they changed. */
    static ResourceEventHandler<Node> handler(RateLimitingQueue<String> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                queue.add(node.getMetadata().getName());
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                List<String> cur = podCidrs(newNode);
                if (oldNode == null || cur.isEmpty() || !cur.equals(podCidrs(oldNode))
                        || newNode.getMetadata().getDeletionTimestamp() != null) {
                    queue.add(newNode.getMetadata().getName());
                }
            }

            @Override
            public void onDelete(Node node, boolean deletedFinalStateUnknown) {
                if (node != null) {
                    queue.add(node.getMetadata().getName());
                }
            }
        };
    }

    static List<String> podCidrs(Node node) {
        if (node.getSpec() == null) {
            return List.of();
        }
        if (node.getSpec().getPodCIDRs() != null && !node.getSpec().getPodCIDRs().isEmpty()) {
            return node.getSpec().getPodCIDRs();
        }
        String single = node.getSpec().getPodCIDR();
        return single == null || single.isEmpty() ? List.of() : List.of(single);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Occupies the podCIDRs of the nodes in the synced cache, then starts allocating. */
    @Override
    public void start() throws InterruptedException {
        long deadline = System.nanoTime() + cacheSyncTimeout.toNanos();
        while (!nodeInformer.hasSynced()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("failed to wait for " + NAME + " caches to sync");
            }
            Thread.sleep(50);
        }
        for (Node node : nodeInformer.getIndexer().list()) {
            List<String> cidrs = podCidrs(node);
            if (cidrs.isEmpty()) {
                continue;
            }
            try {
                allocator.occupy(node.getMetadata().getName(), cidrs);
                allocations.put(node.getMetadata().getName(), new Allocation(node.getMetadata().getUid(), List.copyOf(cidrs)));
            } catch (IllegalArgumentException e) {
                log.error("Node {} has CIDRs that cannot be occupied: {}", node.getMetadata().getName(), e.getMessage());
            }
        }
        controller.start();
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        return controller.stop(timeout);
    }

    /** The podCIDRs this controller accounts to each node name (for tests and diagnostics). */
    Map<String, Allocation> allocations() {
        return Map.copyOf(allocations);
    }

    Result sync(String nodeName) {
        Node node = nodeInformer.getIndexer().getByKey(nodeName);
        Allocation known = allocations.get(nodeName);
        if (node == null || node.getMetadata().getDeletionTimestamp() != null) {
            if (known != null) {
                log.debug("Releasing CIDRs {} of deleted node {}", known.cidrs(), nodeName);
                releaseQuietly(nodeName, known.cidrs());
                allocations.remove(nodeName, known);
            }
            return Result.done();
        }
        String uid = node.getMetadata().getUid();
        if (known != null && !Objects.equals(known.uid(), uid)) {
            // the node was deleted and created again under the same name before we looked
            releaseQuietly(nodeName, known.cidrs());
            allocations.remove(nodeName, known);
            known = null;
        }
        List<String> cidrs = podCidrs(node);
        if (!cidrs.isEmpty()) {
            if (known == null || !known.cidrs().equals(cidrs)) {
                allocator.occupy(nodeName, cidrs);
                if (known != null) {
                    // someone else set other CIDRs than the ones we wrote: ours are unused
                    releaseQuietly(nodeName, known.cidrs());
                }
                allocations.put(nodeName, new Allocation(uid, List.copyOf(cidrs)));
            }
            return Result.done();
        }
        if (known != null) {
            // our patch has not reached the cache yet
            return Result.done();
        }
        List<Cidr> allocated;
        try {
            allocated = allocator.allocate();
        } catch (CidrSet.NoCidrsRemainingException e) {
            recordNodeStatusChange(node, "CIDRNotAvailable");
            throw new IllegalStateException("failed to allocate cidr from cluster cidr: " + e.getMessage(), e);
        }
        List<String> strings = allocated.stream().map(Cidr::toString).toList();
        KubernetesClientException last = null;
        for (int i = 0; i < CIDR_UPDATE_RETRIES; i++) {
            try {
                patchNodeCidrs(nodeName, strings);
                log.info("Set node {} PodCIDR {}", nodeName, strings);
                allocations.put(nodeName, new Allocation(uid, strings));
                return Result.done();
            } catch (KubernetesClientException e) {
                last = e;
            }
        }
        log.error("Failed to update Node {} PodCIDR {} after multiple attempts: {}", nodeName, strings, ClientErrors.message(last));
        recordNodeStatusChange(node, "CIDRAssignmentFailed");
        if (ClientErrors.code(last) != 504) {
            // unless the request timed out (it may have gone through), the blocks go back to the pool
            allocator.release(allocated);
        }
        throw last;
    }

    /** Upstream {@code PatchNodeCIDRs}: podCIDR and podCIDRs in one strategic merge patch. */
    private void patchNodeCidrs(String nodeName, List<String> cidrs) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode spec = patch.putObject("spec");
        spec.put("podCIDR", cidrs.get(0));
        spec.set("podCIDRs", Json.MAPPER.valueToTree(new ArrayList<>(cidrs)));
        client.nodes().withName(nodeName).patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch.toString());
    }

    private void releaseQuietly(String nodeName, List<String> cidrs) {
        try {
            allocator.release(nodeName, cidrs);
        } catch (IllegalArgumentException e) {
            log.error("error while processing CIDR Release: {}", e.getMessage());
        }
    }

    /** Upstream {@code RecordNodeStatusChange}. */
    private void recordNodeStatusChange(Node node, String status) {
        recorder.event(new ObjectReferenceBuilder().withApiVersion("v1").withKind("Node").withName(node.getMetadata().getName())
                        .withUid(node.getMetadata().getUid()).withNamespace("").build(),
                EventRecorder.NORMAL, status, "Node " + node.getMetadata().getName() + " status is now: " + status);
    }
}
