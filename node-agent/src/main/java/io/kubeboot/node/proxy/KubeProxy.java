package io.kubeboot.node.proxy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * kube-proxy: watches Services and EndpointSlices with informers (the same label selectors as upstream: Services
 * without {@code service.kubernetes.io/service-proxy-name} and {@code service.kubernetes.io/headless}, slices with
 * {@code kubernetes.io/service-name} and without the headless label), and whenever something changed hands the
 * whole desired state ({@link ProxyStateBuilder}) to the {@link Proxier}. Informer handlers only mark the state
 * dirty; the {@link SyncRunner} syncs at most every {@code minSyncPeriod}, and every {@code syncPeriod} anyway.
 * Nothing is synced before both informers have listed once, so a partial view never removes listeners.
 */
public final class KubeProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KubeProxy.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final ProxyStateBuilder builder;
    private final Proxier proxier;
    private final ProxyMetrics metrics;
    private final SyncRunner runner;
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<EndpointSlice> slices;
    private Set<String> loggedRefusals = Set.of();
    private volatile ProxyState lastState = ProxyState.EMPTY;

    public KubeProxy(KubernetesClient client, ProxyStateBuilder builder, Proxier proxier, ProxyMetrics metrics,
                     Duration minSyncPeriod, Duration syncPeriod) {
        this.client = client;
        this.builder = builder;
        this.proxier = proxier;
        this.metrics = metrics;
        this.runner = new SyncRunner("kube-proxy-sync", minSyncPeriod, syncPeriod, RETRY, this::syncProxyRules);
    }

    public synchronized void start() {
        log.info("Starting kube-proxy in {} mode", proxier.mode());
        ResourceEventHandler<HasMetadata> dirty = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                runner.markDirty();
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                runner.markDirty();
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                runner.markDirty();
            }
        };
        services = client.services().inAnyNamespace()
                .withoutLabel("service.kubernetes.io/service-proxy-name")
                .withoutLabel("service.kubernetes.io/headless")
                .runnableInformer(0);
        services.addEventHandler(cast(dirty));
        services.exceptionHandler(KubeProxy::retry);
        slices = client.discovery().v1().endpointSlices().inAnyNamespace()
                .withLabel(ProxyStateBuilder.SERVICE_NAME_LABEL)
                .withoutLabel("service.kubernetes.io/headless")
                .runnableInformer(0);
        slices.addEventHandler(cast(dirty));
        slices.exceptionHandler(KubeProxy::retry);
        runner.start();
        services.start().thenRun(runner::markDirty);
        slices.start().thenRun(runner::markDirty);
    }

    /** Keeps listing/watching through apiserver outages (the agent may start before the apiserver). */
    private static boolean retry(boolean started, Throwable t) {
        log.warn("Informer {} failed, retrying: {}", started ? "watch" : "list", t.toString());
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> h) {
        return (ResourceEventHandler<T>) h;
    }

    /** The state the last sync applied. */
    public ProxyState lastState() {
        return lastState;
    }

    public String mode() {
        return proxier.mode();
    }

    private boolean syncProxyRules() {
        if (services == null || slices == null || !services.hasSynced() || !slices.hasSynced()) {
            return true;
        }
        long start = System.nanoTime();
        ProxyState state = builder.build(services.getStore().list(), slices.getStore().list());
        Set<String> refused = new HashSet<>(state.refused());
        for (String line : state.refused()) {
            if (!loggedRefusals.contains(line)) {
                log.warn(line);
            }
        }
        loggedRefusals = refused;
        boolean ok = proxier.sync(state);
        lastState = state;
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.recordSync(took, System.currentTimeMillis(), state, ok);
        log.debug("Synced {} service ports, {} endpoints in {} ms", state.ports().size(), state.endpointCount(),
                took.toMillis());
        return ok;
    }

    @Override
    public synchronized void close() {
        if (services != null) {
            services.close();
        }
        if (slices != null) {
            slices.close();
        }
        runner.close();
        proxier.close();
        log.info("kube-proxy stopped");
    }
}
