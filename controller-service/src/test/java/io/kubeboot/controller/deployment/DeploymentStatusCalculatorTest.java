package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static io.kubeboot.controller.deployment.Fixtures.deployment;
import static io.kubeboot.controller.deployment.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentStatusCalculatorTest {
    private static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");

    private static DeploymentCondition cond(DeploymentStatus s, String type) {
        return DeploymentConditions.get(s, type).orElseThrow();
    }

    @Test
    void calculateCountsAndAvailability() {
        Deployment d = deployment(3, 1, 0);
        ReplicaSet old = rs("old", 2, 2, 0);
        ReplicaSet neu = rs("new", 2, 1, 1);
        DeploymentStatus s = DeploymentStatusCalculator.calculate(Arrays.asList(old, neu), neu, d, NOW);
        assertThat(s.getObservedGeneration()).isEqualTo(1L);
        assertThat(s.getReplicas()).isEqualTo(4);
        assertThat(s.getUpdatedReplicas()).isEqualTo(2);
        assertThat(s.getReadyReplicas()).isEqualTo(3);
        assertThat(s.getAvailableReplicas()).isEqualTo(3);
        assertThat(s.getUnavailableReplicas()).isEqualTo(1);
        assertThat(cond(s, "Available").getReason()).isEqualTo("MinimumReplicasAvailable");

        DeploymentStatus low = DeploymentStatusCalculator.calculate(Arrays.asList(rs("old", 3, 2, 0), null), null, d, NOW);
        assertThat(cond(low, "Available")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("MinimumReplicasUnavailable");
            assertThat(c.getMessage()).isEqualTo("Deployment does not have minimum availability.");
        });
        assertThat(low.getUpdatedReplicas()).isZero();
    }

    @Test
    void completeRolloutReportsTheNewReplicaSet() {
        Deployment d = deployment(3, 1, 0);
        ReplicaSet neu = rs("nginx-abc", 3, 3, 1);
        DeploymentStatus s = DeploymentStatusCalculator.rollout(List.of(neu), neu, d, NOW);
        assertThat(cond(s, "Progressing")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable");
            assertThat(c.getMessage()).isEqualTo("ReplicaSet \"nginx-abc\" has successfully progressed.");
        });
    }

    @Test
    void progressRefreshesLastUpdateTimeButKeepsTransitionTime() {
        Instant earlier = NOW.minusSeconds(30);
        Deployment d = new DeploymentBuilder(deployment(3, 1, 0)).withStatus(new DeploymentStatusBuilder()
                .withReplicas(3).withUpdatedReplicas(0).withConditions(DeploymentConditions.newCondition("Progressing", "True",
                        "NewReplicaSetCreated", "Created new replica set \"nginx-abc\"", earlier)).build()).build();
        ReplicaSet old = rs("old", 3, 3, 0);
        ReplicaSet neu = rs("nginx-abc", 1, 0, 1);
        DeploymentStatus s = DeploymentStatusCalculator.rollout(Arrays.asList(old, neu), neu, d, NOW);
        assertThat(cond(s, "Progressing")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("ReplicaSetUpdated");
            assertThat(c.getMessage()).isEqualTo("ReplicaSet \"nginx-abc\" is progressing.");
            assertThat(c.getLastUpdateTime()).isEqualTo("2024-01-01T01:00:00Z");
            assertThat(c.getLastTransitionTime()).isEqualTo("2024-01-01T00:59:30Z");
        });
    }

    @Test
    void noProgressPastTheDeadlineTimesOut() {
        Deployment d = new DeploymentBuilder(deployment(3, 1, 0)).withStatus(new DeploymentStatusBuilder()
                .withReplicas(4).withUpdatedReplicas(1).withReadyReplicas(3).withAvailableReplicas(3).withObservedGeneration(1L)
                .withConditions(DeploymentConditions.newCondition(
                        "Progressing", "True", "ReplicaSetUpdated", "x", NOW.minusSeconds(601))).build()).build();
        ReplicaSet old = rs("old", 3, 3, 0);
        ReplicaSet neu = rs("nginx-abc", 1, 0, 1);
        DeploymentStatus s = DeploymentStatusCalculator.rollout(Arrays.asList(old, neu), neu, d, NOW);
        assertThat(cond(s, "Progressing")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(c.getMessage()).isEqualTo("ReplicaSet \"nginx-abc\" has timed out progressing.");
        });
    }

    @Test
    void withoutADeadlineThereIsNoProgressingCondition() {
        Deployment d = deployment(3, 1, 0);
        d.getSpec().setProgressDeadlineSeconds(null);
        d.setStatus(new DeploymentStatusBuilder().withConditions(DeploymentConditions.newCondition("Progressing", "True",
                "NewReplicaSetAvailable", "x", NOW)).build());
        DeploymentStatus s = DeploymentStatusCalculator.rollout(List.of(rs("n", 3, 3, 0)), null, d, NOW);
        assertThat(DeploymentConditions.get(s, "Progressing")).isEmpty();
    }

    @Test
    void replicaFailureOfTheNewReplicaSetComesFirst() {
        ReplicaSet old = rs("old", 1, 1, 0);
        old.getStatus().setConditions(List.of(new ReplicaSetConditionBuilder().withType("ReplicaFailure").withStatus("True")
                .withReason("FailedDelete").withMessage("old").build()));
        ReplicaSet neu = rs("new", 1, 0, 1);
        neu.getStatus().setConditions(List.of(new ReplicaSetConditionBuilder().withType("ReplicaFailure").withStatus("True")
                .withReason("FailedCreate").withMessage("quota").withLastTransitionTime("2024-01-01T00:00:00Z").build()));
        List<DeploymentCondition> f = DeploymentStatusCalculator.replicaFailures(Arrays.asList(old, neu), neu);
        assertThat(f).singleElement().satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("FailedCreate");
            assertThat(c.getLastUpdateTime()).isEqualTo("2024-01-01T00:00:00Z");
        });
        assertThat(DeploymentStatusCalculator.replicaFailures(Arrays.asList(old, null), null))
                .extracting(DeploymentCondition::getMessage).containsExactly("old");
    }

    @Test
    void stuckRolloutIsLookedAtAgainWhenItsDeadlinePasses() {
        Deployment d = new DeploymentBuilder(deployment(3, 1, 0)).withStatus(new DeploymentStatusBuilder().withConditions(
                DeploymentConditions.newCondition("Progressing", "True", "ReplicaSetUpdated", "x", NOW.minusSeconds(180))).build()).build();
        DeploymentStatus notDone = new DeploymentStatusBuilder().withReplicas(4).withUpdatedReplicas(1).build();
        assertThat(DeploymentStatusCalculator.requeueStuck(d, notDone, NOW)).hasValue(Duration.ofSeconds(421));
        assertThat(DeploymentStatusCalculator.requeueStuck(d, notDone, NOW.plusSeconds(420))).hasValue(Duration.ZERO);
        DeploymentStatus done = new DeploymentStatusBuilder().withReplicas(3).withUpdatedReplicas(3).withAvailableReplicas(3)
                .withObservedGeneration(1L).build();
        assertThat(DeploymentStatusCalculator.requeueStuck(d, done, NOW)).isEmpty();
    }

    @Test
    void sameTreatsAbsentCountsAsZero() {
        DeploymentStatus a = new DeploymentStatusBuilder().withReplicas(0).withObservedGeneration(1L).build();
        DeploymentStatus b = new DeploymentStatusBuilder().withObservedGeneration(1L).build();
        assertThat(DeploymentStatusCalculator.same(a, b)).isTrue();
        assertThat(DeploymentStatusCalculator.same(a, new DeploymentStatusBuilder().withObservedGeneration(2L).build())).isFalse();
        assertThat(DeploymentStatusCalculator.same(b, new DeploymentStatusBuilder(b).withCollisionCount(1).build())).isFalse();
    }
}
