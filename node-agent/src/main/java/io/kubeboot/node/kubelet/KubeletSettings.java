package io.kubeboot.node.kubelet;

import io.kubeboot.node.config.NodeAgentProperties;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Kubelet} is configured with beyond its collaborators.
 *
 * @param podInfraContainerImage the sandbox image
 * @param relistPeriod           how often the runtime is relisted to notice container changes (upstream PLEG, 1 s)
 * @param resyncInterval         how often every pod is synced even without a change (upstream 10 s); also the
 *                               retry delay after a failed sync
 * @param housekeepingPeriod     how often dead containers are pruned and metrics refreshed (upstream 2 s)
 * @param clock                  time source (tests)
 */
public record KubeletSettings(String podInfraContainerImage, Duration relistPeriod, Duration resyncInterval,
                              Duration housekeepingPeriod, Clock clock) {
    public static final String DEFAULT_POD_INFRA_IMAGE = "registry.k8s.io/pause:3.10";

    public KubeletSettings {
        Objects.requireNonNull(podInfraContainerImage, "podInfraContainerImage");
        Objects.requireNonNull(relistPeriod, "relistPeriod");
        Objects.requireNonNull(resyncInterval, "resyncInterval");
        Objects.requireNonNull(housekeepingPeriod, "housekeepingPeriod");
        Objects.requireNonNull(clock, "clock");
    }

    public static KubeletSettings defaults() {
        return new KubeletSettings(DEFAULT_POD_INFRA_IMAGE, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(2), Clock.systemUTC());
    }

    public static KubeletSettings from(NodeAgentProperties.Kubelet props) {
        return defaults().withPodInfraContainerImage(props.getPodInfraContainerImage()).withRelistPeriod(props.getRelistPeriod());
    }

    public KubeletSettings withPodInfraContainerImage(String v) {
        return new KubeletSettings(v, relistPeriod, resyncInterval, housekeepingPeriod, clock);
    }

    public KubeletSettings withRelistPeriod(Duration v) {
        return new KubeletSettings(podInfraContainerImage, v, resyncInterval, housekeepingPeriod, clock);
    }

    public KubeletSettings withResyncInterval(Duration v) {
        return new KubeletSettings(podInfraContainerImage, relistPeriod, v, housekeepingPeriod, clock);
    }

    public KubeletSettings withClock(Clock v) {
        return new KubeletSettings(podInfraContainerImage, relistPeriod, resyncInterval, housekeepingPeriod, v);
    }
}
