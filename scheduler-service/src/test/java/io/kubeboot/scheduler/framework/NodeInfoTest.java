package io.kubeboot.scheduler.framework;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields NodeInfo reads from its node once, and the flat sums it keeps beside allocatable and requested. */
class NodeInfoTest {
    private static Node node(String name, boolean unschedulable, String... taintKeys) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withUnschedulable(unschedulable).endSpec()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"),
                        "ephemeral-storage", new Quantity("100Gi"), "pods", new Quantity("110"))).endStatus();
        for (String key : taintKeys) {
            b.editSpec().addToTaints(new TaintBuilder().withKey(key).withEffect("NoSchedule").build()).endSpec();
        }
        return b.build();
    }

    private static Pod pod(String name, String cpu, String memory) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withNewResources()
                .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory))
                .addToRequests("ephemeral-storage", new Quantity("1Gi"))
                .endResources().endContainer().endSpec().build();
    }

    private static void assertFlatCopiesMatch(NodeInfo n) {
        assertThat(n.allocatableMilliCpu()).isEqualTo(n.allocatable().milliCpu());
        assertThat(n.allocatableMemory()).isEqualTo(n.allocatable().memory());
        assertThat(n.allocatableEphemeralStorage()).isEqualTo(n.allocatable().ephemeralStorage());
        assertThat(n.allowedPodNumber()).isEqualTo(n.allocatable().allowedPodNumber());
        assertThat(n.requestedMilliCpu()).isEqualTo(n.requested().milliCpu());
        assertThat(n.requestedMemory()).isEqualTo(n.requested().memory());
        assertThat(n.requestedEphemeralStorage()).isEqualTo(n.requested().ephemeralStorage());
        assertThat(n.podCount()).isEqualTo(n.pods().size());
    }

    @Test
    void flatSumsFollowAddRemoveAndCopy() {
        Pod a = pod("a", "500m", "1Gi");
        Pod b = pod("b", "250m", "512Mi");
        NodeInfo n = NodeInfo.of(node("n1", false), a, b);
        assertFlatCopiesMatch(n);
        assertThat(n.allocatableMilliCpu()).isEqualTo(4000);
        assertThat(n.allowedPodNumber()).isEqualTo(110);
        assertThat(n.requestedMilliCpu()).isEqualTo(750);
        assertThat(n.podCount()).isEqualTo(2);

        NodeInfo copy = n.copy();
        assertThat(n.removePod(a)).isTrue();
        assertFlatCopiesMatch(n);
        assertThat(n.requestedMilliCpu()).isEqualTo(250);
        assertThat(n.podCount()).isEqualTo(1);
        // the copy keeps its own sums
        assertFlatCopiesMatch(copy);
        assertThat(copy.requestedMilliCpu()).isEqualTo(750);
        assertThat(copy.podCount()).isEqualTo(2);
    }

    @Test
    void nodeFieldsAreReadWhenTheNodeIsSetAndReadAgainWhenItChanges() {
        NodeInfo n = new NodeInfo();
        assertThat(n.nodeName()).isNull();
        assertThat(n.unschedulable()).isFalse();
        assertThat(n.taints()).isEmpty();
        assertFlatCopiesMatch(n);

        n.setNode(node("n1", false));
        assertThat(n.nodeName()).isEqualTo("n1");
        assertThat(n.unschedulable()).isFalse();
        assertThat(n.taints()).isEmpty();

        n.setNode(node("n1", true, "dedicated", "gpu"));
        assertThat(n.unschedulable()).isTrue();
        assertThat(n.taints()).extracting(t -> t.getKey()).containsExactly("dedicated", "gpu");
        assertFlatCopiesMatch(n);
        assertThat(n.copy().taints()).isEqualTo(n.taints());
    }
}
