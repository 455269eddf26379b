package io.kubeboot.scheduler.plugins.nodeunschedulable;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Upstream node_unschedulable_test.go TestNodeUnschedulable. */
class NodeUnschedulableTest {
    private final NodeUnschedulable plugin = new NodeUnschedulable(Map.of(), null);

    private static Pod pod(Toleration... tolerations) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
                .withNewSpec().withTolerations(tolerations).endSpec().build();
    }

    private static Node node(Boolean unschedulable) {
        return new NodeBuilder().withNewMetadata().withName("n").endMetadata()
                .withNewSpec().withUnschedulable(unschedulable).endSpec().build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)",
                        pod(), node(true), Status.unresolvable("node(s) were unschedulable")),
                arguments("Schedule pod to normal node", pod(), node(false), Status.success()),
                arguments("Schedule pod to a node without spec.unschedulable", pod(), node(null), Status.success()),
                arguments("Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)",
                        pod(new Toleration("NoSchedule", "node.kubernetes.io/unschedulable", null, null, null)),
                        node(true), Status.success()),
                arguments("An Exists toleration for every key also tolerates the unschedulable taint",
                        pod(new Toleration(null, null, "Exists", null, null)), node(true), Status.success()),
                arguments("A toleration for another effect does not help",
                        pod(new Toleration("NoExecute", "node.kubernetes.io/unschedulable", "Exists", null, null)),
                        node(true), Status.unresolvable("node(s) were unschedulable")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(String name, Pod pod, Node node, Status want) {
        assertThat(plugin.filter(new CycleState(), PodInfo.of(pod), NodeInfo.of(node))).isEqualTo(want);
    }

    @Test
    void retriesWhenANodeIsAddedOrItsTaintsChange() {
        assertThat(plugin.eventsToRegister()).anyMatch(e -> e.covers(ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD)))
                .anyMatch(e -> e.covers(ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.UPDATE_NODE_TAINT)))
                .noneMatch(e -> e.covers(ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.DELETE)));
    }
}
