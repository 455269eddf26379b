package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeboot.controller.job.JobController;
import io.kubeboot.controller.job.JobPods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Job controller against the real apiserver; the test plays the kubelet by writing pod phases through the
 * status subresource. The pod-failure backoff is shortened (200ms base) so failures are retried quickly.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class JobControllerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ItSupport.Manager manager;
    private static KubernetesClient client;
    private String ns;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        JobController.Settings settings = new JobController.Settings(2, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(2));
        manager = new ItSupport.Manager("kcm-job-it", List.of(JobController.descriptor(settings, Clock.systemUTC())));
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
        ns = ItSupport.createNamespace(client, "job");
    }

    private static Job job(String name, int completions, int parallelism) {
        return new JobBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withCompletions(completions).withParallelism(parallelism)
                .withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    private List<Pod> pods(String jobName) {
        return client.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", jobName).list().getItems();
    }

    private Job get(String name) {
        return client.batch().v1().jobs().inNamespace(ns).withName(name).get();
    }

    /** Sets the phase of every pod still Pending (no phase) — the kubelet's part. */
    private void finishPendingPods(String jobName, String phase) {
        for (Pod p : pods(jobName)) {
            if (p.getStatus() != null && p.getStatus().getPhase() != null && !"Pending".equals(p.getStatus().getPhase())) {
                continue;
            }
            if (p.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            try {
                Pod withStatus = new PodBuilder(p).editOrNewStatus().withPhase(phase).endStatus().build();
                client.pods().inNamespace(ns).resource(withStatus).updateStatus();
            } catch (KubernetesClientException e) {
                // raced with the controller's finalizer patch: the next poll retries
            }
        }
    }

    private static JobCondition condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        return job.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    @Test
    void runsCompletionsThreeWithParallelismTwoToCompletion() {
        client.batch().v1().jobs().inNamespace(ns).resource(job("pi", 3, 2)).create();

        await().atMost(WAIT).until(() -> pods("pi").size() == 2);
        Job created = get("pi");
        for (Pod p : pods("pi")) {
            assertThat(p.getMetadata().getFinalizers()).contains(JobPods.TRACKING_FINALIZER);
            assertThat(p.getMetadata().getGenerateName()).isEqualTo("pi-");
            assertThat(p.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                assertThat(ref.getKind()).isEqualTo("Job");
                assertThat(ref.getUid()).isEqualTo(created.getMetadata().getUid());
                assertThat(ref.getController()).isTrue();
            });
        }
        await().atMost(WAIT).untilAsserted(() -> {
            Job j = get("pi");
            assertThat(j.getStatus().getActive()).isEqualTo(2);
            assertThat(j.getStatus().getStartTime()).isNotNull();
        });
        // parallelism holds: two at a time, three in all
        await().atMost(WAIT).until(() -> {
            finishPendingPods("pi", "Succeeded");
            Job j = get("pi");
            return condition(j, "Complete") != null;
        });
        Job done = get("pi");
        assertThat(done.getStatus().getSucceeded()).isEqualTo(3);
        assertThat(done.getStatus().getFailed()).isNull();
        assertThat(done.getStatus().getActive()).isNull();
        assertThat(done.getStatus().getCompletionTime()).isNotNull();
        assertThat(condition(done, "SuccessCriteriaMet").getStatus()).isEqualTo("True");
        assertThat(condition(done, "Complete").getStatus()).isEqualTo("True");
        assertThat(pods("pi")).hasSize(3)
                .allSatisfy(p -> assertThat(p.getMetadata().getFinalizers()).doesNotContain(JobPods.TRACKING_FINALIZER));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("Completed")).extracting(Event::getMessage).containsExactly("Job completed"));
        assertThat(events("SuccessfulCreate")).hasSize(3);
    }

    @Test
    void failsWithBackoffLimitExceededAfterTooManyFailedPods() {
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder(job("flaky", 1, 1))
                .editSpec().withBackoffLimit(1).endSpec().build()).create();

        await().atMost(WAIT).until(() -> {
            finishPendingPods("flaky", "Failed");
            return condition(get("flaky"), "Failed") != null;
        });
        Job failed = get("flaky");
        assertThat(failed.getStatus().getFailed()).isEqualTo(2);
        assertThat(condition(failed, "FailureTarget")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded");
            assertThat(c.getMessage()).isEqualTo("Job has reached the specified backoff limit");
        });
        assertThat(condition(failed, "Failed").getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(condition(failed, "Complete")).isNull();
        assertThat(failed.getStatus().getCompletionTime()).isNull();
        // a replacement was created after the first failure, none after the second
        assertThat(pods("flaky")).hasSize(2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("BackoffLimitExceeded")).isNotEmpty());
    }

    /** Fails the named pod, if still pending, as the kubelet would: container "c" exited with the code, and conditions. */
    private void failPendingPod(String jobName, String podName, int exitCode, String... trueConditions) {
        for (Pod p : pods(jobName)) {
            if (!p.getMetadata().getName().equals(podName) || p.getMetadata().getDeletionTimestamp() != null
                    || (p.getStatus() != null && p.getStatus().getPhase() != null && !"Pending".equals(p.getStatus().getPhase()))) {
                continue;
            }
            PodBuilder b = new PodBuilder(p).editOrNewStatus().withPhase("Failed")
                    .addNewContainerStatus().withName("c").withImage("busybox").withImageID("").withReady(false)
                    .withRestartCount(0).withNewState().withNewTerminated().withExitCode(exitCode).withReason("Error")
                    .endTerminated().endState().endContainerStatus().endStatus();
            for (String c : trueConditions) {
                b.editStatus().addNewCondition().withType(c).withStatus("True").endCondition().endStatus();
            }
            try {
                client.pods().inNamespace(ns).resource(b.build()).updateStatus();
            } catch (KubernetesClientException e) {
                // raced with the controller's finalizer patch: the next poll retries
            }
        }
    }

    @Test
    void podFailurePolicyIgnoresDisruptionsAndFailsTheJobOnAFatalExitCode() {
        Job spec = new JobBuilder(job("policy", 1, 1)).editSpec().withBackoffLimit(0)
                .withNewPodFailurePolicy()
                .addNewRule().withAction("Ignore").addNewOnPodCondition().withType("DisruptionTarget").withStatus("True")
                .endOnPodCondition().endRule()
                .addNewRule().withAction("FailJob").withNewOnExitCodes().withContainerName("c").withOperator("In")
                .withValues(42).endOnExitCodes().endRule()
                .endPodFailurePolicy().endSpec().build();
        client.batch().v1().jobs().inNamespace(ns).resource(spec).create();
        await().atMost(WAIT).until(() -> pods("policy").size() == 1);
        String first = pods("policy").get(0).getMetadata().getName();
        // a disrupted pod: ignored, so backoffLimit 0 is not exceeded and a replacement comes
        await().atMost(WAIT).until(() -> {
            failPendingPod("policy", first, 137, "DisruptionTarget");
            return pods("policy").stream().anyMatch(p -> !p.getMetadata().getName().equals(first));
        });
        assertThat(condition(get("policy"), "Failed")).isNull();
        assertThat(get("policy").getStatus().getFailed()).isNull();
        String second = pods("policy").stream().map(p -> p.getMetadata().getName()).filter(n -> !n.equals(first))
                .findFirst().orElseThrow();
        // exit code 42 matches the FailJob rule
        await().atMost(WAIT).until(() -> {
            failPendingPod("policy", second, 42);
            return condition(get("policy"), "Failed") != null;
        });
        Job failed = get("policy");
        String message = "Container c for pod " + ns + "/" + second + " failed with exit code 42 matching FailJob rule at index 1";
        assertThat(condition(failed, "FailureTarget")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("PodFailurePolicy");
            assertThat(c.getMessage()).isEqualTo(message);
        });
        assertThat(condition(failed, "Failed")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("PodFailurePolicy");
            assertThat(c.getMessage()).isEqualTo(message);
        });
        // only the fatal failure counts
        assertThat(failed.getStatus().getFailed()).isEqualTo(1);
        assertThat(pods("policy")).hasSize(2);
    }

    @Test
    void activeDeadlineSecondsFailsTheJobAndRemovesItsPods() {
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder(job("slow", 2, 2))
                .editSpec().withActiveDeadlineSeconds(3L).endSpec().build()).create();

        await().atMost(WAIT).until(() -> pods("slow").size() == 2);
        await().atMost(WAIT).until(() -> condition(get("slow"), "Failed") != null);
        Job failed = get("slow");
        assertThat(condition(failed, "Failed").getReason()).isEqualTo("DeadlineExceeded");
        assertThat(condition(failed, "Failed").getMessage()).isEqualTo("Job was active longer than specified deadline");
        assertThat(failed.getStatus().getFailed()).isEqualTo(2);
        // the pods were deleted and, their finalizers removed, are gone
        await().atMost(WAIT).until(() -> pods("slow").isEmpty());
    }

    @Test
    void indexedJobGivesEachPodItsCompletionIndex() {
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder(job("idx", 3, 3))
                .editSpec().withCompletionMode("Indexed").endSpec().build()).create();

        await().atMost(WAIT).until(() -> pods("idx").size() == 3);
        assertThat(pods("idx")).extracting(p -> p.getMetadata().getAnnotations().get(JobPods.COMPLETION_INDEX_ANNOTATION))
                .containsExactlyInAnyOrder("0", "1", "2");
        for (Pod p : pods("idx")) {
            String ix = p.getMetadata().getAnnotations().get(JobPods.COMPLETION_INDEX_ANNOTATION);
            assertThat(p.getMetadata().getLabels()).containsEntry(JobPods.COMPLETION_INDEX_LABEL, ix);
            assertThat(p.getMetadata().getName()).startsWith("idx-" + ix + "-");
            assertThat(p.getSpec().getHostname()).isEqualTo("idx-" + ix);
            assertThat(p.getSpec().getContainers().get(0).getEnv()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("JOB_COMPLETION_INDEX");
                assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                        .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
            });
        }
        await().atMost(WAIT).until(() -> {
            finishPendingPods("idx", "Succeeded");
            return condition(get("idx"), "Complete") != null;
        });
        Job done = get("idx");
        assertThat(done.getStatus().getCompletedIndexes()).isEqualTo("0-2");
        assertThat(done.getStatus().getSucceeded()).isEqualTo(3);
        assertThat(Objects.requireNonNull(done.getStatus().getUncountedTerminatedPods()).getSucceeded()).isNullOrEmpty();
    }

    @Test
    void successPolicyCompletesAnIndexedJobWhenItsIndexSucceeds() {
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder(job("leader", 3, 3)).editSpec()
                .withCompletionMode("Indexed")
                .withNewSuccessPolicy().addNewRule().withSucceededIndexes("0").endRule().endSuccessPolicy()
                .endSpec().build()).create();
        await().atMost(WAIT).until(() -> pods("leader").size() == 3);
        Pod leader = pods("leader").stream()
                .filter(p -> "0".equals(p.getMetadata().getAnnotations().get(JobPods.COMPLETION_INDEX_ANNOTATION)))
                .findFirst().orElseThrow();
        client.pods().inNamespace(ns).resource(new PodBuilder(leader).editOrNewStatus().withPhase("Succeeded").endStatus().build())
                .updateStatus();
        // only index 0 succeeded: the policy's rule is met, the other pods are deleted and the Job completes
        await().atMost(WAIT).until(() -> condition(get("leader"), "Complete") != null);
        Job done = get("leader");
        assertThat(condition(done, "SuccessCriteriaMet")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("SuccessPolicy");
            assertThat(c.getMessage()).isEqualTo("Matched rules at index 0");
        });
        assertThat(condition(done, "Complete").getReason()).isEqualTo("SuccessPolicy");
        assertThat(done.getStatus().getCompletedIndexes()).isEqualTo("0");
        assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(done.getStatus().getFailed()).isNull();
        // the other two were deleted (gone at once: no node ever ran them)
        assertThat(pods("leader")).filteredOn(p -> p.getMetadata().getDeletionTimestamp() == null)
                .extracting(p -> p.getMetadata().getName()).containsExactly(leader.getMetadata().getName());
    }
}
