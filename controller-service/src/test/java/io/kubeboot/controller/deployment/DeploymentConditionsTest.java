package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.kubeboot.controller.deployment.DeploymentConditions.PROGRESSING;
import static io.kubeboot.controller.deployment.Fixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentConditionsTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2024-01-01T00:01:00Z");

    private static DeploymentStatus status(DeploymentCondition... cs) {
        return new DeploymentStatusBuilder().withConditions(new ArrayList<>(List.of(cs))).build();
    }

    /** Upstream TestSetCondition. */
    @Test
    void setCondition() {
        DeploymentStatus s = new DeploymentStatus();
        DeploymentConditions.set(s, DeploymentConditions.newCondition(PROGRESSING, "True", "ReplicaSetUpdated", "m", T0));
        assertThat(s.getConditions()).extracting(DeploymentCondition::getReason).containsExactly("ReplicaSetUpdated");

        // same status and reason: nothing changes, not even the times
        DeploymentConditions.set(s, DeploymentConditions.newCondition(PROGRESSING, "True", "ReplicaSetUpdated", "other", T1));
        assertThat(s.getConditions().get(0).getLastUpdateTime()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(s.getConditions().get(0).getMessage()).isEqualTo("m");

        // same status, new reason: replaced, transition time kept
        DeploymentConditions.set(s, DeploymentConditions.newCondition(PROGRESSING, "True", "NewReplicaSetAvailable", "m2", T1));
        assertThat(s.getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable");
            assertThat(c.getLastTransitionTime()).isEqualTo("2024-01-01T00:00:00Z");
            assertThat(c.getLastUpdateTime()).isEqualTo("2024-01-01T00:01:00Z");
        });

        // status change: new transition time; another type is appended
        DeploymentConditions.set(s, DeploymentConditions.newCondition("Available", "True", "MinimumReplicasAvailable", "a", T0));
        DeploymentConditions.set(s, DeploymentConditions.newCondition(PROGRESSING, "False", "ProgressDeadlineExceeded", "t", T1));
        assertThat(s.getConditions()).extracting(DeploymentCondition::getType).containsExactly("Available", PROGRESSING);
        assertThat(s.getConditions().get(1).getLastTransitionTime()).isEqualTo("2024-01-01T00:01:00Z");

        DeploymentConditions.remove(s, PROGRESSING);
        assertThat(s.getConditions()).extracting(DeploymentCondition::getType).containsExactly("Available");
    }

    /** Upstream TestDeploymentComplete: (desired, current, updated, available, observed generation). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "not complete: min but not all pods become available, 5, 5, 5, 4, 1, false",
            "not complete: min availability is not honored, 5, 5, 5, 3, 1, false",
            "complete, 5, 5, 5, 5, 1, true",
            "not complete: all pods are available but not updated, 5, 5, 4, 5, 1, false",
            "not complete: still running old pods, 1, 2, 1, 1, 1, false",
            "not complete: one replica deployment never comes up, 1, 1, 1, 0, 1, false",
            "not complete: generation not observed, 5, 5, 5, 5, 0, false",
    })
    void deploymentComplete(String name, int desired, int current, int updated, int available, long observed, boolean expected) {
        Deployment d = deployment(desired, 1, 1);
        DeploymentStatus s = new DeploymentStatusBuilder().withReplicas(current).withUpdatedReplicas(updated)
                .withAvailableReplicas(available).withObservedGeneration(observed).build();
        assertThat(DeploymentConditions.deploymentComplete(d, s)).isEqualTo(expected);
    }

    /** Upstream TestDeploymentProgressing: old status (updated, current, ready, available) vs the new one. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "progressing: updated pods, 1, 2, 1, 1, 2, 2, 1, 1, true",
            "not progressing: no change, 1, 2, 1, 1, 1, 2, 1, 1, false",
            "progressing: old pods removed, 1, 2, 1, 1, 1, 1, 1, 1, true",
            "not progressing: less new pods, 2, 2, 2, 2, 1, 2, 2, 2, false",
            "progressing: less overall but more new pods, 1, 3, 1, 1, 2, 2, 1, 1, true",
            "progressing: more ready pods, 1, 2, 1, 1, 1, 2, 2, 1, true",
            "progressing: more available pods, 1, 2, 2, 1, 1, 2, 2, 2, true",
    })
    void deploymentProgressing(String name, int oldUpdated, int oldCurrent, int oldReady, int oldAvailable,
                               int newUpdated, int newCurrent, int newReady, int newAvailable, boolean expected) {
        Deployment d = new DeploymentBuilder(deployment(2, 1, 1)).withStatus(new DeploymentStatusBuilder()
                .withUpdatedReplicas(oldUpdated).withReplicas(oldCurrent).withReadyReplicas(oldReady)
                .withAvailableReplicas(oldAvailable).build()).build();
        DeploymentStatus s = new DeploymentStatusBuilder().withUpdatedReplicas(newUpdated).withReplicas(newCurrent)
                .withReadyReplicas(newReady).withAvailableReplicas(newAvailable).build();
        assertThat(DeploymentConditions.deploymentProgressing(d, s)).isEqualTo(expected);
    }

    /** Upstream TestDeploymentTimedOut: progressDeadlineSeconds (-1: unset) and seconds since the last update. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "nil progressDeadlineSeconds specified - no timeout, -1, 15, ReplicaSetUpdated, false",
            "infinite progressDeadlineSeconds specified - no timeout, 2147483647, 15, ReplicaSetUpdated, false",
            "progressDeadlineSeconds 10s and 5s passed - no timeout, 10, 5, ReplicaSetUpdated, false",
            "progressDeadlineSeconds 10s and 15s passed - timeout, 10, 15, ReplicaSetUpdated, true",
            "exactly at the deadline - no timeout yet, 10, 10, ReplicaSetUpdated, false",
            "completed rollouts never time out, 10, 15, NewReplicaSetAvailable, false",
            "timed out stays timed out, 10, 1, ProgressDeadlineExceeded, true",
    })
    void deploymentTimedOut(String name, int deadline, int secondsAgo, String reason, boolean expected) {
        Deployment d = deployment(1, 1, 0);
        d.getSpec().setProgressDeadlineSeconds(deadline < 0 ? null : deadline);
        DeploymentStatus s = status(DeploymentConditions.newCondition(PROGRESSING, "True", reason, "m", T1.minusSeconds(secondsAgo)));
        assertThat(DeploymentConditions.deploymentTimedOut(d, s, T1)).isEqualTo(expected);
    }
}
