package io.kubeboot.controller.cloud.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.api.json.Json;
import io.kubeboot.controller.cloud.provider.LoadBalancer;
import io.kubeboot.controller.cloud.support.NoOpHandler;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream k8s.io/cloud-provider controllers/service: Services of type LoadBalancer (without a loadBalancerClass) get
 * a load balancer from the provider and its address in {@code status.loadBalancer}; the finalizer
 * {@code service.kubernetes.io/load-balancer-cleanup} is added before the load balancer is created and removed after
 * it is deleted (when the service is deleted or no longer of type LoadBalancer), so a service cannot go away with its
 * load balancer left behind. A change of the node set (added, deleted, exclusion label or providerID changed) points
 * every load balancer at the new nodes ({@code UpdateLoadBalancer}); failed updates are retried through the service
 * queue.
 *
 * <p>Two queues as upstream: service keys, and one key for "sync the nodes of all load balancers".
 */
public final class ServiceController implements ManagedController {
    public static final String NAME = "service-lb-controller";
    public static final String EVENT_COMPONENT = "service-controller";
    private static final String NODE_SYNC_KEY = "nodes";
    private static final int MAX_NODE_NAMES_TO_LOG = 20;
    private static final Logger log = LoggerFactory.getLogger(ServiceController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<Node> nodes;
    private final LoadBalancer balancer;
    private final String clusterName;
    private final EventRecorder recorder;
    /** Upstream {@code serviceCache}: the last service state synced per key (for deletions without finalizer). */
    private final Map<String, Service> cache = new ConcurrentHashMap<>();
    /** The nodes each load balancer was last pointed at. */
    private final Map<String, List<Node>> lastSyncedNodes = new ConcurrentHashMap<>();
    private final Controller<String> serviceLoop;
    private final Controller<String> nodeLoop;

    private enum Op { DELETE, ENSURE }

    public ServiceController(KubernetesClient client, SharedIndexInformer<Service> services, SharedIndexInformer<Node> nodes,
                             LoadBalancer balancer, String clusterName, EventRecorder recorder, int workers,
                             Duration cacheSyncTimeout, MeterRegistry registry) {
        this.client = client;
        this.services = services;
        this.nodes = nodes;
        this.balancer = balancer;
        this.clusterName = clusterName;
        this.recorder = recorder;
        this.serviceLoop = Controller.<String>builder().name("service").workers(workers).cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry).reconciler(this::syncService)
                .watchWith(services, ServiceController::serviceHandler).watchWith(nodes, q -> new NoOpHandler<>()).build();
        this.nodeLoop = Controller.<String>builder().name("node-sync").workers(1).cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry).reconciler(k -> syncNodes())
                .watchWith(nodes, ServiceController::nodeHandler).watchWith(services, q -> new NoOpHandler<>()).build();
    }

    static String key(Service s) {
        return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
    }

    static ResourceEventHandler<Service> serviceHandler(RateLimitingQueue<String> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service s) {
                // cleanup on add covers a controller that stopped before it handled a change
                if (ServiceLoadBalancers.wantsLoadBalancer(s) || ServiceLoadBalancers.needsCleanup(s)) {
                    queue.add(key(s));
                }
            }

            @Override
            public void onUpdate(Service oldS, Service newS) {
                if (ServiceLoadBalancers.needsUpdate(oldS, newS) || ServiceLoadBalancers.needsCleanup(newS)) {
                    queue.add(key(newS));
                }
            }

            @Override
            public void onDelete(Service s, boolean unknown) {
                // deletions are handled through the finalizer; a load balancer of a service without it is removed
                // from the cache of synced services
                if (s != null) {
                    queue.add(key(s));
                }
            }
        };
    }

    static ResourceEventHandler<Node> nodeHandler(RateLimitingQueue<String> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node n) {
                queue.add(NODE_SYNC_KEY);
            }

            @Override
            public void onUpdate(Node oldN, Node newN) {
                if (ServiceLoadBalancers.shouldSyncUpdatedNode(oldN, newN)) {
                    queue.add(NODE_SYNC_KEY);
                }
            }

            @Override
            public void onDelete(Node n, boolean unknown) {
                queue.add(NODE_SYNC_KEY);
            }
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        serviceLoop.start();
        nodeLoop.start();
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        boolean a = serviceLoop.stop(timeout);
        boolean b = nodeLoop.stop(timeout);
        return a && b;
    }

    Result syncService(String key) {
        Service cached = services.getIndexer().getByKey(key);
        if (cached == null) {
            processServiceDeletion(key);
        } else {
            processServiceCreateOrUpdate(new ServiceBuilder(cached).build(), key);
        }
        return Result.done();
    }

    private void processServiceDeletion(String key) {
        Service last = cache.get(key);
        if (last == null) {
            return;
        }
        log.info("Service {} has been deleted. Attempting to cleanup load balancer resources", key);
        processLoadBalancerDelete(last);
        cache.remove(key);
        lastSyncedNodes.remove(key);
    }

    private void processLoadBalancerDelete(Service service) {
        if (!ServiceLoadBalancers.wantsLoadBalancer(service)) {
            return;
        }
        recorder.event(service, EventRecorder.NORMAL, "DeletingLoadBalancer", "Deleting load balancer");
        try {
            balancer.ensureLoadBalancerDeleted(clusterName, service);
        } catch (RuntimeException e) {
            recorder.eventf(service, EventRecorder.WARNING, "DeleteLoadBalancerFailed", "Error deleting load balancer: %s", e.getMessage());
            throw e;
        }
        recorder.event(service, EventRecorder.NORMAL, "DeletedLoadBalancer", "Deleted load balancer");
    }

    private void processServiceCreateOrUpdate(Service service, String key) {
        Service previous = cache.get(key);
        if (previous != null && !Objects.equals(previous.getMetadata().getUid(), service.getMetadata().getUid())) {
            // deleted and created again in a short time (possible only without the finalizer)
            processLoadBalancerDelete(previous);
        }
        cache.put(key, service);
        Op op;
        try {
            op = syncLoadBalancerIfNeeded(service, key);
        } catch (RuntimeException e) {
            recorder.eventf(service, EventRecorder.WARNING, "SyncLoadBalancerFailed", "Error syncing load balancer: %s", e.getMessage());
            throw e;
        }
        if (op == Op.DELETE) {
            cache.remove(key);
            lastSyncedNodes.remove(key);
        }
    }

    private Op syncLoadBalancerIfNeeded(Service service, String key) {
        LoadBalancerStatus previous = service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                ? new LoadBalancerStatus() : service.getStatus().getLoadBalancer();
        LoadBalancerStatus next;
        Op op;
        if (!ServiceLoadBalancers.wantsLoadBalancer(service) || ServiceLoadBalancers.needsCleanup(service)) {
            op = Op.DELETE;
            next = new LoadBalancerStatus();
            boolean exists;
            try {
                exists = balancer.getLoadBalancer(clusterName, service).isPresent();
            } catch (RuntimeException e) {
                throw new SyncException("failed to check if load balancer exists before cleanup: " + e.getMessage(), e);
            }
            if (exists) {
                log.info("Deleting existing load balancer for service {}", key);
                recorder.event(service, EventRecorder.NORMAL, "DeletingLoadBalancer", "Deleting load balancer");
                try {
                    balancer.ensureLoadBalancerDeleted(clusterName, service);
                } catch (RuntimeException e) {
                    throw new SyncException("failed to delete load balancer: " + e.getMessage(), e);
                }
            }
            try {
                removeFinalizer(service);
            } catch (RuntimeException e) {
                throw new SyncException("failed to remove load balancer cleanup finalizer: " + ClientErrors.message(e), e);
            }
            recorder.event(service, EventRecorder.NORMAL, "DeletedLoadBalancer", "Deleted load balancer");
        } else {
            op = Op.ENSURE;
            log.info("Ensuring load balancer for service {}", key);
            recorder.event(service, EventRecorder.NORMAL, "EnsuringLoadBalancer", "Ensuring load balancer");
            try {
                addFinalizer(service);
            } catch (RuntimeException e) {
                throw new SyncException("failed to add load balancer cleanup finalizer: " + ClientErrors.message(e), e);
            }
            List<Node> hosts = nodes.getIndexer().list().stream().filter(ServiceLoadBalancers::inStableNodeSet).toList();
            if (hosts.isEmpty()) {
                recorder.event(service, EventRecorder.WARNING, "UnAvailableLoadBalancer", "There are no available nodes for LoadBalancer");
            }
            lastSyncedNodes.put(key, hosts);
            try {
                next = balancer.ensureLoadBalancer(clusterName, service, hosts);
            } catch (RuntimeException e) {
                throw new SyncException("failed to ensure load balancer: " + e.getMessage(), e);
            }
            if (next == null) {
                throw new SyncException("service status returned by EnsureLoadBalancer is nil", null);
            }
            recorder.event(service, EventRecorder.NORMAL, "EnsuredLoadBalancer", "Ensured load balancer");
        }
        try {
            patchStatus(service, previous, next);
        } catch (RuntimeException e) {
            if (!ClientErrors.isNotFound(e)) {
                throw new SyncException("failed to update load balancer status: " + ClientErrors.message(e), e);
            }
        }
        return op;
    }

    /** An error of one sync, with upstream's wrapping message. */
    static final class SyncException extends RuntimeException {
        SyncException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void addFinalizer(Service service) {
        if (ServiceLoadBalancers.hasFinalizer(service)) {
            return;
        }
        List<String> finalizers = new ArrayList<>(service.getMetadata().getFinalizers() == null ? List.of() : service.getMetadata().getFinalizers());
        finalizers.add(ServiceLoadBalancers.FINALIZER);
        log.info("Adding finalizer to service {}", key(service));
        patchFinalizers(service, finalizers);
    }

    private void removeFinalizer(Service service) {
        if (!ServiceLoadBalancers.hasFinalizer(service)) {
            return;
        }
        List<String> finalizers = new ArrayList<>(service.getMetadata().getFinalizers());
        finalizers.removeIf(ServiceLoadBalancers.FINALIZER::equals);
        log.info("Removing finalizer from service {}", key(service));
        patchFinalizers(service, finalizers);
    }

    private void patchFinalizers(Service service, List<String> finalizers) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        if (finalizers.isEmpty()) {
            meta.putNull("finalizers");
        } else {
            meta.set("finalizers", Json.MAPPER.valueToTree(finalizers));
        }
        client.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }

    /** Writes {@code status.loadBalancer} unless it is already equal; an empty status clears the ingress list. */
    private void patchStatus(Service service, LoadBalancerStatus previous, LoadBalancerStatus next) {
        if (ServiceLoadBalancers.loadBalancerStatusEqual(previous, next)) {
            return;
        }
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode lb = patch.putObject("status").putObject("loadBalancer");
        if (next.getIngress() == null || next.getIngress().isEmpty()) {
            lb.putNull("ingress");
        } else {
            lb.set("ingress", Json.MAPPER.valueToTree(next.getIngress()));
        }
        log.info("Patching status for service {}", key(service));
        client.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }

    /** Upstream {@code syncNodes}: points every synced load balancer at the current node set; retries go to the service queue. */
    private Result syncNodes() {
        List<Node> current = nodes.getIndexer().list().stream().filter(ServiceLoadBalancers::inStableNodeSet).toList();
        int failed = 0;
        for (Map.Entry<String, Service> e : cache.entrySet()) {
            if (nodeSyncService(e.getKey(), e.getValue(), current)) {
                serviceLoop.enqueue(e.getKey());
                failed++;
            }
        }
        log.debug("Successfully updated {} out of {} load balancers to direct traffic to the updated set of nodes",
                cache.size() - failed, cache.size());
        return Result.done();
    }

    /** @return whether the service must be retried */
    private boolean nodeSyncService(String key, Service svc, List<Node> current) {
        if (svc == null || !ServiceLoadBalancers.wantsLoadBalancer(svc)) {
            return false;
        }
        List<Node> old = lastSyncedNodes.getOrDefault(key, List.of()).stream().filter(ServiceLoadBalancers::inStableNodeSet).toList();
        lastSyncedNodes.put(key, current);
        if (ServiceLoadBalancers.nodesSufficientlyEqual(old, current)) {
            return false;
        }
        try {
            balancer.updateLoadBalancer(clusterName, svc, current);
        } catch (RuntimeException err) {
            try {
                if (balancer.getLoadBalancer(clusterName, svc).isEmpty()) {
                    return false;
                }
            } catch (RuntimeException e) {
                log.error("failed to check if load balancer exists for service {}: {}", key, e.getMessage());
            }
            recorder.eventf(svc, EventRecorder.WARNING, "UpdateLoadBalancerFailed",
                    "Error updating load balancer with new hosts %s [node names limited, total number of nodes: %d], error: %s",
                    loggableNodeNames(current), current.size(), err.getMessage());
            log.error("failed to update load balancer hosts for service {}: {}", key, err.getMessage());
            return true;
        }
        if (current.isEmpty()) {
            recorder.event(svc, EventRecorder.WARNING, "UnAvailableLoadBalancer", "There are no available nodes for LoadBalancer");
        } else {
            recorder.event(svc, EventRecorder.NORMAL, "UpdatedLoadBalancer", "Updated load balancer with new hosts");
        }
        return false;
    }

    /** Upstream {@code loggableNodeNames} printed with Go's {@code %v}: sorted names, at most 20, then "<n more>". */
    static String loggableNodeNames(List<Node> nodes) {
        List<String> names;
        if (nodes.size() > MAX_NODE_NAMES_TO_LOG) {
            names = new ArrayList<>(new TreeSet<>(nodes.subList(0, MAX_NODE_NAMES_TO_LOG).stream().map(n -> n.getMetadata().getName()).toList()));
            names.add("<" + (nodes.size() - MAX_NODE_NAMES_TO_LOG) + " more>");
        } else {
            names = new ArrayList<>(new TreeSet<>(nodes.stream().map(n -> n.getMetadata().getName()).toList()));
        }
        return "[" + String.join(" ", names) + "]";
    }
}
