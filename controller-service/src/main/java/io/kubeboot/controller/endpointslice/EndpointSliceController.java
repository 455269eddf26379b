package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Upstream {@code pkg/controller/endpointslice}: keeps the EndpointSlices (managed-by
 * {@value SliceShapes#CONTROLLER_NAME}) of every Service with a selector in line with its pods, via the
 * {@link SlicePlanner}. Services without a selector, and ExternalName Services, are left alone; slices of a deleted
 * Service go with it through their owner reference (the garbage collector).
 *
 * <p>Slice events caused by this controller's own writes are recognised by generation ({@link EndpointSliceTracker})
 * and ignored; others' changes to managed slices queue the Service after at least a second. A sync that finds the
 * slice cache older than its own last writes fails and is retried with backoff.
 */
public final class EndpointSliceController implements ManagedController {
    public static final String NAME = "endpointslice";
    static final String COMPONENT = "endpoint-slice-controller";
    /** Upstream {@code endpointSliceChangeMinSyncDelay}. */
    static final Duration SLICE_CHANGE_MIN_SYNC_DELAY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(EndpointSliceController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<Service> serviceInformer;
    private final SharedIndexInformer<Pod> podInformer;
    private final SharedIndexInformer<EndpointSlice> sliceInformer;
    private final SharedIndexInformer<Node> nodeInformer;
    private final EventRecorder recorder;
    private final Duration batchPeriod;
    private final SlicePlanner planner;
    private final EndpointSliceTracker tracker = new EndpointSliceTracker();
    private final TriggerTimeTracker triggerTimes = new TriggerTimeTracker();
    private final PodServiceMembership membership;
    private final Controller<ObjectKey> controller;

    public EndpointSliceController(KubernetesClient client, SharedIndexInformer<Service> serviceInformer,
                                   SharedIndexInformer<Pod> podInformer, SharedIndexInformer<EndpointSlice> sliceInformer,
                                   SharedIndexInformer<Node> nodeInformer, EventRecorder recorder, int workers,
                                   int maxEndpointsPerSlice, Duration batchPeriod, Duration cacheSyncTimeout,
                                   MeterRegistry registry) {
        this.client = client;
        this.serviceInformer = serviceInformer;
        this.podInformer = podInformer;
        this.sliceInformer = sliceInformer;
        this.nodeInformer = nodeInformer;
        this.recorder = recorder;
        this.batchPeriod = batchPeriod == null ? Duration.ZERO : batchPeriod;
        this.planner = new SlicePlanner(maxEndpointsPerSlice, SliceShapes.CONTROLLER_NAME);
        this.membership = new PodServiceMembership(ns -> serviceInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ns));
        this.controller = Controller.<ObjectKey>builder()
                .name(NAME)
                .workers(workers)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::syncService)
                .watch(serviceInformer, ObjectKey::of)
                .watchWith(podInformer, this::podHandler)
                .watchWith(sliceInformer, this::sliceHandler)
                // nodes are only looked up (zone, existence); the informer is watched so start waits for its sync
                .watchWith(nodeInformer, q -> new ResourceEventHandler<Node>() {
                    @Override
                    public void onAdd(Node obj) {
                    }

                    @Override
                    public void onUpdate(Node oldObj, Node newObj) {
                    }

                    @Override
                    public void onDelete(Node obj, boolean deletedFinalStateUnknown) {
                    }
                })
                .build();
    }

    /** The manager's entry: "endpointslice", on by default. */
    public static ControllerDescriptor descriptor(EndpointSliceProperties props) {
        return new ControllerDescriptor(NAME, false, ctx -> create(ctx, props));
    }

    static EndpointSliceController create(ControllerContext ctx, EndpointSliceProperties props) {
        return new EndpointSliceController(ctx.client(), ctx.informers().informerFor(Service.class),
                ctx.informers().informerFor(Pod.class), ctx.informers().informerFor(EndpointSlice.class),
                ctx.informers().informerFor(Node.class), ctx.eventRecorder(COMPONENT), props.getConcurrentSyncs(),
                props.getMaxEndpointsPerSlice(), props.getUpdatesBatchPeriod(), ctx.properties().getCacheSyncTimeout(),
                ctx.registry());
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
        return controller.stop(timeout);
    }

    // ------------------------------------------------------------------ handlers (enqueue only)

    private ResourceEventHandler<Pod> podHandler(RateLimitingQueue<ObjectKey> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                membership.memberships(pod).forEach(k -> queue.addAfter(k, batchPeriod));
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                if (oldPod == null) {
                    onAdd(newPod);
                    return;
                }
                membership.servicesToUpdateOnPodChange(oldPod, newPod).forEach(k -> queue.addAfter(k, batchPeriod));
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                if (pod != null) {
                    onAdd(pod);
                }
            }
        };
    }

    private ResourceEventHandler<EndpointSlice> sliceHandler(RateLimitingQueue<ObjectKey> queue) {
        Duration delay = batchPeriod.compareTo(SLICE_CHANGE_MIN_SYNC_DELAY) > 0 ? batchPeriod : SLICE_CHANGE_MIN_SYNC_DELAY;
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                if (managedByUs(slice) && tracker.shouldSync(slice)) {
                    serviceKey(slice).ifPresent(k -> queue.addAfter(k, delay));
                }
            }

            @Override
            public void onUpdate(EndpointSlice prev, EndpointSlice cur) {
                if (prev == null) {
                    onAdd(cur);
                    return;
                }
                // users may relabel a slice to another Service: both need a look
                if (!Objects.equals(serviceName(prev), serviceName(cur))) {
                    serviceKey(cur).ifPresent(k -> queue.addAfter(k, delay));
                    serviceKey(prev).ifPresent(k -> queue.addAfter(k, delay));
                    return;
                }
                if (managedByUs(prev) != managedByUs(cur) || (managedByUs(cur) && tracker.shouldSync(cur))) {
                    serviceKey(cur).ifPresent(k -> queue.addAfter(k, delay));
                }
            }

            @Override
            public void onDelete(EndpointSlice slice, boolean deletedFinalStateUnknown) {
                if (slice != null && managedByUs(slice) && tracker.has(slice) && !tracker.handleDeletion(slice)) {
                    // deleted by someone else
                    serviceKey(slice).ifPresent(k -> queue.addAfter(k, delay));
                }
            }
        };
    }

    static boolean managedByUs(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        return labels != null && SliceShapes.CONTROLLER_NAME.equals(labels.get(SliceShapes.LABEL_MANAGED_BY));
    }

    private static String serviceName(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        return labels == null ? null : labels.get(SliceShapes.LABEL_SERVICE_NAME);
    }

    /** Upstream {@code ServiceControllerKey}: the Service named by the slice's service-name label. */
    private static Optional<ObjectKey> serviceKey(EndpointSlice slice) {
        String name = serviceName(slice);
        if (name == null || name.isEmpty()) {
            log.error("Couldn't get key for EndpointSlice {}/{}: EndpointSlice missing {} label",
                    slice.getMetadata().getNamespace(), slice.getMetadata().getName(), SliceShapes.LABEL_SERVICE_NAME);
            return Optional.empty();
        }
        return Optional.of(new ObjectKey(slice.getMetadata().getNamespace(), name));
    }

    // ------------------------------------------------------------------ sync

    Result syncService(ObjectKey key) {
        String ns = key.namespace();
        String name = key.name();
        Service service = serviceInformer.getIndexer().getByKey(key.toString());
        if (service == null) {
            triggerTimes.deleteService(ns, name);
            tracker.deleteService(ns, name);
            return Result.done();
        }
        if (EndpointPods.isExternalName(service)) {
            return Result.done();
        }
        Map<String, String> selector = EndpointPods.selector(service);
        if (selector == null) {
            // slices of selector-less services are written out of band
            return Result.done();
        }
        LabelSelector sel = LabelSelector.fromSet(selector);
        List<Pod> pods = new ArrayList<>();
        for (Pod p : podInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ns)) {
            if (sel.matches(p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels())) {
                pods.add(p);
            }
        }
        List<EndpointSlice> slices = new ArrayList<>();
        for (EndpointSlice s : sliceInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ns)) {
            if (name.equals(serviceName(s)) && managedByUs(s) && s.getMetadata().getDeletionTimestamp() == null) {
                slices.add(s);
            }
        }
        if (tracker.staleSlices(service, slices)) {
            throw new IllegalStateException("EndpointSlice informer cache is out of date");
        }
        // computed even when nothing is written, so the tracker's state follows every sync
        Optional<Instant> triggerTime = triggerTimes.compute(ns, service, pods);
        SlicePlanner.Plan plan = planner.plan(service, pods, slices,
                nodeName -> Optional.ofNullable(nodeInformer.getIndexer().getByKey(nodeName)));
        try {
            execute(service, plan, triggerTime);
            if (!plan.errors().isEmpty()) {
                throw new IllegalStateException(String.join(", ", plan.errors()));
            }
        } catch (RuntimeException e) {
            recorder.eventf(service, EventRecorder.WARNING, "FailedToUpdateEndpointSlices",
                    "Error updating Endpoint Slices for Service %s/%s: %s", ns, name, ClientErrors.message(e));
            throw e;
        }
        return Result.done();
    }

    /** Upstream {@code finalize}: creates (not while the Service is being deleted), then updates, then deletes. */
    private void execute(Service service, SlicePlanner.Plan plan, Optional<Instant> triggerTime) {
        String ns = service.getMetadata().getNamespace();
        String svc = service.getMetadata().getName();
        if (service.getMetadata().getDeletionTimestamp() == null) {
            for (EndpointSlice s : plan.toCreate()) {
                withTriggerTime(s, triggerTime);
                EndpointSlice created;
                try {
                    created = client.discovery().v1().endpointSlices().inNamespace(ns).resource(s).create();
                } catch (RuntimeException e) {
                    if (ClientErrors.hasStatusCause(e, ClientErrors.NAMESPACE_TERMINATING_CAUSE)) {
                        return;
                    }
                    throw new IllegalStateException("failed to create EndpointSlice for Service " + ns + "/" + svc + ": "
                            + ClientErrors.message(e), e);
                }
                tracker.update(created);
            }
        }
        for (EndpointSlice s : plan.toUpdate()) {
            withTriggerTime(s, triggerTime);
            EndpointSlice updated;
            try {
                updated = client.discovery().v1().endpointSlices().inNamespace(ns).resource(s).update();
            } catch (RuntimeException e) {
                throw new IllegalStateException("failed to update " + s.getMetadata().getName() + " EndpointSlice for Service "
                        + ns + "/" + svc + ": " + ClientErrors.message(e), e);
            }
            tracker.update(updated);
        }
        for (EndpointSlice s : plan.toDelete()) {
            try {
                client.discovery().v1().endpointSlices().inNamespace(ns).withName(s.getMetadata().getName()).delete();
                tracker.expectDeletion(s);
            } catch (RuntimeException e) {
                if (!ClientErrors.isNotFound(e)) {
                    throw new IllegalStateException("failed to delete " + s.getMetadata().getName() + " EndpointSlice for Service "
                            + ns + "/" + svc + ": " + ClientErrors.message(e), e);
                }
            }
        }
    }

    /** Upstream {@code addTriggerTimeAnnotation}: set the last-change trigger time, or clear it when there is none. */
    static void withTriggerTime(EndpointSlice s, Optional<Instant> triggerTime) {
        Map<String, String> ann = new HashMap<>(s.getMetadata().getAnnotations() == null ? Map.of() : s.getMetadata().getAnnotations());
        if (triggerTime.isPresent()) {
            ann.put(EndpointPods.LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker.format(triggerTime.get()));
        } else {
            ann.remove(EndpointPods.LAST_CHANGE_TRIGGER_TIME);
        }
        s.getMetadata().setAnnotations(ann);
    }
}
