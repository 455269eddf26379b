package io.kubeboot.controller.tainteviction;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** UpdatePodCondition semantics for the DisruptionTarget condition (upstream's TestUpdatePodCondition cases). */
class DisruptionTargetTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void theConditionIsAddedWithTheTaintManagersReasonAndMessage() {
        PodStatus status = new PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().build();

        PodStatus next = DisruptionTarget.withCondition(status, DisruptionTarget.condition(NOW)).orElseThrow();

        assertThat(next.getConditions()).hasSize(2);
        PodCondition c = next.getConditions().get(1);
        assertThat(c.getType()).isEqualTo("DisruptionTarget");
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getReason()).isEqualTo("DeletionByTaintManager");
        assertThat(c.getMessage()).isEqualTo("Taint manager: deleting due to NoExecute taint");
        assertThat(c.getLastTransitionTime()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(status.getConditions()).as("the input is not modified").hasSize(1);
    }

    @Test
    void anEqualConditionIsNoChangeAndAnotherStatusReplacesIt() {
        PodStatus has = new PodStatusBuilder().addToConditions(DisruptionTarget.condition(NOW.minusSeconds(60))).build();
        assertThat(DisruptionTarget.withCondition(has, DisruptionTarget.condition(NOW))).as("same status keeps its transition time").isEmpty();

        PodStatus other = new PodStatusBuilder().addToConditions(new PodConditionBuilder().withType("DisruptionTarget")
                .withStatus("False").withReason("X").withLastTransitionTime("2024-01-01T00:00:00Z").build()).build();
        PodStatus next = DisruptionTarget.withCondition(other, DisruptionTarget.condition(NOW)).orElseThrow();
        assertThat(next.getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getLastTransitionTime()).isEqualTo("2024-05-01T10:00:00Z");
        });
    }
}
