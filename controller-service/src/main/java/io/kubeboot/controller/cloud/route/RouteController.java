package io.kubeboot.controller.cloud.route;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.api.json.Json;
import io.kubeboot.controller.cloud.provider.Route;
import io.kubeboot.controller.cloud.provider.Routes;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream k8s.io/cloud-provider controllers/route: every node with podCIDRs gets a route per CIDR from the provider
 * (missing ones created with the node UID as name hint, stale ones and blackholes in the cluster CIDRs deleted), and
 * its condition NetworkUnavailable is set False with reason RouteCreated once all its routes exist (True,
 * NoRouteCreated otherwise). Runs on node changes (added, deleted, podCIDRs or addresses changed) and every
 * {@code reconcilePeriod}.
 */
public final class RouteController implements ManagedController {
    public static final String NAME = "route-controller";
    public static final String EVENT_COMPONENT = "route_controller";
    private static final String KEY = "routes";
    private static final Logger log = LoggerFactory.getLogger(RouteController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<Node> nodes;
    private final Routes routes;
    private final String clusterName;
    private final RoutePlanner planner;
    private final EventRecorder recorder;
    private final Duration reconcilePeriod;
    private final Controller<String> controller;

    public RouteController(KubernetesClient client, SharedIndexInformer<Node> nodes, Routes routes, String clusterName,
                           List<String> clusterCidrs, EventRecorder recorder, Duration reconcilePeriod,
                           Duration cacheSyncTimeout, MeterRegistry registry) {
        this.client = client;
        this.nodes = nodes;
        this.routes = routes;
        this.clusterName = clusterName;
        this.planner = new RoutePlanner(clusterCidrs);
        this.recorder = recorder;
        this.reconcilePeriod = reconcilePeriod;
        this.controller = Controller.<String>builder().name(NAME).workers(1).cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry).reconciler(k -> reconcileNodeRoutes())
                .watchWith(nodes, RouteController::handler).build();
    }

    static ResourceEventHandler<Node> handler(RateLimitingQueue<String> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node n) {
                queue.add(KEY);
            }

            @Override
            public void onUpdate(Node o, Node n) {
                boolean resync = Objects.equals(o.getMetadata().getResourceVersion(), n.getMetadata().getResourceVersion());
                if (resync || !podCidrs(o).equals(podCidrs(n)) || !Objects.equals(addresses(o), addresses(n))) {
                    queue.add(KEY);
                }
            }

            @Override
            public void onDelete(Node n, boolean unknown) {
                queue.add(KEY);
            }
        };
    }

    static List<String> podCidrs(Node n) {
        if (n.getSpec() == null) {
            return List.of();
        }
        if (n.getSpec().getPodCIDRs() != null && !n.getSpec().getPodCIDRs().isEmpty()) {
            return n.getSpec().getPodCIDRs();
        }
        String one = n.getSpec().getPodCIDR();
        return one == null || one.isEmpty() ? List.of() : List.of(one);
    }

    private static Object addresses(Node n) {
        return n.getStatus() == null ? null : n.getStatus().getAddresses();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        controller.start();
        controller.enqueue(KEY);
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        return controller.stop(timeout);
    }

    Result reconcileNodeRoutes() {
        List<Route> current;
        try {
            current = routes.listRoutes(clusterName);
        } catch (RuntimeException e) {
            throw new IllegalStateException("error listing routes: " + e.getMessage(), e);
        }
        List<Node> all = nodes.getIndexer().list();
        List<RoutePlanner.NodeInfo> infos = all.stream()
                .map(n -> new RoutePlanner.NodeInfo(n.getMetadata().getName(), n.getMetadata().getUid(), podCidrs(n))).toList();
        RoutePlanner.Plan plan = planner.plan(infos, current);
        Map<String, Map<String, RoutePlanner.Action>> actions = new HashMap<>();
        plan.actions().forEach((k, v) -> actions.put(k, new LinkedHashMap<>(v)));

        for (Route r : plan.toDelete()) {
            log.info("Deleting route {} {}", r.name(), r.destinationCidr());
            try {
                routes.deleteRoute(clusterName, r);
                log.info("Deleted route {} {}", r.name(), r.destinationCidr());
            } catch (RuntimeException e) {
                log.error("Could not delete route {} {}: {}", r.name(), r.destinationCidr(), e.getMessage());
            }
        }
        Map<String, Node> byName = new HashMap<>();
        all.forEach(n -> byName.put(n.getMetadata().getName(), n));
        for (RoutePlanner.Creation c : plan.toCreate()) {
            long start = System.nanoTime();
            log.info("Creating route for node {} {} with hint {}", c.nodeName(), c.destinationCidr(), c.nameHint());
            try {
                routes.createRoute(clusterName, c.nameHint(), new Route("", c.nodeName(), c.destinationCidr(), false));
                actions.get(c.nodeName()).put(c.destinationCidr(), RoutePlanner.Action.KEEP);
                log.info("Created route for node {} {} with hint {}", c.nodeName(), c.destinationCidr(), c.nameHint());
            } catch (RuntimeException e) {
                String msg = "Could not create route " + c.nameHint() + " " + c.destinationCidr() + " for node " + c.nodeName()
                        + " after " + Duration.ofNanos(System.nanoTime() - start) + ": " + e.getMessage();
                recorder.event(new ObjectReferenceBuilder().withApiVersion("v1").withKind("Node").withName(c.nodeName())
                        .withUid(c.nameHint()).withNamespace("").build(), EventRecorder.WARNING, "FailedToCreateRoute", msg);
                log.error(msg);
            }
        }
        for (Node n : all) {
            Map<String, RoutePlanner.Action> a = actions.get(n.getMetadata().getName());
            if (a == null) {
                continue;
            }
            try {
                updateNetworkingCondition(n, RoutePlanner.allRoutesCreated(a));
            } catch (RuntimeException e) {
                log.error("failed to update networking condition of node {}: {}", n.getMetadata().getName(), e.getMessage());
            }
        }
        return Result.requeueAfter(reconcilePeriod);
    }

    /** Upstream {@code updateNetworkingCondition}: skipped when the condition already says so. */
    private void updateNetworkingCondition(Node node, boolean routesCreated) {
        NodeCondition current = null;
        if (node.getStatus() != null && node.getStatus().getConditions() != null) {
            current = node.getStatus().getConditions().stream().filter(c -> "NetworkUnavailable".equals(c.getType())).findFirst().orElse(null);
        }
        if (routesCreated && current != null && "False".equals(current.getStatus()) && "RouteCreated".equals(current.getReason())) {
            return;
        }
        if (!routesCreated && current != null && "True".equals(current.getStatus()) && "NoRouteCreated".equals(current.getReason())) {
            return;
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode condition = Json.MAPPER.createObjectNode();
        condition.put("type", "NetworkUnavailable");
        condition.put("status", routesCreated ? "False" : "True");
        condition.put("lastHeartbeatTime", now);
        condition.put("lastTransitionTime", now);
        condition.put("reason", routesCreated ? "RouteCreated" : "NoRouteCreated");
        condition.put("message", routesCreated ? "RouteController created a route" : "RouteController failed to create a route");
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ArrayNode conditions = patch.putObject("status").putArray("conditions");
        conditions.add(condition);
        // upstream SetNodeCondition: a strategic merge patch, conditions merged by type
        client.nodes().withName(node.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch.toString());
    }

    /** For diagnostics: the route list as the provider reports it. */
    List<Route> listRoutes() {
        return new ArrayList<>(routes.listRoutes(clusterName));
    }
}
