package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Ported from upstream backoff_utils_test.go (TestNewBackoffRecord, TestGetRemainingBackoffTime, TestGetFinishedTime). */
class PodFailureBackoffTest {
    private static final Instant T0 = Instant.parse("2023-01-01T10:00:00Z");

    /** A pod finished (its only container terminated) {@code secondsAfterT0} after T0. */
    private static Pod finished(String name, String phase, int secondsAfterT0) {
        return new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(T0.minusSeconds(100).toString()).endMetadata()
                .withNewStatus().withPhase(phase).addNewContainerStatus().withName("c").withNewState().withNewTerminated()
                .withFinishedAt(T0.plusSeconds(secondsAfterT0).toString()).endTerminated().endState().endContainerStatus().endStatus().build();
    }

    private static List<Pod> pods(String phase, String finishedSeconds) {
        List<Pod> out = new ArrayList<>();
        if (!finishedSeconds.isEmpty()) {
            int i = 0;
            for (String s : finishedSeconds.split(",")) {
                out.add(finished(phase + i++, phase, Integer.parseInt(s)));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name | stored failures | stored last failure (s) | new succeeded finish times | new failed finish times | failures | last failure
            "empty record, no new pods          | 0 | ''  | ''   | ''      | 0 | ''",
            "empty record, one failure          | 0 | ''  | ''   | 5       | 1 | 5",
            "record kept, more failures         | 1 | 5   | ''   | 10,20   | 3 | 20",
            "a success resets                   | 3 | 5   | 30   | ''      | 0 | ''",
            "failures after the last success    | 3 | 5   | 30   | 10,40,50| 2 | 50",
            "failures before the success ignored| 0 | ''  | 30,60| 10,40   | 0 | ''",
    })
    void newRecord(String name, int storedFailures, String storedLast, String succeeded, String failed, int failures, String last) {
        PodFailureBackoff store = new PodFailureBackoff();
        if (storedFailures > 0) {
            store.update(new PodFailureBackoff.Record("ns/job", storedFailures, T0.plusSeconds(Integer.parseInt(storedLast))));
        }
        PodFailureBackoff.Record r = store.newRecord("ns/job", pods("Succeeded", succeeded), pods("Failed", failed));
        assertThat(r.failuresAfterLastSuccess()).isEqualTo(failures);
        assertThat(r.lastFailureTime()).isEqualTo(last.isEmpty() ? null : T0.plusSeconds(Integer.parseInt(last)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name | failures | seconds since last failure | default (s) | max (s) | remaining (s)
            "no failures               | 0 | 5   | 10 | 600 | 0",
            "one failure, just now     | 1 | 0   | 10 | 600 | 10",
            "one failure, 5s ago       | 1 | 5   | 10 | 600 | 5",
            "one failure, long ago     | 1 | 20  | 10 | 600 | 0",
            "two failures double       | 2 | 5   | 10 | 600 | 15",
            "five failures: 160s       | 5 | 0   | 10 | 600 | 160",
            "capped at max             | 10| 0   | 10 | 600 | 600",
            "capped at 6m              | 7 | 60  | 10 | 360 | 300",
    })
    void remainingTime(String name, int failures, int since, int base, int max, int remaining) {
        Instant last = T0;
        Duration d = PodFailureBackoff.remainingTimeForFailures(T0.plusSeconds(since), Duration.ofSeconds(base),
                Duration.ofSeconds(max), failures, failures == 0 ? null : last);
        assertThat(d).isEqualTo(Duration.ofSeconds(remaining));
    }

    @Test
    void finishedTimeFallsBackToReadyFalseThenDeletionThenCreation() {
        Pod running = new PodBuilder().withNewMetadata().withName("p").withCreationTimestamp(T0.toString()).endMetadata()
                .withNewStatus().addNewContainerStatus().withName("c").withNewState().withNewRunning().endRunning().endState()
                .endContainerStatus().endStatus().build();
        assertThat(PodFailureBackoff.finishedTime(running)).isEqualTo(T0);
        Pod notReady = new PodBuilder(running).editStatus().addNewCondition().withType("Ready").withStatus("False")
                .withLastTransitionTime(T0.plusSeconds(7).toString()).endCondition().endStatus().build();
        assertThat(PodFailureBackoff.finishedTime(notReady)).isEqualTo(T0.plusSeconds(7));
        Pod deleted = new PodBuilder(running).editMetadata().withDeletionTimestamp(T0.plusSeconds(40).toString())
                .withDeletionGracePeriodSeconds(30L).endMetadata().build();
        assertThat(PodFailureBackoff.finishedTime(deleted)).isEqualTo(T0.plusSeconds(10));
        assertThat(PodFailureBackoff.finishedTime(finished("f", "Failed", 3))).isEqualTo(T0.plusSeconds(3));
    }
}
