package io.kubeboot.controller.tainteviction;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.PodsByNode;
import io.kubeboot.controller.util.Taints;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Upstream {@code pkg/controller/tainteviction} ("taint-eviction-controller", a controller of its own since
 * SeparateTaintEvictionController): deletes pods from nodes with NoExecute taints they do not tolerate, at once or
 * after their tolerationSeconds ({@link NoExecuteTaintManager}, {@link PodEvictor}).
 *
 * <p>Node events are queued when the node's NoExecute taints change; pod events when the pod's node or tolerations
 * change. Items of the same node are handled one at a time (upstream shards its workers by node name), so a node's
 * taints are recorded before its pods are judged against them.
 */
public final class TaintEvictionController implements ManagedController {
    public static final String NAME = "taint-eviction-controller";
    private static final int WORKERS = 8;

    /** A queued change: a node's, or a pod's on a node. */
    sealed interface Item permits NodeItem, PodItem {
        String nodeName();
    }

    record NodeItem(String nodeName) implements Item {
    }

    record PodItem(String namespace, String name, String nodeName) implements Item {
    }

    private final NoExecuteTaintManager manager;
    private final TimedWorkerQueue evictions;
    private final ScheduledExecutorService timers;
    private final ExecutorService deletions;
    private final Object[] stripes = new Object[WORKERS];
    private final Controller<Item> controller;

    public TaintEvictionController(io.fabric8.kubernetes.client.KubernetesClient client, SharedIndexInformer<Node> nodeInformer,
                                   SharedIndexInformer<Pod> podInformer, EventRecorder recorder, Duration cacheSyncTimeout,
                                   MeterRegistry registry, Clock clock) {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon(NAME + "-timer"));
        this.deletions = Executors.newCachedThreadPool(daemon(NAME + "-delete"));
        this.evictions = new TimedWorkerQueue(new PodEvictor(client, recorder, clock), new TimedWorkerQueue.DelayedExecutor() {
            @Override
            public TimedWorkerQueue.Cancellable schedule(Runnable task, Duration delay) {
                var f = timers.schedule(() -> deletions.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public void execute(Runnable task) {
                deletions.execute(task);
            }
        });
        PodsByNode.ensureIndex(podInformer);
        this.manager = new NoExecuteTaintManager(new NoExecuteTaintManager.Lookup() {
            @Override
            public Node node(String name) {
                return nodeInformer.getIndexer().getByKey(name);
            }

            @Override
            public Pod pod(String namespace, String name) {
                return podInformer.getIndexer().getByKey(Cache.namespaceKeyFunc(namespace, name));
            }

            @Override
            public List<Pod> podsOn(String nodeName) {
                return PodsByNode.podsOn(podInformer, nodeName);
            }
        }, evictions, (ns, name) -> recorder.event(PodEvictor.podRef(ns, name), EventRecorder.NORMAL,
                PodEvictor.EVENT_REASON, "Cancelling deletion of Pod " + ns + "/" + name), clock);
        this.controller = Controller.<Item>builder()
                .name(NAME)
                .workers(WORKERS)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::handle)
                .watchWith(nodeInformer, TaintEvictionController::nodeHandler)
                .watchWith(podInformer, q -> podHandler(q, item -> manager.mayAct(item.namespace(), item.name(), item.nodeName())))
                .build();
    }

    /** The manager's entry: "taint-eviction-controller", on by default. */
    public static ControllerDescriptor descriptor() {
        return new ControllerDescriptor(NAME, false, TaintEvictionController::create);
    }

    static TaintEvictionController create(ControllerContext ctx) {
        return new TaintEvictionController(ctx.client(), ctx.informers().informerFor(Node.class),
                ctx.informers().informerFor(Pod.class), ctx.eventRecorder(NAME), ctx.properties().getCacheSyncTimeout(),
                ctx.registry(), Clock.systemUTC());
    }

    /** Upstream {@code NodeUpdated}: queued on add and delete, and on updates changing the NoExecute taints. */
    static ResourceEventHandler<Node> nodeHandler(RateLimitingQueue<Item> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                queue.add(new NodeItem(node.getMetadata().getName()));
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                if (oldNode != null && Objects.equals(noExecute(oldNode), noExecute(newNode))) {
                    return;
                }
                queue.add(new NodeItem(newNode.getMetadata().getName()));
            }

            @Override
            public void onDelete(Node node, boolean deletedFinalStateUnknown) {
                if (node != null) {
                    queue.add(new NodeItem(node.getMetadata().getName()));
                }
            }
        };
    }

    /**
     * Upstream {@code PodUpdated}: queued on add and delete, and on updates changing the node or the tolerations;
     * here only when {@code worthHandling} says handling it could act (see {@link NoExecuteTaintManager#mayAct}):
     * upstream wakes a worker for every pod bound anywhere, which cost this controller a twentieth of the
     * controller manager's CPU in the benchmark, untainted nodes all.
     */
    static ResourceEventHandler<Pod> podHandler(RateLimitingQueue<Item> queue, Predicate<PodItem> worthHandling) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                add(item(pod));
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                if (oldPod != null && Objects.equals(tolerations(oldPod), tolerations(newPod))
                        && PodConditions.nodeName(oldPod).equals(PodConditions.nodeName(newPod))) {
                    return;
                }
                add(item(newPod));
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                if (pod != null) {
                    // gone: only a pending deletion is left to cancel
                    PodItem item = item(pod);
                    if (worthHandling.test(new PodItem(item.namespace(), item.name(), ""))) {
                        queue.add(item);
                    }
                }
            }

            private void add(PodItem item) {
                if (worthHandling.test(item)) {
                    queue.add(item);
                }
            }
        };
    }

    private static PodItem item(Pod pod) {
        return new PodItem(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), PodConditions.nodeName(pod));
    }

    private static List<Taint> noExecute(Node node) {
        return Taints.withEffect(node.getSpec() == null ? null : node.getSpec().getTaints(), Taints.NO_EXECUTE);
    }

    private static List<Toleration> tolerations(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
    }

    Result handle(Item item) {
        synchronized (stripes[Math.floorMod(item.nodeName().hashCode(), stripes.length)]) {
            if (item instanceof NodeItem n) {
                manager.handleNodeUpdate(n.nodeName());
            } else if (item instanceof PodItem p) {
                manager.handlePodUpdate(p.namespace(), p.name(), p.nodeName());
            }
        }
        return Result.done();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        controller.start();
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean done = controller.stop(timeout);
        evictions.cancelAll();
        timers.shutdownNow();
        deletions.shutdown();
        done &= deletions.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return done;
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
