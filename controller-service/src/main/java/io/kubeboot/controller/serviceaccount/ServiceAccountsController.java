package io.kubeboot.controller.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream {@code pkg/controller/serviceaccount} (ServiceAccountsController): every active namespace has the
 * ServiceAccounts to ensure (upstream's default: just {@code default}); one deleted is created again. Keys are
 * namespace names; namespace adds and updates (incl. resyncs) and ServiceAccount deletions queue them. Namespaces
 * that are not Active (terminating) are left alone, as is a create refused because the namespace is terminating.
 */
public final class ServiceAccountsController implements ManagedController {
    public static final String NAME = "serviceaccount";
    public static final List<String> DEFAULT_SERVICE_ACCOUNTS = List.of("default");

    private final KubernetesClient client;
    private final SharedIndexInformer<Namespace> nsInformer;
    private final SharedIndexInformer<ServiceAccount> saInformer;
    private final List<String> toEnsure;
    private final Controller<String> controller;

    public ServiceAccountsController(KubernetesClient client, SharedIndexInformer<Namespace> nsInformer,
                                     SharedIndexInformer<ServiceAccount> saInformer, List<String> toEnsure,
                                     Duration cacheSyncTimeout, MeterRegistry registry) {
        this.client = client;
        this.nsInformer = nsInformer;
        this.saInformer = saInformer;
        this.toEnsure = List.copyOf(toEnsure);
        this.controller = Controller.<String>builder()
                .name(NAME)
                // upstream runs this controller with a single worker
                .workers(1)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::syncNamespace)
                .watchWith(nsInformer, ServiceAccountsController::namespaceHandler)
                .watchWith(saInformer, ServiceAccountsController::serviceAccountHandler)
                .build();
    }

    /** The manager's entry: "serviceaccount", on by default. */
    public static ControllerDescriptor descriptor() {
        return new ControllerDescriptor(NAME, false, ServiceAccountsController::create);
    }

    static ServiceAccountsController create(ControllerContext ctx) {
        return new ServiceAccountsController(ctx.client(), ctx.informers().informerFor(Namespace.class),
                ctx.informers().informerFor(ServiceAccount.class), DEFAULT_SERVICE_ACCOUNTS,
                ctx.properties().getCacheSyncTimeout(), ctx.registry());
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

    private static ResourceEventHandler<Namespace> namespaceHandler(RateLimitingQueue<String> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                queue.add(ns.getMetadata().getName());
            }

            @Override
            public void onUpdate(Namespace oldNs, Namespace newNs) {
                queue.add(newNs.getMetadata().getName());
            }

            @Override
            public void onDelete(Namespace ns, boolean deletedFinalStateUnknown) {
            }
        };
    }

    private static ResourceEventHandler<ServiceAccount> serviceAccountHandler(RateLimitingQueue<String> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ServiceAccount sa) {
            }

            @Override
            public void onUpdate(ServiceAccount oldSa, ServiceAccount newSa) {
            }

            @Override
            public void onDelete(ServiceAccount sa, boolean deletedFinalStateUnknown) {
                if (sa != null) {
                    queue.add(sa.getMetadata().getNamespace());
                }
            }
        };
    }

    Result syncNamespace(String name) {
        Namespace ns = nsInformer.getIndexer().getByKey(name);
        if (ns == null) {
            return Result.done();
        }
        String phase = ns.getStatus() == null ? null : ns.getStatus().getPhase();
        if (!"Active".equals(phase)) {
            // nothing may be created in a namespace that is not active
            return Result.done();
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (String saName : toEnsure) {
            if (saInformer.getIndexer().getByKey(Cache.namespaceKeyFunc(name, saName)) != null) {
                continue;
            }
            ServiceAccount sa = new ServiceAccountBuilder().withNewMetadata().withName(saName).withNamespace(name).endMetadata().build();
            try {
                client.serviceAccounts().inNamespace(name).resource(sa).create();
            } catch (RuntimeException e) {
                if (ClientErrors.isConflict(e) || ClientErrors.hasStatusCause(e, ClientErrors.NAMESPACE_TERMINATING_CAUSE)) {
                    // already exists, or the namespace started terminating: nothing to do
                    continue;
                }
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
        return Result.done();
    }
}
