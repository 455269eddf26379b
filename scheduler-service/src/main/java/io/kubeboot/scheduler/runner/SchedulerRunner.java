package io.kubeboot.scheduler.runner;

import io.kubeboot.runtime.leader.LeaderElectionSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.runtime.leader.LeaderElection;
import io.kubeboot.scheduler.cache.SchedulerCache;
import io.kubeboot.scheduler.config.SchedulerProperties;
import io.kubeboot.scheduler.core.Scheduler;
import io.kubeboot.scheduler.framework.runtime.Framework;
import io.kubeboot.scheduler.informers.SchedulerEventHandlers;
import io.kubeboot.scheduler.leader.LeaderState;
import io.kubeboot.scheduler.queue.SchedulingQueue;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs kube-scheduler's life: start the informers and wait until they have synced, then campaign for the
 * Lease {@code kube-system/kube-scheduler}; while leading, run the queue and the scheduling loop. As
 * upstream, a replica that loses the lease stops scheduling and exits (its state may be stale); one that
 * is shut down releases the lease so a standby takes over at once.
 *
 * <p>Thread safety: lifecycle calls come from Spring; leader callbacks from the elector's thread; the loop
 * runs on its own thread.
 */
@Component
public class SchedulerRunner implements SmartLifecycle, LeaderState {
    private static final Logger log = LoggerFactory.getLogger(SchedulerRunner.class);

    private final SchedulerProperties props;
    private final KubernetesClient client;
    private final SchedulerAssembly.Informers informers;
    private final SchedulerCache cache;
    private final SchedulingQueue queue;
    private final Scheduler scheduler;
    private final Map<String, Framework> profiles;
    private final MeterRegistry registry;
    private final String identity;
    private final AtomicReference<String> currentLeader = new AtomicReference<>("");
    private volatile LeaderElection election;
    private volatile Thread loop;
    private volatile boolean running;
    private volatile boolean leading;
    private volatile boolean stopping;

    public SchedulerRunner(SchedulerProperties props, KubernetesClient client, SchedulerAssembly.Informers informers,
                           SchedulerCache cache, SchedulingQueue queue, Scheduler scheduler, Map<String, Framework> profiles,
                           MeterRegistry registry) {
        this.props = props;
        this.client = client;
        this.informers = informers;
        this.cache = cache;
        this.queue = queue;
        this.scheduler = scheduler;
        this.profiles = profiles;
        this.registry = registry;
        this.identity = props.getLeaderElection().resolvedIdentity();
    }


    @Override
    public void start() {
        SchedulerEventHandlers handlers = new SchedulerEventHandlers(cache, queue, profiles.keySet());
        informers.nodes().addEventHandler(handlers.nodes());
        informers.namespaces().addEventHandler(handlers.namespaces());
        informers.pods().addEventHandler(handlers.pods());
        for (SharedIndexInformer<?> i : informers.all()) {
            i.start();
        }
        running = true;
        Thread starter = new Thread(this::awaitSyncThenCampaign, "scheduler-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void awaitSyncThenCampaign() {
        try {
            for (SharedIndexInformer<?> i : informers.all()) {
                while (running && !i.hasSynced()) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!running) {
            return;
        }
        log.info("caches synced: {} nodes, {} pods assigned; profiles {}", cache.nodeCount(), cache.podCount(), profiles.keySet());
        LeaderElectionSettings le = props.getLeaderElection();
        if (!le.isEnabled()) {
            startLeading();
            return;
        }
        election = le.builder(client, identity)
                .onStartedLeading(this::startLeading)
                .onStoppedLeading(this::stoppedLeading)
                .onNewLeader(currentLeader::set)
                .meterRegistry(registry)
                .build();
        log.info("campaigning for lease {}/{} as {}", le.getNamespace(), le.getName(), identity);
        election.start();
    }

    private synchronized void startLeading() {
        if (!running || leading) {
            return;
        }
        leading = true;
        currentLeader.set(identity);
        log.info("{} is leading: scheduling", identity);
        queue.run();
        loop = new Thread(this::runLoop, "scheduler-loop");
        loop.start();
    }

    private void runLoop() {
        try {
            while (leading && scheduler.scheduleOne()) {
                // one pod per iteration; scheduleOne blocks on the queue
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("scheduling loop failed", e);
        }
    }

    private void stoppedLeading() {
        boolean wasLeading = leading;
        stopLoop();
        if (wasLeading && !stopping) {
            log.error("{} lost the lease; stopping", identity);
            if (props.isExitOnLostLease()) {
                // as upstream (klog.Fatalf): caches and assumptions of a deposed leader cannot be trusted
                new Thread(() -> System.exit(1), "scheduler-exit").start();
            }
        }
    }

    private synchronized void stopLoop() {
        leading = false;
        Thread t = loop;
        loop = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void stop() {
        stopping = true;
        running = false;
        stopLoop();
        try {
            scheduler.shutdown(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LeaderElection e = election;
        if (e != null) {
            e.close();
        }
        for (SharedIndexInformer<?> i : informers.all()) {
            i.stop();
        }
        log.info("scheduler stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isLeader() {
        return leading;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String currentLeader() {
        return currentLeader.get();
    }
}
