package io.kubeboot.controller.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ports of upstream's TestCalculateStatus and TestCalculateStatusConditions. */
class ReplicaSetStatusCalculatorTest {
    static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    static final Map<String, String> LABELS = Map.of("name", "foo", "type", "production");

    static ReplicaSet rs(int replicas, int minReadySeconds, boolean withFailure) {
        ReplicaSetBuilder b = new ReplicaSetBuilder().withNewMetadata().withName("rs").withNamespace("default").withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).withMinReadySeconds(minReadySeconds)
                .withNewSelector().withMatchLabels(LABELS).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(LABELS).endMetadata().endTemplate().endSpec();
        if (withFailure) {
            b.withNewStatus().addNewCondition().withType("ReplicaFailure").withStatus("True").withReason("FailedCreate")
                    .withMessage("fake manageReplicasErr").endCondition().endStatus();
        }
        return b.build();
    }

    static Pod pod(Map<String, String> labels, boolean ready, Instant readySince) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("p").withNamespace("default").withLabels(labels).endMetadata()
                .withNewStatus().withPhase("Running").endStatus();
        if (ready) {
            b.editStatus().addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(readySince.toString())
                    .endCondition().endStatus();
        }
        return b.build();
    }

    record CountsCase(String name, ReplicaSet rs, List<Pod> pods, int replicas, int fullyLabeled, int ready, int available) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<CountsCase> counts() {
        Pod full = pod(LABELS, false, null);
        Pod partial = pod(Map.of("name", "foo"), false, null);
        Pod readyLong = pod(LABELS, true, NOW.minus(Duration.ofHours(1)));
        Pod readyJust = pod(LABELS, true, NOW.minusSeconds(1));
        return List.of(
                new CountsCase("1 fully labelled pod", rs(1, 0, false), List.of(full), 1, 1, 0, 0),
                new CountsCase("1 not fully labelled pod", rs(1, 0, false), List.of(partial), 1, 0, 0, 0),
                new CountsCase("2 fully labelled pods", rs(1, 0, false), List.of(full, full), 2, 2, 0, 0),
                new CountsCase("1 fully and 1 partially labelled", rs(1, 0, false), List.of(full, partial), 2, 1, 0, 0),
                new CountsCase("ready counts as available without minReadySeconds", rs(2, 0, false), List.of(readyJust, full), 2, 2, 1, 1),
                new CountsCase("available only after minReadySeconds", rs(2, 10, false), List.of(readyJust, readyLong), 2, 2, 2, 1));
    }

    @ParameterizedTest
    @MethodSource("counts")
    void countsReplicas(CountsCase c) {
        ReplicaSetStatus s = ReplicaSetStatusCalculator.calculate(c.rs(), c.pods(), null, NOW);
        assertThat(s.getReplicas()).isEqualTo(c.replicas());
        assertThat(s.getFullyLabeledReplicas()).isEqualTo(c.fullyLabeled());
        assertThat(s.getReadyReplicas()).isEqualTo(c.ready());
        assertThat(s.getAvailableReplicas()).isEqualTo(c.available());
    }

    @Test
    void createErrorAddsReplicaFailureWithFailedCreate() {
        ReplicaSetStatus s = ReplicaSetStatusCalculator.calculate(rs(2, 0, false), List.of(pod(LABELS, false, null)),
                new IllegalStateException("fake manageReplicasErr"), NOW);
        assertThat(s.getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("ReplicaFailure");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("FailedCreate");
            assertThat(c.getMessage()).isEqualTo("fake manageReplicasErr");
        });
    }

    @Test
    void deleteErrorAddsReplicaFailureWithFailedDelete() {
        List<Pod> three = new ArrayList<>(Collections.nCopies(3, pod(LABELS, false, null)));
        ReplicaSetStatus s = ReplicaSetStatusCalculator.calculate(rs(2, 0, false), three,
                new IllegalStateException("fake manageReplicasErr"), NOW);
        assertThat(s.getConditions()).singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo("FailedDelete"));
    }

    @Test
    void successRemovesTheFailureAndAnErrorKeepsTheExistingOne() {
        ReplicaSet failing = rs(2, 0, true);
        assertThat(ReplicaSetStatusCalculator.calculate(failing, List.of(), null, NOW).getConditions()).isNullOrEmpty();
        ReplicaSetStatus again = ReplicaSetStatusCalculator.calculate(failing, List.of(), new IllegalStateException("other"), NOW);
        assertThat(again.getConditions()).singleElement().satisfies(c -> assertThat(c.getMessage()).isEqualTo("fake manageReplicasErr"));
    }

    @Test
    void unchangedComparesCountsConditionsAndObservedGeneration() {
        ReplicaSet r = rs(1, 0, false);
        ReplicaSetStatus s = ReplicaSetStatusCalculator.calculate(r, List.of(), null, NOW);
        // observedGeneration 0 != generation 1
        assertThat(ReplicaSetStatusCalculator.unchanged(r, s)).isFalse();
        s.setObservedGeneration(1L);
        ReplicaSet written = new ReplicaSetBuilder(r).withStatus(s).build();
        assertThat(ReplicaSetStatusCalculator.unchanged(written, ReplicaSetStatusCalculator.calculate(written, List.of(), null, NOW))).isTrue();
        assertThat(ReplicaSetStatusCalculator.unchanged(written,
                ReplicaSetStatusCalculator.calculate(written, List.of(pod(LABELS, false, null)), null, NOW))).isFalse();
    }
}
