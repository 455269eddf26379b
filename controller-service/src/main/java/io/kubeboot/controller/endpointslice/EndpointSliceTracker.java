package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Upstream {@code EndpointSliceTracker}: the generation of every EndpointSlice this controller wrote, per Service,
 * or {@value #DELETION_EXPECTED} for ones it deleted. Tells slice events caused by its own writes (skip) from
 * others' changes (sync), and a stale informer cache (older generations than written, or slices missing) from a
 * current one. Thread safe.
 */
final class EndpointSliceTracker {
    static final long DELETION_EXPECTED = -1;

    private final Map<String, Map<String, Long>> generationsByService = new HashMap<>();
    private final Map<String, String> serviceUids = new HashMap<>();

    synchronized boolean has(EndpointSlice slice) {
        Map<String, Long> g = generationsByService.get(serviceKey(slice));
        return g != null && g.containsKey(slice.getMetadata().getUid());
    }

    /** Whether the slice's generation is unknown or newer than the one this controller wrote. */
    synchronized boolean shouldSync(EndpointSlice slice) {
        Map<String, Long> g = generationsByService.get(serviceKey(slice));
        if (g == null) {
            return true;
        }
        Long gen = g.get(slice.getMetadata().getUid());
        return gen == null || generation(slice) > gen;
    }

    /**
     * Whether the cache lags behind this controller's writes for {@code service}: a slice older than written, one
     * expected deleted still there, or a written one missing. Tracking of an earlier Service of the same name
     * (another uid) is dropped first.
     */
    synchronized boolean staleSlices(Service service, List<EndpointSlice> slices) {
        String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
        String uid = service.getMetadata().getUid();
        String tracked = serviceUids.get(key);
        if (tracked != null && !tracked.isEmpty() && uid != null && !uid.isEmpty() && !tracked.equals(uid)) {
            generationsByService.remove(key);
        }
        serviceUids.put(key, uid);
        Map<String, Long> gfs = generationsByService.get(key);
        if (gfs == null) {
            return false;
        }
        Set<String> provided = new HashSet<>();
        for (EndpointSlice s : slices) {
            provided.add(s.getMetadata().getUid());
            Long g = gfs.get(s.getMetadata().getUid());
            if (g != null && (g == DELETION_EXPECTED || g > generation(s))) {
                return true;
            }
        }
        for (Map.Entry<String, Long> e : gfs.entrySet()) {
            if (e.getValue() != DELETION_EXPECTED && !provided.contains(e.getKey())) {
                return true;
            }
        }
        return false;
    }

    synchronized void update(EndpointSlice slice) {
        generationsByService.computeIfAbsent(serviceKey(slice), k -> new HashMap<>()).put(slice.getMetadata().getUid(), generation(slice));
    }

    synchronized void expectDeletion(EndpointSlice slice) {
        generationsByService.computeIfAbsent(serviceKey(slice), k -> new HashMap<>()).put(slice.getMetadata().getUid(), DELETION_EXPECTED);
    }

    /** Forgets the slice; true when its deletion was expected (or it was not tracked). */
    synchronized boolean handleDeletion(EndpointSlice slice) {
        Map<String, Long> g = generationsByService.get(serviceKey(slice));
        if (g != null) {
            Long gen = g.remove(slice.getMetadata().getUid());
            return gen == null || gen == DELETION_EXPECTED;
        }
        return true;
    }

    synchronized void deleteService(String namespace, String name) {
        generationsByService.remove(namespace + "/" + name);
        serviceUids.remove(namespace + "/" + name);
    }

    private static String serviceKey(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        String svc = labels == null ? "" : Objects.toString(labels.get(SliceShapes.LABEL_SERVICE_NAME), "");
        return slice.getMetadata().getNamespace() + "/" + svc;
    }

    private static long generation(EndpointSlice s) {
        return s.getMetadata().getGeneration() == null ? 0 : s.getMetadata().getGeneration();
    }
}
