package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ported from upstream job_controller_test.go (TestPastBackoffLimitOnFailure, TestIsPodFailed-style cases,
 * cleanUncountedPodsWithoutFinalizers) and indexed_job_utils_test.go (TestAppendDuplicatedIndexPodsForRemoval).
 */
class JobPodsTest {
    private static Job job(String restartPolicy, int backoffLimit, String replacementPolicy) {
        return new JobBuilder().withNewSpec().withBackoffLimit(backoffLimit).withPodReplacementPolicy(replacementPolicy)
                .withNewTemplate().withNewSpec().withRestartPolicy(restartPolicy).endSpec().endTemplate().endSpec().build();
    }

    private static Pod withRestarts(String phase, int... restarts) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus().withPhase(phase).endStatus();
        for (int r : restarts) {
            b.editStatus().addNewContainerStatus().withName("c" + r).withRestartCount(r).endContainerStatus().endStatus();
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name | restartPolicy | backoffLimit | phase | restarts | expected
            "OnFailure, restarts below limit  | OnFailure | 6 | Running   | 1,1 | false",
            "OnFailure, restarts reach limit  | OnFailure | 2 | Running   | 1,1 | true",
            "OnFailure, pending pod counts    | OnFailure | 2 | Pending   | 2   | true",
            "OnFailure, limit 0, any restart  | OnFailure | 0 | Running   | 1   | true",
            "OnFailure, limit 0, no restart   | OnFailure | 0 | Running   | 0   | false",
            "OnFailure, finished pods ignored | OnFailure | 1 | Succeeded | 5   | false",
            "Never: restarts ignored          | Never     | 1 | Running   | 5   | false",
    })
    void pastBackoffLimitOnFailure(String name, String policy, int limit, String phase, String restarts, boolean expected) {
        int[] r = java.util.Arrays.stream(restarts.split(",")).mapToInt(Integer::parseInt).toArray();
        assertThat(JobPods.pastBackoffLimitOnFailure(job(policy, limit, null), List.of(withRestarts(phase, r)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "nil", value = {
            "failed                             | Failed    | false | TerminatingOrFailed | true",
            "succeeded                          | Succeeded | false | TerminatingOrFailed | false",
            "running                            | Running   | false | TerminatingOrFailed | false",
            "terminating counts as failed       | Running   | true  | TerminatingOrFailed | true",
            "terminating, only Failed replaced  | Running   | true  | Failed              | false",
            "terminating succeeded is no failure| Succeeded | true  | TerminatingOrFailed | false",
    })
    void isPodFailed(String name, String phase, boolean deleting, String replacement, boolean expected) {
        Pod p = new PodBuilder().withNewMetadata().withName("p").withDeletionTimestamp(deleting ? "2023-01-01T00:00:00Z" : null)
                .endMetadata().withNewStatus().withPhase(phase).endStatus().build();
        assertThat(JobPods.isPodFailed(p, job("Never", 6, replacement))).isEqualTo(expected);
    }

    @Test
    void cleanUncountedMovesPodsWithoutFinalizerIntoTheCounters() {
        JobStatus status = new JobStatus();
        status.setSucceeded(1);
        List<String> succeeded = new ArrayList<>(List.of("a", "b", "c"));
        List<String> failed = new ArrayList<>(List.of("d", "e"));
        Set<String> withFinalizer = new HashSet<>(Set.of("b", "e"));
        assertThat(JobController.cleanUncounted(status, succeeded, failed, withFinalizer)).isTrue();
        assertThat(succeeded).containsExactly("b");
        assertThat(failed).containsExactly("e");
        assertThat(status.getSucceeded()).isEqualTo(3);
        assertThat(status.getFailed()).isEqualTo(1);
        assertThat(JobController.cleanUncounted(status, succeeded, failed, withFinalizer)).isFalse();
    }

    private static Pod indexed(String name, String index, String phase) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp("2023-01-01T00:00:00Z").endMetadata()
                .withNewStatus().withPhase(phase).endStatus();
        if (index != null) {
            b.editMetadata().addToAnnotations(JobPods.COMPLETION_INDEX_ANNOTATION, index).endMetadata();
        }
        return b.build();
    }

    @Test
    void indexedRemovalTakesInvalidAndRepeatedIndexesFirst() {
        Job job = new JobBuilder().withNewSpec().withCompletions(5).withCompletionMode("Indexed").endSpec().build();
        List<Pod> pods = List.of(indexed("a", "0", "Running"), indexed("b", null, "Running"), indexed("c", "1", "Pending"),
                indexed("d", "1", "Running"), indexed("e", "7", "Running"), indexed("f", "x", "Running"), indexed("g", "2", "Running"));
        assertThat(JobPods.activePodsForRemoval(job, pods, 0)).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("b", "f", "e", "c");
        // one more: the worst of the rest in ActivePods order
        assertThat(JobPods.activePodsForRemoval(job, pods, 5)).hasSize(5);
    }

    @Test
    void nonIndexedRemovalPrefersPendingAndUnassignedPods() {
        Job job = new JobBuilder().withNewSpec().withCompletions(5).endSpec().build();
        Pod running = new PodBuilder(indexed("run", null, "Running")).editOrNewSpec().withNodeName("n").endSpec().build();
        Pod pendingAssigned = new PodBuilder(indexed("pend", null, "Pending")).editOrNewSpec().withNodeName("n").endSpec().build();
        Pod unassigned = indexed("none", null, "Pending");
        assertThat(JobPods.activePodsForRemoval(job, List.of(running, pendingAssigned, unassigned), 2))
                .extracting(p -> p.getMetadata().getName()).containsExactly("none", "pend");
    }
}
