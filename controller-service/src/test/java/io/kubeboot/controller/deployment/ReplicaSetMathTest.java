package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.kubeboot.controller.deployment.Fixtures.deployment;
import static io.kubeboot.controller.deployment.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

class ReplicaSetMathTest {
    /** Upstream TestNewRSNewReplicas: the other ReplicaSet has 5 replicas. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "can not scale up - to newRSReplicas, RollingUpdate, 1, 5, 1, 5",
            "scale up - to depReplicas, RollingUpdate, 6, 2, 10, 6",
            "recreate - to depReplicas, Recreate, 3, 1, 1, 3",
            "surge limits the step, RollingUpdate, 4, 0, 1, 0",
            "surge room left, RollingUpdate, 6, 2, 2, 5",
    })
    void newRSNewReplicas(String name, String strategy, int depReplicas, int newRSReplicas, int maxSurge, int expected) {
        Deployment d = new DeploymentBuilder(deployment(depReplicas, maxSurge, 1)).editSpec().editStrategy().withType(strategy)
                .endStrategy().endSpec().build();
        ReplicaSet newRS = rs("new", newRSReplicas, 0, 1);
        ReplicaSet rs5 = rs("rs5", 5, 5, 0);
        assertThat(ReplicaSetMath.newRSNewReplicas(d, Arrays.asList(rs5), newRS)).isEqualTo(expected);
    }

    @Test
    void countsSkipNull() {
        List<ReplicaSet> rss = Arrays.asList(rs("a", 3, 2, 0), null, rs("b", 2, 1, 1));
        assertThat(ReplicaSetMath.replicaCount(rss)).isEqualTo(5);
        assertThat(ReplicaSetMath.actualReplicaCount(rss)).isEqualTo(5);
        assertThat(ReplicaSetMath.availableReplicaCount(rss)).isEqualTo(3);
        assertThat(ReplicaSetMath.active(Arrays.asList(rs("a", 0, 0, 0), null, rs("b", 1, 0, 1))))
                .extracting(r -> r.getMetadata().getName()).containsExactly("b");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "saturated, 3, 3, 3, true",
            "not all available, 3, 3, 2, false",
            "annotation for another size, 3, 4, 3, false",
            "rs smaller, 2, 3, 3, false",
    })
    void isSaturated(String name, int rsReplicas, String desired, int available, boolean expected) {
        ReplicaSet r = rs("new", rsReplicas, available, 0, DeploymentAnnotations.DESIRED_REPLICAS, desired);
        assertThat(ReplicaSetMath.isSaturated(deployment(3, 1, 0), r)).isEqualTo(expected);
    }

    @Test
    void isSaturatedNeedsTheDesiredAnnotation() {
        assertThat(ReplicaSetMath.isSaturated(deployment(3, 1, 0), rs("new", 3, 3, 0))).isFalse();
        assertThat(ReplicaSetMath.isSaturated(deployment(3, 1, 0), null)).isFalse();
    }

    /**
     * The documentation's proportional scaling example: 10 replicas, maxSurge 3, a stuck rollout with 8 old and 5 new
     * replicas (both last scaled for max 13); scaling to 15 hands out 5 more: 3 to the old, 2 to the new ReplicaSet.
     */
    @Test
    void proportionsOfTheDocumentationExample() {
        Deployment d = deployment(15, 3, 2);
        ReplicaSet old = rs("old", 8, 8, 0, DeploymentAnnotations.MAX_REPLICAS, "13");
        ReplicaSet neu = rs("new", 5, 0, 1, DeploymentAnnotations.MAX_REPLICAS, "13");
        int toAdd = 18 - 13;
        int first = ReplicaSetMath.proportion(old, d, toAdd, 0);
        int second = ReplicaSetMath.proportion(neu, d, toAdd, first);
        assertThat(first).isEqualTo(3);
        assertThat(second).isEqualTo(2);
    }

    @ParameterizedTest(name = "rs {0} of max {2} -> deployment {1}: {3}")
    @CsvSource({
            // rs replicas, new deployment replicas (maxSurge 0), annotated max replicas, expected fraction
            "5, 20, 10, 5",
            "5, 5, 10, -2",
            "3, 0, 10, -3",
            "1, 3, 2, 1",
    })
    void fraction(int rsReplicas, int depReplicas, String annotatedMax, int expected) {
        Deployment d = deployment(depReplicas, 0, 1);
        assertThat(ReplicaSetMath.fraction(rs("r", rsReplicas, 0, 0, DeploymentAnnotations.MAX_REPLICAS, annotatedMax), d))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // name, deployment replicas, rs replicas, to add, added so far, expected
            "nothing to add, 20, 5, 0, 0, 0",
            "all added already, 20, 5, 3, 3, 0",
            "capped by what is left (up), 20, 5, 3, 2, 1",
            "its fraction (up), 20, 5, 9, 2, 5",
            "capped by what is left (down), 0, 5, -3, -2, -1",
            "its fraction (down), 5, 5, -9, 0, -2",
            "an empty replica set gets nothing, 20, 0, 9, 0, 0",
    })
    void proportionNeverExceedsWhatIsLeft(String name, int depReplicas, int rsReplicas, int toAdd, int added, int expected) {
        Deployment d = deployment(depReplicas, 0, 1);
        ReplicaSet r = rs("r", rsReplicas, 0, 0, DeploymentAnnotations.MAX_REPLICAS, "10");
        assertThat(ReplicaSetMath.proportion(r, d, toAdd, added)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"2.5, 3", "2.49, 2", "-2.5, -3", "-2.49, -2", "0, 0"})
    void roundToInt32HalfAwayFromZero(double in, int out) {
        assertThat(ReplicaSetMath.roundToInt32(in)).isEqualTo(out);
    }

    @Test
    void findActiveOrLatest() {
        ReplicaSet older = rs("older", 0, 0, 0);
        ReplicaSet newer = rs("newer", 0, 0, 5);
        assertThat(ReplicaSetMath.findActiveOrLatest(null, new ArrayList<>(List.of(older, newer)))).isSameAs(newer);
        ReplicaSet neu = rs("new", 0, 0, 9);
        assertThat(ReplicaSetMath.findActiveOrLatest(neu, new ArrayList<>(List.of(older, newer)))).isSameAs(neu);
        ReplicaSet active = rs("active", 2, 0, 1);
        assertThat(ReplicaSetMath.findActiveOrLatest(neu, new ArrayList<>(List.of(older, active)))).isSameAs(active);
        ReplicaSet active2 = rs("active2", 1, 0, 2);
        assertThat(ReplicaSetMath.findActiveOrLatest(active2, new ArrayList<>(List.of(active)))).isNull();
    }
}
