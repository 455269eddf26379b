package io.kubeboot.scheduler.it;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import io.kubeboot.testkit.ApiServerProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.kubeboot.scheduler.it.ClusterFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * High availability: two scheduler replicas campaign for the Lease (upstream's 15 s / 10 s / 2 s); the
 * active one is killed with SIGKILL in the middle of a stream of pod creations. The standby must take over
 * within the lease duration (plus one retry period, the time it needs to notice: it checks every 2 s with
 * jitter) and every pod must end bound exactly once: one Scheduled event each, and no binding conflict.
 */
class SchedulerFailoverIT {
    private static final String LEASE = "kube-scheduler-failover-it";
    private static final int PODS = 300;

    @Test
    void standbyTakesOverWithinTheLeaseDurationAndNoPodIsBoundTwice() throws Exception {
        String url = ApiServerProcess.get().url();
        try (KubernetesClient client = KubeClients.create(ClientSettings.defaults().withMasterUrl(url).withRateLimit(500, 1000))) {
            String ns = "failover";
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            for (int i = 0; i < 5; i++) {
                ClusterFixtures.create(client, node("failover-" + i, "64", "64Gi", Map.of(), List.of()));
            }
            String[] lease = {"--kubeboot.scheduler.leader-election.name=" + LEASE};
            SchedulerProcess a = new SchedulerProcess("scheduler-a", url, lease);
            await().atMost(Duration.ofSeconds(90)).until(a::leading);
            SchedulerProcess b = new SchedulerProcess("scheduler-b", url, lease);
            try {
                await().atMost(Duration.ofSeconds(90)).until(b::healthy);
                assertThat(b.leading()).isFalse();

                ExecutorService creator = Executors.newSingleThreadExecutor();
                Future<?> stream = creator.submit(() -> {
                    for (int i = 0; i < PODS; i++) {
                        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("p-" + i).endMetadata()
                                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build())
                                .create();
                        sleep(20);
                    }
                });
                // kill the leader while pods stream in and some are already bound
                await().atMost(Duration.ofSeconds(90)).until(() -> boundCount(client, ns) >= PODS / 4);
                long killedAt = System.nanoTime();
                a.kill();
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(b::leading);
                double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
                System.err.printf("standby took over %.1f s after the leader was killed%n", takeoverSeconds);
                // As client-go's leader election: the standby counts the lease duration (15 s) from when it last
                // saw the record change, and it looks every retryPeriod (2 s, x1.2 jitter). The leader may have
                // renewed just before the kill and the standby seen that up to one period later, and the standby
                // notices the expiry up to one period after it: at most 15 + 2 x 2.4 s, plus 1 s for this test's
                // polling and the processes. (The bound was 15 + 2.4 + 1 until a CI run took 18.9 s, inside the
                // algorithm's window: the first period had been left out.)
                assertThat(takeoverSeconds).isLessThanOrEqualTo(15 + 2 * 2.4 + 1);

                stream.get(60, TimeUnit.SECONDS);
                creator.shutdown();
                await().atMost(Duration.ofSeconds(120)).until(() -> boundCount(client, ns) == PODS);

                Lease l = client.leases().inNamespace("kube-system").withName(LEASE).get();
                assertThat(l.getSpec().getHolderIdentity()).isEqualTo("scheduler-b");
                assertThat(l.getSpec().getLeaseTransitions()).isGreaterThanOrEqualTo(1);

                // no pod bound twice: at most one Scheduled event per pod (events are best effort: the killed leader
                // may have bound a pod without getting its event out), and no binding the apiserver refused as a
                // second binding (the scheduler reports that as FailedScheduling)
                Map<String, Integer> scheduled = new HashMap<>();
                List<String> conflicts = new java.util.ArrayList<>();
                // events are sent asynchronously after the binding: give the survivor time to send its own
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    scheduled.clear();
                    conflicts.clear();
                    for (Event e : client.v1().events().inNamespace(ns).list().getItems()) {
                        if ("Scheduled".equals(e.getReason())) {
                            scheduled.merge(e.getInvolvedObject().getName(), e.getCount() == null ? 1 : e.getCount(), Integer::sum);
                        } else if ("FailedScheduling".equals(e.getReason())) {
                            conflicts.add(e.getInvolvedObject().getName() + ": " + e.getMessage());
                        }
                    }
                    return scheduled.size() > PODS * 9 / 10;
                });
                assertThat(scheduled.values()).allMatch(n -> n == 1);
                assertThat(conflicts).isEmpty();
            } finally {
                b.close();
                if (a.alive()) {
                    a.close();
                }
                // the other ITs of this module count the cluster's nodes
                for (int i = 0; i < 5; i++) {
                    client.nodes().withName("failover-" + i).delete();
                }
                client.pods().inNamespace(ns).withGracePeriod(0).delete();
                client.namespaces().withName(ns).delete();
            }
        }
    }

    private static long boundCount(KubernetesClient client, String ns) {
        return client.pods().inNamespace(ns).list().getItems().stream()
                .map(Pod::getSpec).filter(s -> s.getNodeName() != null && !s.getNodeName().isEmpty()).count();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
