package io.kubeboot.apiserver.config;

import io.kubeboot.apiserver.storage.WatchCaches;
import io.kubeboot.store.Store;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** Health of the store (Redis answers) and of the watch caches (synced), for /actuator/health. */
@Component("storeHealthIndicator")
public class StoreHealth implements ReactiveHealthIndicator {
    private final Store store;
    private final WatchCaches caches;

    public StoreHealth(Store store, WatchCaches caches) {
        this.store = store;
        this.caches = caches;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromFuture(store.revision())
                .timeout(Duration.ofSeconds(2))
                .map(rev -> (caches.ready() ? Health.up() : Health.outOfService())
                        .withDetail("revision", rev).withDetail("watchCachesReady", caches.ready()).build())
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.toString()).build()));
    }
}
