package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capacity from the host or the configured overrides; allocatable is capacity less the default hard eviction
 * thresholds (memory 100Mi, nodefs 10% computed with a float32 0.1 as upstream), as upstream's
 * TestGetNodeAllocatable* and the MachineInfo setter cases.
 */
class NodeCapacityTest {
    static final HostInfo HOST = new HostInfo("m", "u", "b", "5.15.0", "Debian", 8, 16730923008L);

    record Case(String name, String cpu, String memory, int maxPods, long ephemeral, Map<String, String> capacity,
                Map<String, String> allocatable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("host values", null, null, 110, 105088212992L,
                        Map.of("cpu", "8", "memory", "16338792Ki", "pods", "110", "ephemeral-storage", "102625208Ki",
                                "hugepages-1Gi", "0", "hugepages-2Mi", "0"),
                        Map.of("cpu", "8", "memory", "16236392Ki", "pods", "110", "ephemeral-storage", "94579391537",
                                "hugepages-1Gi", "0", "hugepages-2Mi", "0")),
                new Case("configured cpu and memory", "3500m", "4Gi", 20, 1000000000L,
                        Map.of("cpu", "3500m", "memory", "4Gi", "pods", "20", "ephemeral-storage", "1000000000",
                                "hugepages-1Gi", "0", "hugepages-2Mi", "0"),
                        Map.of("cpu", "3500m", "memory", "3996Mi", "pods", "20", "ephemeral-storage", "899999999",
                                "hugepages-1Gi", "0", "hugepages-2Mi", "0")),
                new Case("memory below the eviction threshold allocates nothing", "1", "64Mi", 1, 0,
                        Map.of("cpu", "1", "memory", "64Mi", "pods", "1", "ephemeral-storage", "0",
                                "hugepages-1Gi", "0", "hugepages-2Mi", "0"),
                        Map.of("cpu", "1", "memory", "0", "pods", "1", "ephemeral-storage", "0",
                                "hugepages-1Gi", "0", "hugepages-2Mi", "0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void computesCapacityAndAllocatable(Case c) {
        NodeCapacity.Resources r = NodeCapacity.compute(HOST, c.cpu(), c.memory(), c.maxPods(), c.ephemeral());
        assertThat(strings(r.capacity())).isEqualTo(new TreeMap<>(c.capacity()));
        assertThat(strings(r.allocatable())).isEqualTo(new TreeMap<>(c.allocatable()));
        assertThat(new java.util.ArrayList<>(r.capacity().keySet())).as("sorted as Go writes maps").isSorted();
    }

    private static Map<String, String> strings(Map<String, Quantity> q) {
        Map<String, String> out = new TreeMap<>();
        q.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }
}
