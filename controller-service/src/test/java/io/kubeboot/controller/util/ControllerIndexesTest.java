package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerIndexesTest {
    private static Pod pod(String ns, Boolean controller, String uid) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("p").withNamespace(ns).endMetadata();
        if (uid != null) {
            b.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                    .withName("rs").withUid(uid).withController(controller).build()).endMetadata();
        }
        return b.build();
    }

    private static ReplicaSet replicaSet(String ns, String deploymentUid) {
        ReplicaSetBuilder b = new ReplicaSetBuilder().withNewMetadata().withName("rs").withNamespace(ns).endMetadata();
        if (deploymentUid != null) {
            b.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                    .withName("d").withUid(deploymentUid).withController(true).build()).endMetadata();
        }
        return b.build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("controlled pod: its controller's uid", pod("a", true, "u1"), List.of("u1")),
                Arguments.of("no owner: an orphan of its namespace", pod("a", null, null), List.of("orphan/a")),
                Arguments.of("owner that is not the controller: still an orphan", pod("b", false, "u2"), List.of("orphan/b")),
                Arguments.of("any kind: a ReplicaSet controlled by its Deployment", replicaSet("c", "d1"), List.of("d1")),
                Arguments.of("any kind: an orphaned ReplicaSet", replicaSet("c", null), List.of("orphan/c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void indexKeys(String name, HasMetadata object, List<String> keys) {
        assertThat(ControllerIndexes.keys(object)).isEqualTo(keys);
    }
}
