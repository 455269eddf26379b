package io.kubeboot.scheduler.admin;

import io.kubeboot.scheduler.cache.SchedulerCache;
import io.kubeboot.scheduler.core.Decision;
import io.kubeboot.scheduler.core.DecisionLog;
import io.kubeboot.scheduler.leader.LeaderState;
import io.kubeboot.scheduler.queue.PendingPods;
import io.kubeboot.scheduler.queue.SchedulingQueue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's read-only admin API (Swagger UI at {@code /swagger-ui.html}): the queues, what the cache
 * believes runs where, and for recent pods each plugin's filter verdict and scores. Nothing here changes
 * state.
 */
@RestController
@RequestMapping("/admin/v1")
@Tag(name = "scheduler", description = "Read-only view of kube-scheduler's queues, cache and recent decisions")
public class AdminController {
    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final DecisionLog decisions;
    private final LeaderState leader;

    public AdminController(SchedulingQueue queue, SchedulerCache cache, DecisionLog decisions, LeaderState leader) {
        this.queue = queue;
        this.cache = cache;
        this.decisions = decisions;
        this.leader = leader;
    }

    @GetMapping("/status")
    @Operation(summary = "Whether this replica leads, and the sizes of the cache and queues")
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("leader", leader.isLeader());
        out.put("identity", leader.identity());
        out.put("currentLeader", leader.currentLeader());
        out.put("nodes", cache.nodeCount());
        out.put("pods", cache.podCount());
        PendingPods p = queue.pendingPods();
        out.put("pending", Map.of("active", p.active(), "backoff", p.backoff(), "unschedulable", p.unschedulable()));
        return out;
    }

    @GetMapping("/queue")
    @Operation(summary = "Pending pods: the counts per queue (activeQ, backoffQ, unschedulablePods) and the pods")
    public Map<String, Object> queue() {
        PendingPods p = queue.pendingPods();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("summary", p.summary());
        out.put("pods", p.pods().stream().map(pod -> pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()).toList());
        return out;
    }

    @GetMapping("/cache")
    @Operation(summary = "Pods per node as the scheduler's cache sees them (assumed pods marked)")
    public Map<String, List<String>> cache() {
        return cache.dump();
    }

    @GetMapping("/decisions")
    @Operation(summary = "The most recent scheduling attempts, newest first")
    public List<Decision> decisions(@RequestParam(defaultValue = "50") int limit) {
        List<Decision> all = decisions.recent();
        return all.subList(0, Math.min(Math.max(limit, 0), all.size()));
    }

    @GetMapping("/decisions/{namespace}/{name}")
    @Operation(summary = "Recent attempts for one pod: each rejecting node's plugin and reasons, and the plugins' scores of the best nodes")
    public List<Decision> decisionsFor(@PathVariable String namespace, @PathVariable String name) {
        return decisions.forPod(namespace + "/" + name);
    }
}
