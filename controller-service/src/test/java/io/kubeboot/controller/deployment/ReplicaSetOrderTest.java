package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.kubeboot.controller.deployment.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

class ReplicaSetOrderTest {
    private static List<String> sorted(List<ReplicaSet> rss, java.util.Comparator<ReplicaSet> order) {
        List<ReplicaSet> copy = new ArrayList<>(rss);
        copy.sort(order);
        return copy.stream().map(r -> r.getMetadata().getName()).toList();
    }

    @Test
    void byCreationTimestampThenName() {
        List<ReplicaSet> rss = List.of(rs("c", 1, 0, 2), rs("b", 1, 0, 1), rs("a", 1, 0, 2));
        assertThat(sorted(rss, ReplicaSetOrder.BY_CREATION_TIMESTAMP)).containsExactly("b", "a", "c");
    }

    @Test
    void bySizeLargerFirstTiesByAge() {
        List<ReplicaSet> rss = List.of(rs("old-small", 1, 0, 0), rs("old", 3, 0, 1), rs("new", 3, 0, 2));
        assertThat(sorted(rss, ReplicaSetOrder.BY_SIZE_OLDER)).containsExactly("old", "new", "old-small");
        assertThat(sorted(rss, ReplicaSetOrder.BY_SIZE_NEWER)).containsExactly("new", "old", "old-small");
    }

    @Test
    void byRevisionThenCreation() {
        List<ReplicaSet> rss = List.of(rs("r10", 0, 0, 0, DeploymentAnnotations.REVISION, "10"),
                rs("r2", 0, 0, 3, DeploymentAnnotations.REVISION, "2"),
                rs("none", 0, 0, 5),
                rs("r2-older", 0, 0, 1, DeploymentAnnotations.REVISION, "2"));
        // numeric, not lexical: 2 before 10
        assertThat(sorted(rss, ReplicaSetOrder.BY_REVISION)).containsExactly("none", "r2-older", "r2", "r10");
    }
}
