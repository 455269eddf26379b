package io.kubeboot.controller.garbagecollector;

import io.kubeboot.controller.util.Fabric8MetadataClient;
import io.kubeboot.controller.util.MetadataClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Upstream {@code pkg/controller/garbagecollector}: the "garbage-collector-controller" of kube-controller-manager.
 *
 * <p>Three work queues (upstream's names, also the workqueue_* metric names): {@code garbage_collector_graph_changes}
 * (one worker, the {@link GraphBuilder}), fed by a handler on the shared informer of every monitored resource (all
 * served resources that support delete, list and watch, except events); {@code garbage_collector_attempt_to_delete}
 * and {@code garbage_collector_attempt_to_orphan} ({@code workers} each, the {@link GarbageCollector}), with
 * client-go's default controller rate limiter for retries.
 */
public final class GarbageCollectorController implements ManagedController {
    public static final String NAME = "garbage-collector-controller";
    /** Upstream's --concurrent-gc-syncs default. */
    public static final int CONCURRENT_GC_SYNCS = 20;
    /** Upstream's absent-owner cache size. */
    static final int ABSENT_OWNER_CACHE_SIZE = 500;

    private static final Logger log = LoggerFactory.getLogger(GarbageCollectorController.class);

    private final Controller<GraphEvent> graphChanges;
    private final Controller<Node> attemptToDelete;
    private final Controller<Node> attemptToOrphan;
    private final GraphBuilder graphBuilder;
    private final GarbageCollector gc;

    /**
     * @param informerFor the shared informer of a monitored resource's model class
     * @param workers     upstream's --concurrent-gc-syncs
     */
    GarbageCollectorController(Function<Class<? extends HasMetadata>, SharedIndexInformer<? extends HasMetadata>> informerFor,
                                      MetadataClient client, WarningEvents events, int workers, Duration cacheSyncTimeout,
                                      MeterRegistry registry) {
        RestMapper mapper = RestMapper.builtin();
        Controller.Builder<GraphEvent> graph = Controller.<GraphEvent>builder()
                .name("garbage_collector_graph_changes")
                .workers(1)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::processGraphChange);
        for (ResourceInfo r : mapper.monitoredResources()) {
            SharedIndexInformer<? extends HasMetadata> informer = informerFor.apply(modelClass(r));
            graph.watchWith(informer, q -> new MonitorHandler(q, r.apiVersion(), r.kind()));
        }
        this.graphChanges = graph.build();
        this.attemptToDelete = Controller.<Node>builder()
                .name("garbage_collector_attempt_to_delete")
                .workers(workers)
                .meterRegistry(registry)
                .reconciler(n -> toResult(gc().attemptToDeleteWorker(n)))
                .build();
        this.attemptToOrphan = Controller.<Node>builder()
                .name("garbage_collector_attempt_to_orphan")
                .workers(workers)
                .meterRegistry(registry)
                .reconciler(n -> toResult(gc().attemptToOrphanWorker(n)))
                .build();
        ReferenceCache absentOwners = new ReferenceCache(ABSENT_OWNER_CACHE_SIZE);
        this.graphBuilder = new GraphBuilder(new UidToNode(), attemptToDelete.queue(), attemptToOrphan.queue(),
                graphChanges.queue(), absentOwners, events);
        this.gc = new GarbageCollector(graphBuilder, attemptToDelete.queue(), absentOwners, mapper, client);
    }

    /** The manager's entry: "garbagecollector", on by default (upstream --enable-garbage-collector). */
    public static ControllerDescriptor descriptor() {
        return new ControllerDescriptor("garbagecollector", false, GarbageCollectorController::create);
    }

    static GarbageCollectorController create(ControllerContext ctx) {
        EventRecorder recorder = ctx.eventRecorder(NAME);
        return new GarbageCollectorController(type -> ctx.informers().informerFor(type),
                new Fabric8MetadataClient(ctx.client()),
                (ref, reason, message) -> recorder.event(ref, EventRecorder.WARNING, reason, message),
                CONCURRENT_GC_SYNCS, ctx.properties().getCacheSyncTimeout(), ctx.registry());
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends HasMetadata> modelClass(ResourceInfo r) {
        return (Class<? extends HasMetadata>) r.modelClass();
    }

    private GarbageCollector gc() {
        return gc;
    }

    private Result processGraphChange(GraphEvent event) {
        graphBuilder.processGraphChanges(event);
        return Result.done();
    }

    private static Result toResult(GarbageCollector.Action action) {
        return action == GarbageCollector.Action.FORGET ? Result.done() : Result.requeue();
    }

    @Override
    public String name() {
        return "garbagecollector";
    }

    @Override
    public void start() throws InterruptedException {
        log.info("Starting controller garbagecollector");
        graphChanges.start();
        log.info("Garbage collector: all resource monitors have synced. Proceeding to collect garbage");
        attemptToDelete.start();
        attemptToOrphan.start();
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        log.info("Shutting down controller garbagecollector");
        boolean done = graphChanges.stop(timeout);
        done &= attemptToDelete.stop(timeout);
        done &= attemptToOrphan.stop(timeout);
        return done;
    }

    /** The graph, for tests (upstream's GraphHasUID). */
    boolean graphHasUid(String uid) {
        return graphBuilder.uidToNode().read(uid).isPresent();
    }
}
