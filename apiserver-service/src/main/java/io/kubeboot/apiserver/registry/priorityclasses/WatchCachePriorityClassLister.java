package io.kubeboot.apiserver.registry.priorityclasses;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.apiserver.storage.CachedObject;
import io.kubeboot.apiserver.storage.ObjectFilter;
import io.kubeboot.apiserver.storage.WatchCaches;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PriorityClasses as this replica's watch cache holds them: what upstream's admission informer is
 * to kube-apiserver. A class written a moment ago may not be visible yet, exactly as there.
 *
 * <p>Each stored version of a class is decoded once (every pod create asks for the global default): the decoded
 * objects are kept per cached object and callers get copies of the ones they are given.
 */
@Component
public class WatchCachePriorityClassLister implements PriorityClassLister {
    private static final ResourceInfo INFO =
            BuiltinResources.get().byResource("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow();
    private static final ObjectFilter ALL = new ObjectFilter(null, null, null);

    private final WatchCaches caches;
    private final Map<String, Decoded> decoded = new ConcurrentHashMap<>();

    /** A class as decoded from one cached version of it; never handed out, only copies of it. */
    private record Decoded(CachedObject source, PriorityClass pc) {
    }

    public WatchCachePriorityClassLister(WatchCaches caches) {
        this.caches = caches;
    }

    @Override
    public List<PriorityClass> list() {
        return shared().stream().map(WatchCachePriorityClassLister::copy).toList();
    }

    @Override
    public Optional<PriorityClass> get(String name) {
        return PriorityClassLister.named(shared(), name).map(WatchCachePriorityClassLister::copy);
    }

    @Override
    public Optional<PriorityClass> globalDefault() {
        return PriorityClassLister.globalDefault(shared()).map(WatchCachePriorityClassLister::copy);
    }

    /** The cached classes, decoded; shared, so never given to callers. */
    private List<PriorityClass> shared() {
        List<CachedObject> items = caches.cache(INFO).list(ALL).items();
        List<PriorityClass> out = new ArrayList<>(items.size());
        for (CachedObject o : items) {
            Decoded d = decoded.get(o.key());
            if (d == null || d.source() != o) {
                d = new Decoded(o, decode(o));
                decoded.put(o.key(), d);
            }
            out.add(d.pc());
        }
        if (decoded.size() > items.size()) {
            Set<String> keys = new HashSet<>();
            items.forEach(o -> keys.add(o.key()));
            decoded.keySet().retainAll(keys);
        }
        return out;
    }

    private static PriorityClass decode(CachedObject o) {
        try {
            return Json.MAPPER.readValue(o.json(), PriorityClass.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored PriorityClass " + o.name() + " does not decode", e);
        }
    }

    private static PriorityClass copy(PriorityClass pc) {
        return new PriorityClassBuilder(pc).build();
    }
}
