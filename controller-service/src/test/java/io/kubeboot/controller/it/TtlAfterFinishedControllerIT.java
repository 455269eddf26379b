package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeboot.controller.garbagecollector.GarbageCollectorController;
import io.kubeboot.controller.job.JobController;
import io.kubeboot.controller.ttlafterfinished.TtlAfterFinishedController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ttlSecondsAfterFinished against the real apiserver, with the Job controller and the garbage collector: a finished
 * Job goes, with its pods (Foreground), once its TTL has passed and not before; a Job without a TTL stays. The test
 * plays the kubelet by writing pod phases.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TtlAfterFinishedControllerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ItSupport.Manager manager;
    private static KubernetesClient client;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        JobController.Settings jobs = new JobController.Settings(2, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(2));
        manager = new ItSupport.Manager("kcm-ttl-it", List.of(JobController.descriptor(jobs, Clock.systemUTC()),
                TtlAfterFinishedController.descriptor(), GarbageCollectorController.descriptor()));
        await().atMost(Duration.ofSeconds(30)).until(manager.manager::isLeader);
    }

    @AfterAll
    static void stopManager() {
        if (manager != null) {
            manager.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private static Job job(String name, Integer ttl) {
        return new JobBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withTtlSecondsAfterFinished(ttl)
                .withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    private static List<Pod> pods(String ns, String jobName) {
        return client.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", jobName).list().getItems();
    }

    private static void succeedPods(String ns, String jobName) {
        for (Pod p : pods(ns, jobName)) {
            if (p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase())) {
                continue;
            }
            try {
                client.pods().inNamespace(ns).resource(new PodBuilder(p).editOrNewStatus().withPhase("Succeeded").endStatus().build())
                        .updateStatus();
            } catch (KubernetesClientException e) {
                // raced with the Job controller's finalizer patch: the next poll retries
            }
        }
    }

    private static Job get(String ns, String name) {
        return client.batch().v1().jobs().inNamespace(ns).withName(name).get();
    }

    private static Instant finishedAt(Job job) {
        return job.getStatus().getConditions().stream().filter(c -> "Complete".equals(c.getType()))
                .map(c -> Instant.parse(c.getLastTransitionTime())).findFirst().orElseThrow();
    }

    @Test
    void aFinishedJobAndItsPodsGoAfterTheTtlAndNotBefore() {
        String ns = ItSupport.createNamespace(client, "ttl");
        client.batch().v1().jobs().inNamespace(ns).resource(job("short", 3)).create();
        client.batch().v1().jobs().inNamespace(ns).resource(job("kept", null)).create();
        await().atMost(WAIT).until(() -> pods(ns, "short").size() == 1 && pods(ns, "kept").size() == 1);
        await().atMost(WAIT).until(() -> {
            succeedPods(ns, "short");
            succeedPods(ns, "kept");
            Job s = get(ns, "short");
            Job k = get(ns, "kept");
            return s.getStatus() != null && s.getStatus().getCompletionTime() != null
                    && k.getStatus() != null && k.getStatus().getCompletionTime() != null;
        });
        Instant expiry = finishedAt(get(ns, "short")).plusSeconds(3);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> get(ns, "short") == null);
        // the controller's clock is this machine's: the delete came at or after the expiry, so seeing it gone does too
        assertThat(Instant.now()).as("deleted at or after the expiry").isAfterOrEqualTo(expiry);
        // Foreground: the pods went before the Job
        assertThat(pods(ns, "short")).isEmpty();
        // no TTL: kept, with its pod
        assertThat(get(ns, "kept")).isNotNull();
        assertThat(pods(ns, "kept")).hasSize(1);
    }

    @Test
    void raisingTheTtlBeforeItExpiresKeepsTheJob() {
        String ns = ItSupport.createNamespace(client, "ttl");
        client.batch().v1().jobs().inNamespace(ns).resource(job("raised", 10)).create();
        await().atMost(WAIT).until(() -> pods(ns, "raised").size() == 1);
        await().atMost(WAIT).until(() -> {
            succeedPods(ns, "raised");
            Job j = get(ns, "raised");
            return j.getStatus() != null && j.getStatus().getCompletionTime() != null;
        });
        client.batch().v1().jobs().inNamespace(ns).withName("raised").edit(j -> new JobBuilder(j).editSpec()
                .withTtlSecondsAfterFinished(3600).endSpec().build());
        Instant firstExpiry = finishedAt(get(ns, "raised")).plusSeconds(10);
        // well past the first TTL: the controller looked again and kept it
        await().atMost(WAIT).until(() -> Instant.now().isAfter(firstExpiry.plusSeconds(3)));
        assertThat(get(ns, "raised")).isNotNull();
        assertThat(get(ns, "raised").getMetadata().getDeletionTimestamp()).isNull();
    }
}
