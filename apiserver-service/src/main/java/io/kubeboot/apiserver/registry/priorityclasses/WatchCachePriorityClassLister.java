package io.kubeboot.apiserver.registry.priorityclasses;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
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
import java.util.List;

/**
 * PriorityClasses as this replica's watch cache holds them: what upstream's admission informer is
 * to kube-apiserver. A class written a moment ago may not be visible yet, exactly as there.
 */
@Component
public class WatchCachePriorityClassLister implements PriorityClassLister {
    private static final ResourceInfo INFO =
            BuiltinResources.get().byResource("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow();
    private static final ObjectFilter ALL = new ObjectFilter(null, null, null);

    private final WatchCaches caches;

    public WatchCachePriorityClassLister(WatchCaches caches) {
        this.caches = caches;
    }

    @Override
    public List<PriorityClass> list() {
        List<PriorityClass> out = new ArrayList<>();
        for (CachedObject o : caches.cache(INFO).list(ALL).items()) {
            try {
                out.add(Json.MAPPER.readValue(o.json(), PriorityClass.class));
            } catch (IOException e) {
                throw new UncheckedIOException("stored PriorityClass " + o.name() + " does not decode", e);
            }
        }
        return out;
    }
}
