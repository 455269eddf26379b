package io.kubeboot.apiserver.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.apiserver.registry.services.ServiceAllocator;
import io.kubeboot.apiserver.storage.WatchCaches;
import io.kubeboot.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One {@link Registry} per served resource type, each with its type's strategy (Spring beans). */
@Component
public class Registries {
    private static final Logger log = LoggerFactory.getLogger(Registries.class);
    private final Map<String, Registry<?>> byResource = new HashMap<>();

    public Registries(List<Strategy<?>> strategies, Store store, WatchCaches caches, ServiceAllocator services) {
        Map<String, Strategy<?>> byName = new HashMap<>();
        for (Strategy<?> s : strategies) {
            byName.put(s.info().qualifiedResource(), s);
        }
        Clock clock = Clock.systemUTC();
        for (ResourceInfo info : BuiltinResources.get().all()) {
            Strategy<?> s = byName.get(info.qualifiedResource());
            if (s == null) {
                s = defaultStrategy(info);
                log.debug("no strategy for {}: ObjectMeta validation only", info.qualifiedResource());
            }
            ClaimPolicy claims = info.group().isEmpty() && info.resource().equals("services") ? services : ClaimPolicy.NONE;
            byResource.put(info.qualifiedResource(), registry(s, store, caches, claims, clock));
        }
    }

    private static <T extends HasMetadata> Registry<T> registry(Strategy<T> s, Store store, WatchCaches caches,
                                                                ClaimPolicy claims, Clock clock) {
        return new Registry<>(s, store, caches, claims, clock);
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> Strategy<T> defaultStrategy(ResourceInfo info) {
        return new DefaultStrategy<>(info, (Class<T>) info.modelClass());
    }

    public Optional<Registry<?>> forResource(ResourceInfo info) {
        return Optional.ofNullable(byResource.get(info.qualifiedResource()));
    }

    public Registry<?> get(ResourceInfo info) {
        return byResource.get(info.qualifiedResource());
    }
}
