package io.kubeboot.runtime.leader;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;

/**
 * Upstream's {@code --leader-elect*} settings for one Lease, as a bindable bean (services nest it in their
 * {@code @ConfigurationProperties}, e.g. {@code kubeboot.scheduler.leader-election.lease-duration}), with
 * upstream's defaults: Lease in kube-system, 15 s / 10 s / 2 s, identity hostname_uuid.
 *
 * <p>Not thread safe while being bound; read-only afterwards.
 */
public class LeaderElectionSettings {
    private boolean enabled = true;
    private String namespace = "kube-system";
    private String name;
    private Duration leaseDuration = Duration.ofSeconds(15);
    private Duration renewDeadline = Duration.ofSeconds(10);
    private Duration retryPeriod = Duration.ofSeconds(2);
    /** Empty: hostname_uuid, as client-go's default. */
    private String identity = "";

    public LeaderElectionSettings(String leaseName) {
        this.name = leaseName;
    }

    /** The identity to campaign with: the configured one, or hostname_uuid (computed once per call site). */
    public String resolvedIdentity() {
        if (identity != null && !identity.isEmpty()) {
            return identity;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "kubeboot";
        }
        return host + "_" + UUID.randomUUID();
    }

    /** A builder for this Lease with these timings, releasing the lease on stop; callbacks are the caller's. */
    public LeaderElection.Builder builder(KubernetesClient client, String identity) {
        return LeaderElection.builder(client)
                .lease(namespace, name)
                .identity(identity)
                .leaseDuration(leaseDuration)
                .renewDeadline(renewDeadline)
                .retryPeriod(retryPeriod)
                .releaseOnCancel(true);
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getNamespace() { return namespace; }
    public void setNamespace(String namespace) { this.namespace = namespace; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Duration getLeaseDuration() { return leaseDuration; }
    public void setLeaseDuration(Duration leaseDuration) { this.leaseDuration = leaseDuration; }
    public Duration getRenewDeadline() { return renewDeadline; }
    public void setRenewDeadline(Duration renewDeadline) { this.renewDeadline = renewDeadline; }
    public Duration getRetryPeriod() { return retryPeriod; }
    public void setRetryPeriod(Duration retryPeriod) { this.retryPeriod = retryPeriod; }
    public String getIdentity() { return identity; }
    public void setIdentity(String identity) { this.identity = identity; }
}
