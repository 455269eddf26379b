package io.kubeboot.scheduler.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import io.kubeboot.runtime.events.EventRecorder;
import io.kubeboot.scheduler.api.ApiClusterClient;
import io.kubeboot.scheduler.cache.NodeSnapshot;
import io.kubeboot.scheduler.cache.SchedulerCache;
import io.kubeboot.scheduler.core.DecisionLog;
import io.kubeboot.scheduler.core.SchedulerMetrics;
import io.kubeboot.scheduler.framework.runtime.Parallelizer;
import io.kubeboot.scheduler.metrics.MicrometerSchedulerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The scheduler's long-lived parts; the scheduling loop itself is {@link io.kubeboot.scheduler.runner.SchedulerRunner}. */
@Configuration(proxyBeanMethods = false)
public class SchedulerConfiguration {

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(SchedulerProperties props) {
        ClientSettings settings = ClientSettings.fromEnvironment();
        if (props.getApiserverUrl() != null && !props.getApiserverUrl().isEmpty()) {
            settings = settings.withMasterUrl(props.getApiserverUrl());
        }
        return KubeClients.create(settings.withRateLimit(props.getQps(), props.getBurst()).withUserAgent("kube-scheduler/v1.32.0 (kubeboot)"));
    }

    @Bean(destroyMethod = "close")
    EventRecorder eventRecorder(KubernetesClient client, MeterRegistry registry) {
        return EventRecorder.builder(client).component("default-scheduler").meterRegistry(registry).build();
    }

    @Bean
    ApiClusterClient apiClusterClient(KubernetesClient client, EventRecorder recorder) {
        return new ApiClusterClient(client, recorder::event);
    }

    @Bean
    SchedulerCache schedulerCache() {
        return new SchedulerCache();
    }

    @Bean
    NodeSnapshot nodeSnapshot() {
        return new NodeSnapshot();
    }

    @Bean
    DecisionLog decisionLog() {
        return new DecisionLog();
    }

    @Bean(destroyMethod = "close")
    Parallelizer parallelizer(SchedulerProperties props) {
        return new Parallelizer(Math.min(props.getParallelism(), Runtime.getRuntime().availableProcessors()));
    }

    @Bean
    SchedulerMetrics schedulerMetrics(MeterRegistry registry) {
        return new MicrometerSchedulerMetrics(registry);
    }
}
