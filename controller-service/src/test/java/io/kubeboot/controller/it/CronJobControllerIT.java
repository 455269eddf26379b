package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.cronjob.CronJobController;
import io.kubeboot.controller.cronjob.CronJobJobs;
import io.kubeboot.controller.util.Times;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CronJob controller against the real apiserver, with a clock running ahead of real time so that the next
 * minute boundary of "* * * * *" comes within seconds. The test plays the Job controller by writing Job status.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CronJobControllerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ShiftedClock CLOCK = new ShiftedClock();
    private static ItSupport.Manager manager;
    private static KubernetesClient client;
    private String ns;

    /** Real time plus an offset the test moves. */
    static final class ShiftedClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        /**
         * For the start of a test: back to real time, then moved so that the next minute boundary is {@code lead}
         * away, with no boundary between real time and the moved clock. The apiserver stamps creationTimestamp in
         * real time and the controller looks for activations after it: an offset left by an earlier test (or a
         * boundary skipped for lack of lead) would put a boundary in between, and the controller would rightly
         * start the job of that missed minute instead.
         */
        Instant startAtLead(Duration lead) throws InterruptedException {
            offset.set(Duration.ZERO);
            Instant now = Instant.now();
            Duration toBoundary = Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)));
            if (toBoundary.compareTo(lead) < 0) {
                Thread.sleep(toBoundary.toMillis() + 50);
            }
            return leadToNextMinute(lead);
        }

        /** Moves the clock so that the next minute boundary is {@code lead} away (real time). */
        Instant leadToNextMinute(Duration lead) {
            Instant now = instant();
            Instant boundary = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            if (Duration.between(now, boundary).compareTo(lead) < 0) {
                boundary = boundary.plus(Duration.ofMinutes(1));
            }
            offset.set(offset.get().plus(Duration.between(now, boundary).minus(lead)));
            return boundary;
        }
    }

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        manager = new ItSupport.Manager("kcm-cronjob-it", List.of(CronJobController.descriptor(CLOCK)));
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

    @BeforeEach
    void namespace() {
        ns = ItSupport.createNamespace(client, "cj");
    }

    private static CronJob cronJob(String name, String policy, int successfulHistory) {
        return new CronJobBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSchedule("* * * * *").withConcurrencyPolicy(policy)
                .withSuccessfulJobsHistoryLimit(successfulHistory)
                .withNewJobTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("OnFailure")
                .addNewContainer().withName("hello").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
    }

    private CronJob get(String name) {
        return client.batch().v1().cronjobs().inNamespace(ns).withName(name).get();
    }

    private List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(ns).list().getItems();
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    /** The Job controller's part: the Job succeeded. */
    private void complete(Job job, Instant at) {
        String t = Times.format(at);
        Job done = new JobBuilder(job).withNewStatus().withStartTime(t).withCompletionTime(t).withSucceeded(1)
                .addNewCondition().withType("SuccessCriteriaMet").withStatus("True").withLastProbeTime(t).withLastTransitionTime(t).endCondition()
                .addNewCondition().withType("Complete").withStatus("True").withLastProbeTime(t).withLastTransitionTime(t).endCondition()
                .endStatus().build();
        client.batch().v1().jobs().inNamespace(ns).resource(done).updateStatus();
    }

    @Test
    void everyMinuteScheduleCreatesTheJobForTheActivationThenForbidsOverlapAndTrimsHistory() throws InterruptedException {
        Instant boundary = CLOCK.startAtLead(Duration.ofSeconds(3));
        CronJob cj = client.batch().v1().cronjobs().inNamespace(ns).resource(cronJob("hello", "Forbid", 1)).create();
        String jobName = "hello-" + boundary.getEpochSecond() / 60;

        await().atMost(WAIT).until(() -> jobs().size() == 1);
        Job job = jobs().get(0);
        assertThat(job.getMetadata().getName()).isEqualTo(jobName);
        assertThat(job.getMetadata().getLabels()).containsEntry("app", "hello");
        assertThat(job.getMetadata().getAnnotations()).containsEntry(CronJobJobs.SCHEDULED_TIMESTAMP_ANNOTATION, boundary.toString());
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("CronJob");
            assertThat(ref.getUid()).isEqualTo(cj.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        });
        await().atMost(WAIT).untilAsserted(() -> {
            CronJob cur = get("hello");
            assertThat(cur.getStatus().getLastScheduleTime()).isEqualTo(Times.format(boundary));
            assertThat(cur.getStatus().getActive()).singleElement().satisfies(ref -> {
                assertThat(ref.getName()).isEqualTo(jobName);
                assertThat(ref.getUid()).isEqualTo(job.getMetadata().getUid());
                assertThat(ref.getKind()).isEqualTo("Job");
            });
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("SuccessfulCreate")).extracting(Event::getMessage)
                .containsExactly("Created job " + jobName));

        // the next activation comes while the job still runs: Forbid skips it
        CLOCK.leadToNextMinute(Duration.ofSeconds(-1));
        client.batch().v1().cronjobs().inNamespace(ns).withName("hello")
                .edit(c -> new CronJobBuilder(c).editMetadata().addToLabels("poke", "1").endMetadata().build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("JobAlreadyActive")).extracting(Event::getMessage)
                .contains("Not starting job because prior execution is running and concurrency policy is Forbid"));
        assertThat(jobs()).hasSize(1);

        // the job completes: seen, dropped from the active list, recorded as the last success; kept (history limit 1);
        // the activation Forbid skipped is now started
        Instant completedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        complete(jobs().get(0), completedAt);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("SawCompletedJob")).extracting(Event::getMessage)
                .contains("Saw completed job: " + jobName + ", status: Complete"));
        await().atMost(WAIT).untilAsserted(() -> {
            CronJob cur = get("hello");
            assertThat(cur.getStatus().getLastSuccessfulTime()).isEqualTo(Times.format(completedAt));
            assertThat(cur.getStatus().getActive()).singleElement().satisfies(ref -> assertThat(ref.getName()).isNotEqualTo(jobName));
        });
        CronJob afterSecond = get("hello");
        String secondJob = afterSecond.getStatus().getActive().get(0).getName();
        Instant secondSchedule = Times.parse(afterSecond.getStatus().getLastScheduleTime()).orElseThrow();
        assertThat(secondJob).isEqualTo("hello-" + secondSchedule.getEpochSecond() / 60);
        assertThat(secondSchedule).isAfter(boundary);
        assertThat(jobs()).extracting(j -> j.getMetadata().getName()).containsExactlyInAnyOrder(jobName, secondJob);

        // history limit 0: the finished job goes, the running one stays
        client.batch().v1().cronjobs().inNamespace(ns).withName("hello")
                .edit(c -> new CronJobBuilder(c).editSpec().withSuccessfulJobsHistoryLimit(0).endSpec().build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("SuccessfulDelete")).extracting(Event::getMessage)
                .containsExactly("Deleted job " + jobName));
        await().atMost(WAIT).until(() -> jobs().stream().noneMatch(j -> j.getMetadata().getName().equals(jobName)
                && j.getMetadata().getDeletionTimestamp() == null));
        assertThat(jobs()).extracting(j -> j.getMetadata().getName()).contains(secondJob);
    }

    @Test
    void suspendedCronJobCreatesNothing() throws InterruptedException {
        CLOCK.startAtLead(Duration.ofSeconds(2));
        client.batch().v1().cronjobs().inNamespace(ns).resource(new CronJobBuilder(cronJob("paused", "Allow", 3))
                .editSpec().withSuspend(true).endSpec().build()).create();
        Thread.sleep(5000);
        assertThat(jobs()).isEmpty();
        assertThat(get("paused").getStatus() == null || get("paused").getStatus().getLastScheduleTime() == null).isTrue();
    }
}
