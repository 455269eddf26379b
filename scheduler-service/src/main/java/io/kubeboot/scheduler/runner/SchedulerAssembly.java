package io.kubeboot.scheduler.runner;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Lister;
import io.kubeboot.scheduler.api.ApiClusterClient;
import io.kubeboot.scheduler.cache.NodeSnapshot;
import io.kubeboot.scheduler.cache.SchedulerCache;
import io.kubeboot.scheduler.config.SchedulerProperties;
import io.kubeboot.scheduler.core.DecisionLog;
import io.kubeboot.scheduler.core.Scheduler;
import io.kubeboot.scheduler.core.SchedulerMetrics;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PodNominator;
import io.kubeboot.scheduler.framework.runtime.Framework;
import io.kubeboot.scheduler.framework.runtime.Parallelizer;
import io.kubeboot.scheduler.framework.runtime.PluginRegistry;
import io.kubeboot.scheduler.framework.runtime.ProfileConfig;
import io.kubeboot.scheduler.informers.InformerDefaultSelectors;
import io.kubeboot.scheduler.metrics.MicrometerQueueMetrics;
import io.kubeboot.scheduler.plugins.InTreePlugins;
import io.kubeboot.scheduler.queue.Nominator;
import io.kubeboot.scheduler.queue.PluginEventRegistry;
import io.kubeboot.scheduler.queue.PrioritySchedulingQueue;
import io.kubeboot.scheduler.queue.SchedulingQueue;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Puts the scheduler together: informers (created here, started by {@link SchedulerRunner}), one
 * framework per profile, the queue and the scheduling loop.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerAssembly {

    /** The informers the scheduler reads, not yet started. Terminal pods are left out, as upstream does. */
    public record Informers(SharedIndexInformer<Pod> pods, SharedIndexInformer<Node> nodes,
                            SharedIndexInformer<Namespace> namespaces, SharedIndexInformer<Service> services,
                            SharedIndexInformer<ReplicaSet> replicaSets) {
        List<SharedIndexInformer<?>> all() {
            return List.of(nodes, namespaces, services, replicaSets, pods);
        }
    }

    @Bean
    Informers informers(KubernetesClient client) {
        return new Informers(
                client.pods().inAnyNamespace().withoutField("status.phase", "Succeeded").withoutField("status.phase", "Failed")
                        .runnableInformer(0),
                client.nodes().runnableInformer(0),
                client.namespaces().runnableInformer(0),
                client.services().inAnyNamespace().runnableInformer(0),
                client.apps().replicaSets().inAnyNamespace().runnableInformer(0));
    }

    /** Scheduler names to frameworks; the plugins' nominator is the queue, set once it exists. */
    @Bean
    Map<String, Framework> profiles(SchedulerProperties props, Informers informers, SchedulerCache cache, NodeSnapshot snapshot,
                                    ApiClusterClient client, Parallelizer parallelizer, NominatorRef nominator) {
        PluginRegistry registry = InTreePlugins.registry(new InformerDefaultSelectors(
                new Lister<>(informers.services().getIndexer()), new Lister<>(informers.replicaSets().getIndexer())));
        Framework.Services services = new Framework.Services(() -> snapshot, nominator, client, parallelizer);
        Map<String, Framework> out = new LinkedHashMap<>();
        for (ProfileConfig config : profileConfigs(props)) {
            out.put(config.schedulerName(), new Framework(config, registry, services));
        }
        return out;
    }

    static List<ProfileConfig> profileConfigs(SchedulerProperties props) {
        List<SchedulerProperties.Profile> profiles = props.getProfiles().isEmpty() ? List.of(new SchedulerProperties.Profile()) : props.getProfiles();
        List<ProfileConfig> out = new ArrayList<>();
        for (SchedulerProperties.Profile p : profiles) {
            List<ProfileConfig.PluginSpec> plugins = new ArrayList<>();
            if (p.getPlugins().isEmpty()) {
                plugins.addAll(InTreePlugins.defaultPlugins());
            } else {
                for (String s : p.getPlugins()) {
                    int colon = s.indexOf(':');
                    plugins.add(colon < 0 ? new ProfileConfig.PluginSpec(s.trim(), 0)
                            : new ProfileConfig.PluginSpec(s.substring(0, colon).trim(), Integer.parseInt(s.substring(colon + 1).trim())));
                }
            }
            plugins.removeIf(spec -> p.getDisabled().contains(spec.name()));
            int percentage = p.getPercentageOfNodesToScore() != null ? p.getPercentageOfNodesToScore() : props.getPercentageOfNodesToScore();
            out.add(new ProfileConfig(p.getSchedulerName(), plugins, new HashMap<>(p.getPluginConfig()), percentage));
        }
        return out;
    }

    /** Breaks the cycle plugins -> nominator (the queue) -> plugins' events. */
    public static final class NominatorRef implements PodNominator {
        private final AtomicReference<PodNominator> target = new AtomicReference<>();

        @Override
        public List<PodInfo> nominatedPodsForNode(String nodeName) {
            PodNominator n = target.get();
            return n == null ? List.of() : n.nominatedPodsForNode(nodeName);
        }

        @Override
        public boolean hasNominatedPods() {
            PodNominator n = target.get();
            return n != null && n.hasNominatedPods();
        }

        void set(PodNominator n) {
            target.set(n);
        }
    }

    @Bean
    NominatorRef nominatorRef() {
        return new NominatorRef();
    }

    @Bean(destroyMethod = "close")
    SchedulingQueue schedulingQueue(SchedulerProperties props, Map<String, Framework> profiles, Informers informers,
                                    SchedulerCache cache, NominatorRef nominatorRef, MeterRegistry registry) {
        Map<String, List<io.kubeboot.scheduler.framework.ClusterEvent>> events = new LinkedHashMap<>();
        for (Framework f : profiles.values()) {
            events.putAll(PluginEventRegistry.of(f.plugins()));
        }
        Lister<Pod> pods = new Lister<>(informers.pods().getIndexer());
        PrioritySchedulingQueue queue = PrioritySchedulingQueue.builder()
                .podInitialBackoff(props.getPodInitialBackoff())
                .podMaxBackoff(props.getPodMaxBackoff())
                .pluginEvents(events)
                .nominator(new Nominator((ns, name) -> pods.namespace(ns).get(name)))
                .metrics(new MicrometerQueueMetrics(registry))
                .build();
        nominatorRef.set(queue);
        return queue;
    }

    @Bean
    Scheduler scheduler(SchedulerProperties props, Map<String, Framework> profiles, SchedulingQueue queue, SchedulerCache cache,
                        NodeSnapshot snapshot, Parallelizer parallelizer, ApiClusterClient client, Informers informers,
                        SchedulerMetrics metrics, DecisionLog decisions) {
        AtomicInteger seq = new AtomicInteger();
        ExecutorService binders = Executors.newFixedThreadPool(Math.max(1, props.getBindingThreads()), r -> {
            Thread t = new Thread(r, "scheduler-binder-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Lister<Pod> pods = new Lister<>(informers.pods().getIndexer());
        return new Scheduler(profiles, queue, cache, snapshot, parallelizer, binders, client, client,
                key -> {
                    int slash = key.indexOf('/');
                    return pods.namespace(key.substring(0, slash)).get(key.substring(slash + 1));
                },
                metrics, decisions, new java.util.Random());
    }
}
