package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Upstream's EndpointSlice {@code Reconciler} minus the API calls: from a Service, its selected pods and its existing
 * slices, which slices to create, update and delete. Pure; existing slices are copied before being changed.
 *
 * <p>Per address type of the Service: pods that should be published (terminating ones included, with their
 * conditions) become endpoints grouped by their resolved port set; existing slices of a port set keep the endpoints
 * still desired (updated in place when conditions, node, zone or targetRef changed) and lose the others (deleted when
 * left empty); labels follow the Service; remaining endpoints first fill slices already being updated (fullest first),
 * then the unchanged slice they fit best, then new slices of at most {@code maxEndpointsPerSlice}. Slices of port
 * sets no longer wanted, of address types no longer served, or not owned by this Service are deleted. A Service
 * without any endpoints keeps one empty placeholder slice. Finally creates are turned into updates of slices that
 * would be deleted (same address type, owned), saving a delete and a create.
 *
 * <p>A pod on a Node missing from the cache is left out (unless publishNotReadyAddresses) and reported as an error
 * so the Service is synced again.
 */
public final class SlicePlanner {
    private final int maxEndpointsPerSlice;
    private final String controllerName;

    public SlicePlanner(int maxEndpointsPerSlice, String controllerName) {
        if (maxEndpointsPerSlice < 1) {
            throw new IllegalArgumentException("maxEndpointsPerSlice must be at least 1");
        }
        this.maxEndpointsPerSlice = maxEndpointsPerSlice;
        this.controllerName = controllerName;
    }

    /** What to write, per kind of write, and the pods that could not be placed. */
    public record Plan(List<EndpointSlice> toCreate, List<EndpointSlice> toUpdate, List<EndpointSlice> toDelete, List<String> errors) {
        public boolean isEmpty() {
            return toCreate.isEmpty() && toUpdate.isEmpty() && toDelete.isEmpty();
        }
    }

    /**
     * @param existing the Service's slices managed by this controller, none of them being deleted
     * @param nodes    the cached Node of a name, if any
     */
    public Plan plan(Service service, List<Pod> pods, List<EndpointSlice> existing, Function<String, Optional<Node>> nodes) {
        Set<String> addressTypes = SliceShapes.addressTypes(service);
        List<EndpointSlice> create = new ArrayList<>();
        List<EndpointSlice> update = new ArrayList<>();
        List<EndpointSlice> delete = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, List<EndpointSlice>> byType = new LinkedHashMap<>();
        List<EndpointSlice> unsupported = new ArrayList<>();
        for (EndpointSlice s : existing) {
            if (!addressTypes.contains(s.getAddressType())) {
                unsupported.add(s);
            } else {
                byType.computeIfAbsent(s.getAddressType(), k -> new ArrayList<>()).add(s);
            }
        }
        for (String type : addressTypes) {
            Plan p = planAddressType(service, pods, byType.getOrDefault(type, List.of()), nodes, type);
            create.addAll(p.toCreate());
            update.addAll(p.toUpdate());
            delete.addAll(p.toDelete());
            errors.addAll(p.errors());
        }
        delete.addAll(unsupported);
        return new Plan(create, update, delete, errors);
    }

    private Plan planAddressType(Service service, List<Pod> pods, List<EndpointSlice> existingSlices,
                                 Function<String, Optional<Node>> nodes, String addressType) {
        List<String> errors = new ArrayList<>();
        List<EndpointSlice> toCreate = new ArrayList<>();
        List<EndpointSlice> toUpdate = new ArrayList<>();
        List<EndpointSlice> toDelete = new ArrayList<>();

        Map<SliceShapes.PortMapKey, List<EndpointSlice>> existingByPorts = new LinkedHashMap<>();
        for (EndpointSlice s : existingSlices) {
            if (SliceShapes.ownedBy(s, service)) {
                existingByPorts.computeIfAbsent(SliceShapes.PortMapKey.of(s.getPorts()), k -> new ArrayList<>()).add(s);
            } else {
                toDelete.add(s);
            }
        }

        Map<SliceShapes.PortMapKey, List<EndpointPort>> desiredPorts = new LinkedHashMap<>();
        Map<SliceShapes.PortMapKey, EndpointSet> desiredEndpoints = new LinkedHashMap<>();
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        for (Pod pod : pods) {
            if (!EndpointPods.shouldPodBeInEndpoints(pod, true)) {
                continue;
            }
            List<EndpointPort> ports = SliceShapes.endpointPorts(service, pod);
            SliceShapes.PortMapKey key = SliceShapes.PortMapKey.of(ports);
            desiredEndpoints.computeIfAbsent(key, k -> new EndpointSet());
            desiredPorts.putIfAbsent(key, ports);
            String nodeName = pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
            Optional<Node> node = nodes.apply(nodeName);
            if (node.isEmpty() && !publishNotReady) {
                // retried later, but the slices are written without the pod meanwhile so they cannot get stuck
                errors.add("skipping Pod " + pod.getMetadata().getName() + " for Service " + service.getMetadata().getNamespace()
                        + "/" + service.getMetadata().getName() + ": Node " + nodeName + " Not Found");
                continue;
            }
            Endpoint ep = SliceShapes.podToEndpoint(pod, node.orElse(null), service, addressType);
            if (!ep.getAddresses().isEmpty()) {
                desiredEndpoints.get(key).insert(ep);
            }
        }

        for (Map.Entry<SliceShapes.PortMapKey, EndpointSet> e : desiredEndpoints.entrySet()) {
            PortPlan pp = planPortMapping(service, existingByPorts.getOrDefault(e.getKey(), List.of()), e.getValue(),
                    desiredPorts.get(e.getKey()), addressType);
            toCreate.addAll(pp.create);
            toUpdate.addAll(pp.update);
            toDelete.addAll(pp.delete);
        }
        for (Map.Entry<SliceShapes.PortMapKey, List<EndpointSlice>> e : existingByPorts.entrySet()) {
            if (!desiredEndpoints.containsKey(e.getKey())) {
                toDelete.addAll(e.getValue());
            }
        }

        // a Service without endpoints keeps one empty placeholder slice
        if (existingSlices.size() == toDelete.size() && toCreate.isEmpty()) {
            EndpointSlice placeholder = SliceShapes.newEndpointSlice(service, List.of(), addressType, controllerName);
            if (toDelete.size() == 1 && samePlaceholder(toDelete.get(0), placeholder)) {
                toDelete.clear();
            } else {
                toCreate.add(placeholder);
            }
        }
        finalizePlan(service, toCreate, toUpdate, toDelete);
        return new Plan(toCreate, toUpdate, toDelete, errors);
    }

    /** Upstream {@code placeholderSliceCompare}: same namespace, labels, address type, and neither ports nor endpoints. */
    static boolean samePlaceholder(EndpointSlice existing, EndpointSlice placeholder) {
        return Objects.equals(existing.getMetadata().getNamespace(), placeholder.getMetadata().getNamespace())
                && Objects.equals(nzMap(existing.getMetadata().getLabels()), nzMap(placeholder.getMetadata().getLabels()))
                && Objects.equals(existing.getAddressType(), placeholder.getAddressType())
                && (existing.getPorts() == null || existing.getPorts().isEmpty())
                && SliceShapes.size(existing) == 0;
    }

    /** Upstream {@code finalize}'s first step: creates become updates of owned, same-type slices that would be deleted. */
    private static void finalizePlan(Service service, List<EndpointSlice> toCreate, List<EndpointSlice> toUpdate, List<EndpointSlice> toDelete) {
        for (int i = 0; i < toDelete.size(); ) {
            if (toCreate.isEmpty()) {
                break;
            }
            EndpointSlice doomed = toDelete.get(i);
            EndpointSlice fresh = toCreate.get(toCreate.size() - 1);
            if (Objects.equals(doomed.getAddressType(), fresh.getAddressType()) && SliceShapes.ownedBy(doomed, service)) {
                // keep the existing object's identity (name, resourceVersion for the update), take the new content
                EndpointSlice merged = new EndpointSliceBuilder(fresh)
                        .editMetadata()
                        .withName(doomed.getMetadata().getName())
                        .withResourceVersion(doomed.getMetadata().getResourceVersion())
                        .withUid(doomed.getMetadata().getUid())
                        .withGeneration(doomed.getMetadata().getGeneration())
                        .withCreationTimestamp(doomed.getMetadata().getCreationTimestamp())
                        .withAnnotations(doomed.getMetadata().getAnnotations())
                        .endMetadata()
                        .build();
                toCreate.remove(toCreate.size() - 1);
                toUpdate.add(merged);
                toDelete.remove(i);
            } else {
                i++;
            }
        }
    }

    private static final class PortPlan {
        final List<EndpointSlice> create = new ArrayList<>();
        final List<EndpointSlice> update = new ArrayList<>();
        final List<EndpointSlice> delete = new ArrayList<>();
    }

    /** Upstream {@code reconcileByPortMapping}. */
    private PortPlan planPortMapping(Service service, List<EndpointSlice> existingSlices, EndpointSet desired,
                                     List<EndpointPort> ports, String addressType) {
        Map<String, EndpointSlice> byName = new LinkedHashMap<>();
        Set<String> unchanged = new LinkedHashSet<>();
        Set<String> toUpdate = new LinkedHashSet<>();
        Set<String> toDelete = new LinkedHashSet<>();

        // 1. keep still-desired endpoints (updated where they changed), drop the rest, follow the Service's labels
        for (EndpointSlice existing : existingSlices) {
            String name = existing.getMetadata().getName();
            byName.put(name, existing);
            List<Endpoint> kept = new ArrayList<>();
            boolean endpointUpdated = false;
            for (Endpoint ep : existing.getEndpoints() == null ? List.<Endpoint>of() : existing.getEndpoints()) {
                Optional<Endpoint> got = desired.get(ep);
                if (got.isPresent()) {
                    kept.add(got.get());
                    if (!SliceShapes.endpointsEqualBeyondHash(got.get(), ep)) {
                        endpointUpdated = true;
                    }
                    desired.delete(ep);
                }
            }
            SliceShapes.Labels labels = SliceShapes.sliceLabels(existing, service, controllerName);
            if (endpointUpdated || SliceShapes.size(existing) != kept.size()) {
                if (kept.isEmpty()) {
                    toDelete.add(name);
                } else {
                    EndpointSlice copy = new EndpointSliceBuilder(existing).withEndpoints(kept)
                            .editMetadata().withLabels(labels.labels()).endMetadata().build();
                    byName.put(name, copy);
                    toUpdate.add(name);
                }
            } else if (labels.changed()) {
                EndpointSlice copy = new EndpointSliceBuilder(existing).editMetadata().withLabels(labels.labels()).endMetadata().build();
                byName.put(name, copy);
                toUpdate.add(name);
            } else {
                unchanged.add(name);
            }
        }

        // 2. fill the slices being updated anyway, fullest first
        if (desired.size() > 0 && !toUpdate.isEmpty()) {
            List<EndpointSlice> slices = new ArrayList<>();
            for (String n : toUpdate) {
                slices.add(byName.get(n));
            }
            slices.sort(Comparator.comparingInt(SliceShapes::size).reversed());
            for (EndpointSlice s : slices) {
                while (desired.size() > 0 && SliceShapes.size(s) < maxEndpointsPerSlice) {
                    mutableEndpoints(s).add(desired.popAny());
                }
            }
        }

        // 3. the rest into the unchanged slice they fit best, else into new slices
        PortPlan out = new PortPlan();
        while (desired.size() > 0) {
            EndpointSlice fill = null;
            if (desired.size() < maxEndpointsPerSlice && !unchanged.isEmpty()) {
                List<EndpointSlice> candidates = new ArrayList<>();
                for (String n : unchanged) {
                    candidates.add(byName.get(n));
                }
                fill = SliceShapes.sliceToFill(candidates, desired.size(), maxEndpointsPerSlice);
            }
            if (fill == null) {
                fill = SliceShapes.newEndpointSlice(service, ports, addressType, controllerName);
            } else {
                fill = new EndpointSliceBuilder(fill).build();
                byName.put(fill.getMetadata().getName(), fill);
            }
            while (desired.size() > 0 && SliceShapes.size(fill) < maxEndpointsPerSlice) {
                mutableEndpoints(fill).add(desired.popAny());
            }
            if (fill.getMetadata().getName() != null && !fill.getMetadata().getName().isEmpty()) {
                toUpdate.add(fill.getMetadata().getName());
                unchanged.remove(fill.getMetadata().getName());
            } else {
                out.create.add(fill);
            }
        }
        for (String n : toUpdate) {
            out.update.add(byName.get(n));
        }
        for (String n : toDelete) {
            out.delete.add(byName.get(n));
        }
        return out;
    }

    /** The slice's endpoint list, made a mutable list of its own (the slice is always a fresh copy here). */
    private static List<Endpoint> mutableEndpoints(EndpointSlice s) {
        if (!(s.getEndpoints() instanceof ArrayList)) {
            s.setEndpoints(new ArrayList<>(s.getEndpoints() == null ? List.of() : s.getEndpoints()));
        }
        return s.getEndpoints();
    }

    private static Map<String, String> nzMap(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
