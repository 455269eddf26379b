package io.kubeboot.controller.manager;

import io.kubeboot.runtime.leader.LeaderElectionSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.config.ControllerManagerProperties;
import io.kubeboot.runtime.leader.LeaderElection;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * kube-controller-manager's life: build the enabled controllers (they ask the {@link SharedInformers} for their
 * informers and register handlers), start the informers and wait until they have synced, then campaign for the
 * Lease {@code kube-system/kube-controller-manager}; while leading, run every controller. As upstream, a replica
 * that loses the lease stops its controllers and exits (its caches and expectations cannot be trusted); one that is
 * shut down stops them gracefully and releases the lease so a standby takes over at once.
 *
 * <p>Thread safety: lifecycle calls come from Spring, leader callbacks from the elector's thread; state changes
 * are synchronized.
 */
public class ControllerManager implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ControllerManager.class);

    private final ControllerManagerProperties props;
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final List<ControllerDescriptor> descriptors;
    private final MeterRegistry registry;
    private final String identity;
    private final AtomicReference<String> currentLeader = new AtomicReference<>("");
    private final List<ManagedController> controllers = new ArrayList<>();
    private ControllerContext context;
    private volatile LeaderElection election;
    private volatile boolean running;
    private volatile boolean leading;
    private volatile boolean stopping;

    public ControllerManager(ControllerManagerProperties props, KubernetesClient client, SharedInformers informers,
                             List<ControllerDescriptor> descriptors, MeterRegistry registry) {
        this.props = props;
        this.client = client;
        this.informers = informers;
        this.descriptors = List.copyOf(descriptors);
        this.registry = registry;
        this.identity = props.getLeaderElection().resolvedIdentity();
    }


    @Override
    public synchronized void start() {
        context = new ControllerContext(client, informers, props, registry);
        for (ControllerDescriptor d : descriptors) {
            if (!ControllerSelection.isEnabled(d.name(), d.disabledByDefault(), props.getControllers())) {
                log.info("Warning: controller is disabled: {}", d.name());
                continue;
            }
            controllers.add(d.constructor().apply(context));
        }
        informers.start();
        running = true;
        Thread starter = new Thread(this::awaitSyncThenCampaign, "controller-manager-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void awaitSyncThenCampaign() {
        try {
            if (!informers.awaitSynced(props.getCacheSyncTimeout(), () -> running)) {
                if (running) {
                    log.error("informers did not sync within {}: {}", props.getCacheSyncTimeout(), informers.types());
                }
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        log.info("caches synced for {}; controllers {}", informers.types(), names());
        LeaderElectionSettings le = props.getLeaderElection();
        if (!le.isEnabled()) {
            startLeading();
            return;
        }
        LeaderElection e = le.builder(client, identity)
                .onStartedLeading(this::startLeading)
                .onStoppedLeading(this::stoppedLeading)
                .onNewLeader(currentLeader::set)
                .meterRegistry(registry)
                .build();
        synchronized (this) {
            if (!running) {
                return;
            }
            election = e;
        }
        log.info("campaigning for lease {}/{} as {}", le.getNamespace(), le.getName(), identity);
        e.start();
    }

    private synchronized void startLeading() {
        if (!running || leading) {
            return;
        }
        leading = true;
        currentLeader.set(identity);
        log.info("{} is leading: starting controllers {}", identity, names());
        for (ManagedController c : controllers) {
            try {
                c.start();
                log.info("Started controller {}", c.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Error starting controller {}", c.name(), e);
            }
        }
    }

    private void stoppedLeading() {
        boolean wasLeading = leading;
        stopControllers();
        if (wasLeading && !stopping) {
            log.error("{} lost the lease; controllers stopped", identity);
            if (props.isExitOnLostLease()) {
                // as upstream (klog.Fatalf "leaderelection lost"): a deposed leader's caches cannot be trusted
                new Thread(() -> System.exit(1), "controller-manager-exit").start();
            }
        }
    }

    private synchronized void stopControllers() {
        if (!leading) {
            return;
        }
        leading = false;
        for (ManagedController c : controllers) {
            try {
                if (!c.stop(props.getShutdownTimeout())) {
                    log.warn("controller {} did not finish within {}", c.name(), props.getShutdownTimeout());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (this) {
            running = false;
        }
        stopControllers();
        LeaderElection e = election;
        if (e != null) {
            e.close();
        }
        informers.stop();
        ControllerContext ctx;
        synchronized (this) {
            ctx = context;
        }
        if (ctx != null) {
            ctx.close();
        }
        log.info("controller manager stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public boolean isLeader() {
        return leading;
    }

    public String identity() {
        return identity;
    }

    /** The holder of the lease as last observed, or "" when unknown. */
    public String currentLeader() {
        return currentLeader.get();
    }

    /** The names of the enabled controllers. */
    public synchronized List<String> names() {
        return controllers.stream().map(ManagedController::name).toList();
    }
}
