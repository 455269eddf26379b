package io.kubeboot.controller.cloud.local;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BackendSelectorTest {
    private static Node node(String name, String ready, String internalIp) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().endStatus();
        if (ready != null) {
            b.editStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
        }
        if (internalIp != null) {
            b.editStatus().addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress().endStatus();
        }
        return b.build();
    }

    @Test
    void roundRobinsOverReadyNodesAtTheirLoopbackAddressElse127001() {
        Map<String, Node> cache = Map.of(
                "a", node("a", "True", "127.0.0.1"),
                "b", node("b", "False", "127.0.0.1"),
                "c", node("c", "True", "10.1.2.3"),
                "d", node("d", "True", "127.0.5.6"));
        BackendSelector s = new BackendSelector(cache::get);
        s.setNodes(List.of(cache.get("a"), cache.get("b"), cache.get("c"), cache.get("d"), node("gone", "True", null)));
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            InetSocketAddress a = s.next(30080).orElseThrow();
            assertThat(a.getPort()).isEqualTo(30080);
            picks.add(a.getHostString());
        }
        // a, c (not loopback: 127.0.0.1), d; b is not ready and "gone" is not in the cache
        assertThat(picks).containsExactly("127.0.0.1", "127.0.0.1", "127.0.5.6", "127.0.0.1", "127.0.0.1", "127.0.5.6");
    }

    @Test
    void noReadyNodeMeansNoBackend() {
        Map<String, Node> cache = Map.of("a", node("a", "Unknown", null), "b", node("b", null, null));
        BackendSelector s = new BackendSelector(cache::get);
        s.setNodes(List.of(cache.get("a"), cache.get("b")));
        assertThat(s.next(30000)).isEqualTo(Optional.empty());
    }

    @Test
    void loopbackAddressNeverLeavesTheHost() {
        assertThat(BackendSelector.loopbackAddress(node("x", "True", "192.168.0.1"))).isEqualTo("127.0.0.1");
        assertThat(BackendSelector.loopbackAddress(node("x", "True", "::1"))).isEqualTo("127.0.0.1");
        assertThat(BackendSelector.loopbackAddress(node("x", "True", "127.1.2.3"))).isEqualTo("127.1.2.3");
        assertThat(BackendSelector.loopbackAddress(null)).isEqualTo("127.0.0.1");
    }
}
