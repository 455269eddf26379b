package io.kubeboot.controller.endpoints;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.endpointslice.EndpointPods;
import io.kubeboot.controller.endpointslice.PodServiceMembership;
import io.kubeboot.controller.endpointslice.TriggerTimeTracker;
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
import java.util.Optional;

/**
 * Upstream {@code pkg/controller/endpoint}: keeps, for every Service with a selector, an Endpoints object of the same
 * name listing the selected pods' addresses ({@link DesiredSubsets}).
 *
 * <p>Per sync of a Service key: Service gone -> delete its Endpoints; ExternalName or no selector -> leave the
 * Endpoints alone (they are managed out of band); else compute the subsets and write the Endpoints when subsets,
 * labels (the Service's, plus {@code service.kubernetes.io/headless} for headless Services) or the over-capacity
 * annotation differ; the write carries {@code endpoints.kubernetes.io/last-change-trigger-time}. At start every
 * existing Endpoints object is queued once so that ones left without a Service are deleted.
 */
public final class EndpointsController implements ManagedController {
    public static final String NAME = "endpoint";
    static final String COMPONENT = "endpoint-controller";
    /** Upstream {@code resourcelock.LeaderElectionRecordAnnotationKey}: Endpoints used as leader locks are not ours. */
    static final String LEADER_ANNOTATION = "control-plane.alpha.kubernetes.io/leader";

    private static final Logger log = LoggerFactory.getLogger(EndpointsController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<Service> serviceInformer;
    private final SharedIndexInformer<Pod> podInformer;
    private final SharedIndexInformer<Endpoints> endpointsInformer;
    private final EventRecorder recorder;
    private final Duration batchPeriod;
    private final TriggerTimeTracker triggerTimes = new TriggerTimeTracker();
    private final StaleEndpointsTracker staleTracker = new StaleEndpointsTracker();
    private final PodServiceMembership membership;
    private final Controller<ObjectKey> controller;

    public EndpointsController(KubernetesClient client, SharedIndexInformer<Service> serviceInformer,
                               SharedIndexInformer<Pod> podInformer, SharedIndexInformer<Endpoints> endpointsInformer,
                               EventRecorder recorder, int workers, Duration batchPeriod, Duration cacheSyncTimeout,
                               MeterRegistry registry) {
        this.client = client;
        this.serviceInformer = serviceInformer;
        this.podInformer = podInformer;
        this.endpointsInformer = endpointsInformer;
        this.recorder = recorder;
        this.batchPeriod = batchPeriod == null ? Duration.ZERO : batchPeriod;
        this.membership = new PodServiceMembership(this::servicesIn);
        this.controller = Controller.<ObjectKey>builder()
                .name(NAME)
                .workers(workers)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::syncService)
                .watch(serviceInformer, ObjectKey::of)
                .watchWith(podInformer, this::podHandler)
                .watchWith(endpointsInformer, EndpointsController::endpointsDeletedHandler)
                .build();
    }

    /** The manager's entry: "endpoint", on by default. */
    public static ControllerDescriptor descriptor(EndpointsProperties props) {
        return new ControllerDescriptor(NAME, false, ctx -> create(ctx, props));
    }

    static EndpointsController create(ControllerContext ctx, EndpointsProperties props) {
        return new EndpointsController(ctx.client(), ctx.informers().informerFor(Service.class),
                ctx.informers().informerFor(Pod.class), ctx.informers().informerFor(Endpoints.class),
                ctx.eventRecorder(COMPONENT), props.getConcurrentSyncs(), props.getUpdatesBatchPeriod(),
                ctx.properties().getCacheSyncTimeout(), ctx.registry());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        controller.start();
        checkLeftoverEndpoints();
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        return controller.stop(timeout);
    }

    /**
     * Upstream {@code checkLeftoverEndpoints}: queue every Endpoints object once, so those whose Service went while
     * the controller was down get deleted.
     */
    private void checkLeftoverEndpoints() {
        for (Endpoints ep : endpointsInformer.getIndexer().list()) {
            Map<String, String> ann = ep.getMetadata().getAnnotations();
            if (ann != null && ann.containsKey(LEADER_ANNOTATION)) {
                continue;
            }
            controller.enqueue(ObjectKey.of(ep));
        }
    }

    private List<Service> servicesIn(String namespace) {
        return serviceInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

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

    private static ResourceEventHandler<Endpoints> endpointsDeletedHandler(RateLimitingQueue<ObjectKey> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Endpoints obj) {
            }

            @Override
            public void onUpdate(Endpoints oldObj, Endpoints newObj) {
            }

            @Override
            public void onDelete(Endpoints ep, boolean deletedFinalStateUnknown) {
                if (ep != null) {
                    queue.add(ObjectKey.of(ep));
                }
            }
        };
    }

    // ------------------------------------------------------------------ sync

    Result syncService(ObjectKey key) {
        String ns = key.namespace();
        String name = key.name();
        Service service = serviceInformer.getIndexer().getByKey(key.toString());
        if (service == null) {
            try {
                client.endpoints().inNamespace(ns).withName(name).delete();
            } catch (RuntimeException e) {
                if (!ClientErrors.isNotFound(e)) {
                    throw e;
                }
            }
            triggerTimes.deleteService(ns, name);
            staleTracker.delete(ns, name);
            return Result.done();
        }
        if (EndpointPods.isExternalName(service)) {
            return Result.done();
        }
        Map<String, String> selector = EndpointPods.selector(service);
        if (selector == null) {
            // endpoints of selector-less services are written out of band
            return Result.done();
        }
        LabelSelector sel = LabelSelector.fromSet(selector);
        List<Pod> pods = new ArrayList<>();
        for (Pod p : podInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ns)) {
            if (sel.matches(p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels())) {
                pods.add(p);
            }
        }
        // computed even when nothing is written, so the tracker's state follows every sync
        Optional<Instant> triggerTime = triggerTimes.compute(ns, service, pods);
        DesiredSubsets.Result desired = DesiredSubsets.compute(service, pods);
        List<EndpointSubset> subsets = desired.subsets();

        Endpoints current = endpointsInformer.getIndexer().getByKey(key.toString());
        if (current != null && staleTracker.isStale(current)) {
            throw new IllegalStateException("endpoints informer cache is out of date, resource version "
                    + current.getMetadata().getResourceVersion() + " already processed for endpoints " + key);
        }
        boolean create = current == null;
        Map<String, String> serviceLabels = nz(service.getMetadata().getLabels());
        if (!create) {
            Map<String, String> compareLabels = new HashMap<>(nz(current.getMetadata().getLabels()));
            compareLabels.remove(EndpointPods.HEADLESS_LABEL);
            if (EndpointSubsets.equalIgnoringResourceVersion(current.getSubsets(), subsets)
                    && compareLabels.equals(serviceLabels)
                    && EndpointsTruncation.capacityAnnotationSetCorrectly(current.getMetadata().getAnnotations(), current.getSubsets())) {
                log.trace("endpoints are equal for {}, skipping update", key);
                return Result.done();
            }
        }
        Endpoints next = build(service, current, subsets, triggerTime);
        log.debug("Update endpoints for {}: ready {}, not ready {}", key, desired.ready(), desired.notReady());
        try {
            if (create) {
                client.endpoints().inNamespace(ns).resource(next).create();
            } else {
                Endpoints updated = client.endpoints().inNamespace(ns).resource(next).update();
                if (updated != null && !java.util.Objects.equals(updated.getMetadata().getResourceVersion(),
                        current.getMetadata().getResourceVersion())) {
                    staleTracker.stale(current);
                }
            }
        } catch (RuntimeException e) {
            if (create && ClientErrors.code(e) == 403 && ClientErrors.hasStatusCause(e, ClientErrors.NAMESPACE_TERMINATING_CAUSE)) {
                // creates keep failing in a terminating namespace: drop the item
                return Result.done();
            }
            if (create) {
                recorder.eventf(next, EventRecorder.WARNING, "FailedToCreateEndpoint",
                        "Failed to create endpoint for service %s/%s: %s", ns, name, ClientErrors.message(e));
            } else {
                recorder.eventf(next, EventRecorder.WARNING, "FailedToUpdateEndpoint",
                        "Failed to update endpoint %s/%s: %s", ns, name, ClientErrors.message(e));
            }
            throw e;
        }
        return Result.done();
    }

    /** The Endpoints to write: a copy of the current one (or a new one) with subsets, labels and annotations set. */
    static Endpoints build(Service service, Endpoints current, List<EndpointSubset> subsets, Optional<Instant> triggerTime) {
        EndpointsBuilder b = current == null
                ? new EndpointsBuilder().withNewMetadata().withName(service.getMetadata().getName())
                        .withNamespace(service.getMetadata().getNamespace()).endMetadata()
                : new EndpointsBuilder(current);
        Map<String, String> annotations = current == null ? new HashMap<>() : new HashMap<>(nz(current.getMetadata().getAnnotations()));
        if (triggerTime.isPresent()) {
            annotations.put(EndpointPods.LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker.format(triggerTime.get()));
        } else {
            annotations.remove(EndpointPods.LAST_CHANGE_TRIGGER_TIME);
        }
        List<EndpointSubset> finalSubsets = subsets;
        Optional<List<EndpointSubset>> truncated = EndpointsTruncation.truncate(subsets);
        if (truncated.isPresent()) {
            finalSubsets = truncated.get();
            annotations.put(EndpointsTruncation.OVER_CAPACITY, EndpointsTruncation.TRUNCATED);
        } else {
            annotations.remove(EndpointsTruncation.OVER_CAPACITY);
        }
        Map<String, String> labels = new HashMap<>(nz(service.getMetadata().getLabels()));
        if (!EndpointPods.isServiceIpSet(service)) {
            labels.put(EndpointPods.HEADLESS_LABEL, "");
        } else {
            labels.remove(EndpointPods.HEADLESS_LABEL);
        }
        return b.editMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
                .withSubsets(finalSubsets).build();
    }

    private static Map<String, String> nz(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
