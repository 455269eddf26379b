package io.kubeboot.runtime.it;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.runtime.leader.LeaderElection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two candidates for one Lease on the real apiserver. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LeaderElectionIT {
    private KubernetesClient client;
    private String ns;
    private final List<LeaderElection> elections = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        client = ItSupport.client();
        ns = ItSupport.createNamespace(client, "le");
    }

    @AfterEach
    void tearDown() {
        elections.forEach(LeaderElection::stop);
        client.close();
    }

    private LeaderElection candidate(String id, Duration lease, Duration renew, boolean release, List<String> log, SimpleMeterRegistry registry) {
        LeaderElection e = LeaderElection.builder(client).lease(ns, "kube-scheduler").identity(id)
                .leaseDuration(lease).renewDeadline(renew).retryPeriod(Duration.ofMillis(500)).releaseOnCancel(release)
                .onStartedLeading(() -> log.add(id + " started")).onStoppedLeading(() -> log.add(id + " stopped"))
                .onNewLeader(leader -> log.add(id + " sees " + leader)).meterRegistry(registry).build();
        elections.add(e);
        return e;
    }

    private Lease lease() {
        return client.leases().inNamespace(ns).withName("kube-scheduler").get();
    }

    @Test
    void theStandbyTakesOverOnlyAfterTheUnreleasedLeaseExpires() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registryA = new SimpleMeterRegistry();
        LeaderElection a = candidate("a", Duration.ofSeconds(4), Duration.ofSeconds(3), false, log, registryA);
        LeaderElection b = candidate("b", Duration.ofSeconds(4), Duration.ofSeconds(3), true, log, new SimpleMeterRegistry());

        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        assertThat(registryA.get("leader_election_master_status").tag("name", "kube-scheduler").gauge().value()).isEqualTo(1.0);
        Lease held = lease();
        assertThat(held.getSpec().getHolderIdentity()).isEqualTo("a");
        assertThat(held.getSpec().getLeaseDurationSeconds()).isEqualTo(4);

        b.start();
        // while a renews, b stays a standby
        Thread.sleep(2000);
        assertThat(b.isLeader()).isFalse();
        assertThat(log).contains("b sees a");
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("a");

        // a goes away without releasing: b must wait for the lease to expire
        long stoppedAt = System.nanoTime();
        a.stop();
        assertThat(a.isLeader()).isFalse();
        assertThat(registryA.get("leader_election_master_status").gauge().value()).isZero();
        assertThat(lease().getSpec().getHolderIdentity()).as("not released").isEqualTo("a");
        await().atMost(Duration.ofSeconds(15)).until(b::isLeader);
        Duration takeover = Duration.ofNanos(System.nanoTime() - stoppedAt);
        // a renewed at most one retry period (500ms) before it stopped
        assertThat(takeover).isGreaterThanOrEqualTo(Duration.ofMillis(3500));

        Lease taken = lease();
        assertThat(taken.getSpec().getHolderIdentity()).isEqualTo("b");
        assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(1);
        assertThat(log).containsSubsequence("a started", "a stopped", "b started");
    }

    @Test
    void aReleasedLeaseIsTakenOverWithinARetryPeriod() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        LeaderElection a = candidate("a", Duration.ofSeconds(15), Duration.ofSeconds(10), true, log, null);
        LeaderElection b = candidate("b", Duration.ofSeconds(15), Duration.ofSeconds(10), true, log, null);
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        b.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("b sees a"));

        long stoppedAt = System.nanoTime();
        a.stop();
        assertThat(log).contains("a stopped");
        await().atMost(Duration.ofSeconds(10)).until(b::isLeader);
        // far sooner than the 15s lease duration
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("b");
    }
}
