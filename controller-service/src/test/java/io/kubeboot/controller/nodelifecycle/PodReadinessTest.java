package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** After upstream's TestMarkPodsNotReady: only a Ready condition that is not False yet is written. */
class PodReadinessTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    private static Pod pod(String readyStatus) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata()
                .withNewSpec().withNodeName("node0").endSpec();
        if (readyStatus == null) {
            return b.withNewStatus().addNewCondition().withType("PodScheduled").withStatus("True").endCondition().endStatus().build();
        }
        return b.withNewStatus()
                .addToConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("True").build())
                .addToConditions(new PodConditionBuilder().withType("Ready").withStatus(readyStatus)
                        .withLastTransitionTime("2024-01-01T00:00:00Z").build())
                .endStatus().build();
    }

    @Test
    void aReadyPodBecomesNotReadyWithANewTransitionTime() {
        Pod ready = pod("True");

        Pod marked = PodReadiness.markedNotReady(ready, NOW).orElseThrow();

        assertThat(marked.getStatus().getConditions()).hasSize(2);
        assertThat(marked.getStatus().getConditions().get(1).getStatus()).isEqualTo("False");
        assertThat(marked.getStatus().getConditions().get(1).getLastTransitionTime()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(marked.getStatus().getConditions().get(0).getStatus()).isEqualTo("True");
        assertThat(ready.getStatus().getConditions().get(1).getStatus()).as("the cached pod is not modified").isEqualTo("True");
    }

    @Test
    void podsAlreadyNotReadyOrWithoutReadyConditionAreLeftAlone() {
        assertThat(PodReadiness.markedNotReady(pod("False"), NOW)).isEmpty();
        assertThat(PodReadiness.markedNotReady(pod(null), NOW)).isEmpty();
        assertThat(PodReadiness.markedNotReady(pod("Unknown"), NOW)).isPresent();
    }
}
