package io.kubeboot.node.nodelease;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The kubelet's lease timing and owner (the client-facing behaviour is in NodeStatusIT and ManyNodesIT). */
class NodeLeaseControllerTest {
    @ParameterizedTest
    @CsvSource({"40, 10000", "4, 1000", "16, 4000", "1, 250"})
    void renewsEveryQuarterOfTheDuration(int durationSeconds, long renewMillis) {
        NodeLeaseController c = new NodeLeaseController(null, "n", durationSeconds, null);
        assertThat(c.renewInterval()).isEqualTo(Duration.ofMillis(renewMillis));
    }

    @org.junit.jupiter.api.Test
    void ownedByTheNodeAsTheKubeletSetsIt() {
        OwnerReference ref = NodeLeaseController.ownerReference(new NodeBuilder().withNewMetadata().withName("n1")
                .withUid("u-1").endMetadata().build());
        assertThat(ref.getApiVersion()).isEqualTo("v1");
        assertThat(ref.getKind()).isEqualTo("Node");
        assertThat(ref.getName()).isEqualTo("n1");
        assertThat(ref.getUid()).isEqualTo("u-1");
        assertThat(ref.getController()).isNull();
    }
}
