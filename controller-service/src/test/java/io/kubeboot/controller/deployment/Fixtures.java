package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/** Deployments and ReplicaSets for the table tests (upstream's generateDeployment / generateRS). */
final class Fixtures {
    private Fixtures() {
    }

    static Deployment deployment(int replicas, int maxSurge, int maxUnavailable) {
        return new DeploymentBuilder().withNewMetadata().withName("nginx").withNamespace("ns").withUid("d-uid")
                .withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "nginx").endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString(maxSurge))
                .withMaxUnavailable(new IntOrString(maxUnavailable)).endRollingUpdate().endStrategy()
                .withProgressDeadlineSeconds(600).withRevisionHistoryLimit(10)
                .withNewTemplate().withNewMetadata().addToLabels("app", "nginx").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx").endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    /** A ReplicaSet with spec/status replicas, created at second {@code createdAt} of 2024-01-01, with annotations. */
    static ReplicaSet rs(String name, int replicas, int available, int createdAt, String... annotations) {
        Map<String, String> ann = new LinkedHashMap<>();
        for (int i = 0; i + 1 < annotations.length; i += 2) {
            ann.put(annotations[i], annotations[i + 1]);
        }
        return new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid(name + "-uid")
                .withCreationTimestamp(String.format("2024-01-01T00:00:%02dZ", createdAt)).withAnnotations(ann).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withReplicas(replicas).withAvailableReplicas(available).withReadyReplicas(available).endStatus()
                .build();
    }
}
