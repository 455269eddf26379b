package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.kubeboot.controller.deployment.DeploymentAnnotations.DESIRED_REPLICAS;
import static io.kubeboot.controller.deployment.DeploymentAnnotations.MAX_REPLICAS;
import static io.kubeboot.controller.deployment.DeploymentAnnotations.REVISION;
import static io.kubeboot.controller.deployment.DeploymentAnnotations.REVISION_HISTORY;
import static io.kubeboot.controller.deployment.Fixtures.deployment;
import static io.kubeboot.controller.deployment.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentAnnotationsTest {
    @Test
    void maxAndLastRevisionSkipUnparsableOnes() {
        List<ReplicaSet> rss = List.of(rs("a", 0, 0, 0, REVISION, "3"), rs("b", 0, 0, 1, REVISION, "x"),
                rs("c", 0, 0, 2, REVISION, "10"), rs("d", 0, 0, 3));
        assertThat(DeploymentAnnotations.maxRevision(rss)).isEqualTo(10);
        assertThat(DeploymentAnnotations.lastRevision(rss)).isEqualTo(3);
        assertThat(DeploymentAnnotations.maxRevision(List.of())).isZero();
        assertThatThrownBy(() -> DeploymentAnnotations.revision(rss.get(1))).isInstanceOf(NumberFormatException.class);
        assertThat(DeploymentAnnotations.revision(rss.get(3))).isZero();
    }

    /** Upstream TestAnnotationUtils "SetNewReplicaSetAnnotations": revisions 11..20 with a 5 character history limit. */
    @Test
    void revisionHistoryIsTrimmedFromTheFront() {
        Deployment d = new DeploymentBuilder(deployment(1, 1, 0)).editMetadata().addToAnnotations(REVISION, "1").endMetadata().build();
        ReplicaSet r = rs("r", 1, 1, 0);
        for (int i = 10; i < 20; i++) {
            String next = Integer.toString(i + 1);
            DeploymentAnnotations.setNewReplicaSetAnnotations(d, r, next, true, 5);
            if (i >= 12) {
                assertThat(r.getMetadata().getAnnotations().get(REVISION_HISTORY)).isEqualTo((i - 1) + "," + i);
            }
            assertThat(r.getMetadata().getAnnotations().get(REVISION)).isEqualTo(next);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // name, rs revision ('' = none), new revision, expected revision, expected history ('' = none), changed
            "new replica set, '', 1, 1, '', true",
            "rolled back to: old revision kept in history, 1, 3, 3, 1, true",
            "already newer: untouched, 5, 3, 5, '', false",
            "same revision: untouched, 3, 3, 3, '', false",
    })
    void setNewReplicaSetAnnotations(String name, String rsRevision, String newRevision, String expRevision, String expHistory,
                                     boolean changed) {
        Deployment d = deployment(3, 1, 0);
        ReplicaSet r = rsRevision.isEmpty() ? rs("r", 3, 3, 0) : rs("r", 3, 3, 0, REVISION, rsRevision);
        assertThat(DeploymentAnnotations.setNewReplicaSetAnnotations(d, r, newRevision, true, 2000)).isEqualTo(changed);
        assertThat(r.getMetadata().getAnnotations().get(REVISION)).isEqualTo(expRevision);
        assertThat(r.getMetadata().getAnnotations().getOrDefault(REVISION_HISTORY, "")).isEqualTo(expHistory);
    }

    @Test
    void copiesDeploymentAnnotationsExceptTheSkippedOnes() {
        Deployment d = new DeploymentBuilder(deployment(3, 1, 0)).editMetadata().addToAnnotations(Map.of(
                "kubernetes.io/change-cause", "kubectl set image", REVISION, "7", DESIRED_REPLICAS, "9",
                "kubectl.kubernetes.io/last-applied-configuration", "{}", "deprecated.deployment.rollback.to", "1")).endMetadata().build();
        ReplicaSet r = rs("r", 0, 0, 0);
        DeploymentAnnotations.setNewReplicaSetAnnotations(d, r, "2", false, 2000);
        assertThat(r.getMetadata().getAnnotations()).containsOnly(
                Map.entry("kubernetes.io/change-cause", "kubectl set image"), Map.entry(REVISION, "2"),
                Map.entry(DESIRED_REPLICAS, "3"), Map.entry(MAX_REPLICAS, "4"));
    }

    @Test
    void deploymentTakesTheAnnotationsOfTheReplicaSetRolledBackTo() {
        Deployment d = new DeploymentBuilder(deployment(3, 1, 0)).editMetadata().addToAnnotations(Map.of(
                REVISION, "4", "kubernetes.io/change-cause", "new")).endMetadata().build();
        ReplicaSet r = rs("r", 0, 0, 0, REVISION, "1", "kubernetes.io/change-cause", "old", DESIRED_REPLICAS, "3");
        DeploymentAnnotations.setDeploymentAnnotationsTo(d, r);
        assertThat(d.getMetadata().getAnnotations()).containsOnly(Map.entry(REVISION, "4"), Map.entry("kubernetes.io/change-cause", "old"));
    }

    @Test
    void replicasAnnotations() {
        ReplicaSet r = rs("r", 0, 0, 0);
        r.getMetadata().setAnnotations(null);
        assertThat(DeploymentAnnotations.replicasAnnotationsNeedUpdate(r, 3, 4)).isTrue();
        assertThat(DeploymentAnnotations.setReplicasAnnotations(r, 3, 4)).isTrue();
        assertThat(DeploymentAnnotations.replicasAnnotationsNeedUpdate(r, 3, 4)).isFalse();
        assertThat(DeploymentAnnotations.setReplicasAnnotations(r, 3, 4)).isFalse();
        assertThat(DeploymentAnnotations.desiredReplicas(r)).hasValue(3);
        assertThat(DeploymentAnnotations.maxReplicas(r)).hasValue(4);
        assertThat(DeploymentAnnotations.replicasAnnotationsNeedUpdate(r, 3, 5)).isTrue();
        assertThat(DeploymentAnnotations.desiredReplicas(rs("x", 0, 0, 0, DESIRED_REPLICAS, "three"))).isEmpty();
    }

    @Test
    void setDeploymentRevision() {
        Deployment d = deployment(1, 1, 0);
        assertThat(DeploymentAnnotations.setDeploymentRevision(d, "1")).isTrue();
        assertThat(DeploymentAnnotations.setDeploymentRevision(d, "1")).isFalse();
        assertThat(d.getMetadata().getAnnotations()).containsEntry(REVISION, "1");
        assertThat(DeploymentAnnotations.setDeploymentRevision(deployment(1, 1, 0), null)).as("missing reads as \"\"").isFalse();
    }
}
