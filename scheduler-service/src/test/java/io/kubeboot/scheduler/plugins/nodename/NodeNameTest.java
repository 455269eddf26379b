package io.kubeboot.scheduler.plugins.nodename;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream node_name_test.go TestNodeName. */
class NodeNameTest {
    private final NodeName plugin = new NodeName(Map.of(), null);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "no host specified, null, foo, true",
            "host matches, foo, foo, true",
            "host doesn't match, bar, foo, false",
            "empty host is no host, '', foo, true"})
    void filter(String name, String podNodeName, String nodeName, boolean fits) {
        PodInfo pod = PodInfo.of(new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(podNodeName).endSpec().build());
        NodeInfo node = NodeInfo.of(new NodeBuilder().withNewMetadata().withName(nodeName).endMetadata().build());
        Status want = fits ? Status.success() : Status.unresolvable("node(s) didn't match the requested node name");
        assertThat(plugin.filter(new CycleState(), pod, node)).isEqualTo(want);
    }

    @Test
    void onlyNewNodesCanHelp() {
        assertThat(plugin.eventsToRegister()).anyMatch(e -> e.covers(ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD)))
                .noneMatch(e -> e.covers(ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.DELETE)));
    }
}
