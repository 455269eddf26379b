package io.kubeboot.controller.cloud.manager;

import io.kubeboot.runtime.leader.LeaderElectionSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.controller.cloud.node.CloudNodeController;
import io.kubeboot.controller.cloud.node.CloudNodeLifecycleController;
import io.kubeboot.controller.cloud.provider.CloudProvider;
import io.kubeboot.controller.cloud.provider.CloudProviderContext;
import io.kubeboot.controller.cloud.provider.CloudProviders;
import io.kubeboot.controller.cloud.route.RouteController;
import io.kubeboot.controller.cloud.service.ServiceController;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.runtime.leader.LeaderElection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The cloud-controller-manager as one {@link ManagedController} group: the service (load balancer), cloud node,
 * cloud node lifecycle and route controllers over one {@link CloudProvider}, run only while this replica holds its
 * own Lease ({@code kube-system/cloud-controller-manager}, independent of kube-controller-manager's). A controller
 * whose provider part is missing is not built (upstream: "does not support ..."); routes also need
 * {@code configureCloudRoutes}.
 *
 * <p>Lifecycle: built before the informers start (controllers register their handlers then); {@link #start()}
 * campaigns and returns; controllers start when leading and stop when the lease is lost (then, as upstream, the
 * process exits unless {@code exitOnLostLease} is off) or on {@link #stop}, which also releases the lease and closes
 * the provider. Thread safe.
 */
public final class CloudControllerManager implements ManagedController {
    public static final String NAME = "cloud-controller-manager";
    private static final Logger log = LoggerFactory.getLogger(CloudControllerManager.class);

    private final ControllerContext ctx;
    private final CloudProperties props;
    private final CloudProvider provider;
    private final List<ManagedController> controllers;
    private volatile LeaderElection election;
    private volatile boolean leading;
    private volatile boolean stopping;

    CloudControllerManager(ControllerContext ctx, CloudProperties props, CloudProvider provider) {
        this.ctx = ctx;
        this.props = props;
        this.provider = provider;
        this.controllers = provider == null ? List.of() : build(ctx, props, provider);
    }

    /** The manager's entry "cloud-controller-manager"; off by default when the provider is "none". */
    public static ControllerDescriptor descriptor(CloudProperties props) {
        return new ControllerDescriptor(NAME, CloudProviders.NONE.equals(props.getProvider()),
                ctx -> create(ctx, props, pc -> new CloudProviders(CloudControllerManager.class.getClassLoader())
                        .create(props.getProvider(), pc)));
    }

    /**
     * Builds the group with the provider {@code providers} makes for the context (null for "none": no controllers).
     * Tests pass a provider of their own here.
     */
    public static CloudControllerManager create(ControllerContext ctx, CloudProperties props,
                                                Function<CloudProviderContext, CloudProvider> providers) {
        SharedIndexInformer<Node> nodes = ctx.informers().informerFor(Node.class);
        CloudProvider provider = CloudProviders.NONE.equals(props.getProvider()) ? null
                : providers.apply(new CloudProviderContext(props.getClusterName(), props.providerSettings(), ctx.client(),
                        name -> nodes.getIndexer().getByKey(name)));
        if (provider != null) {
            log.info("cloud provider {} initialized", provider.providerName());
        }
        return new CloudControllerManager(ctx, props, provider);
    }

    private static List<ManagedController> build(ControllerContext ctx, CloudProperties props, CloudProvider provider) {
        SharedIndexInformer<Node> nodes = ctx.informers().informerFor(Node.class);
        Duration sync = ctx.properties().getCacheSyncTimeout();
        List<ManagedController> out = new ArrayList<>();
        provider.instancesV2().ifPresentOrElse(instances -> {
            out.add(new CloudNodeController(ctx.client(), nodes, instances, ctx.eventRecorder("cloud-node-controller"),
                    props.getNodeStatusUpdateFrequency(), sync, ctx.registry()));
            out.add(new CloudNodeLifecycleController(ctx.client(), nodes, instances,
                    ctx.eventRecorder("cloud-node-lifecycle-controller"), props.getNodeMonitorPeriod(), sync, ctx.registry()));
        }, () -> log.warn("cloud provider {} does not support instances: node controllers not started", provider.providerName()));
        provider.loadBalancer().ifPresentOrElse(lb -> {
            SharedIndexInformer<Service> services = ctx.informers().informerFor(Service.class);
            out.add(new ServiceController(ctx.client(), services, nodes, lb, props.getClusterName(),
                    ctx.eventRecorder(ServiceController.EVENT_COMPONENT), props.getConcurrentServiceSyncs(), sync, ctx.registry()));
        }, () -> log.warn("cloud provider {} does not support load balancers: service controller not started", provider.providerName()));
        if (props.isConfigureCloudRoutes()) {
            provider.routes().ifPresentOrElse(routes -> out.add(new RouteController(ctx.client(), nodes, routes,
                    props.getClusterName(), Arrays.stream(props.getClusterCidr().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                    ctx.eventRecorder(RouteController.EVENT_COMPONENT), props.getRouteReconciliationPeriod(), sync, ctx.registry())),
                    () -> log.warn("cloud provider {} does not support routes: route controller not started", provider.providerName()));
        }
        return List.copyOf(out);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The names of the controllers of the group. */
    public List<String> controllerNames() {
        return controllers.stream().map(ManagedController::name).toList();
    }

    public boolean isLeader() {
        return leading;
    }

    @Override
    public synchronized void start() {
        if (controllers.isEmpty()) {
            log.info("no cloud controllers to run (provider {})", props.getProvider());
            return;
        }
        LeaderElectionSettings le = props.getLeaderElection();
        if (!le.isEnabled()) {
            startLeading();
            return;
        }
        LeaderElection.Builder b = le.builder(ctx.client(), le.resolvedIdentity())
                .onStartedLeading(this::startLeading)
                .onStoppedLeading(this::stoppedLeading)
                .meterRegistry(ctx.registry());
        election = b.build();
        election.start();
    }

    private synchronized void startLeading() {
        if (stopping || leading) {
            return;
        }
        leading = true;
        log.info("leading {}: starting {}", NAME, controllerNames());
        for (ManagedController c : controllers) {
            try {
                c.start();
                log.info("Started cloud controller {}", c.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Error starting cloud controller {}", c.name(), e);
            }
        }
    }

    private void stoppedLeading() {
        boolean was = leading;
        stopControllers(Duration.ofSeconds(15));
        if (was && !stopping) {
            log.error("{} lost its lease; cloud controllers stopped", NAME);
            if (props.isExitOnLostLease()) {
                new Thread(() -> System.exit(1), NAME + "-exit").start();
            }
        }
    }

    private synchronized boolean stopControllers(Duration timeout) {
        if (!leading) {
            return true;
        }
        leading = false;
        boolean all = true;
        for (ManagedController c : controllers) {
            try {
                all &= c.stop(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return all;
    }

    @Override
    public boolean stop(Duration timeout) {
        stopping = true;
        boolean done = stopControllers(timeout);
        LeaderElection e = election;
        if (e != null) {
            e.close();
        }
        if (provider != null) {
            provider.close();
        }
        return done;
    }
}
