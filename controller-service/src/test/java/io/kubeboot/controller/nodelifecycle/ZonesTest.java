package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Zone states and tainting rates, after upstream's TestMonitorNodeHealthEvictPodsWithDisruption and ComputeZoneState. */
class ZonesTest {
    private static final float QPS = 0.1f;
    private static final float SECONDARY = 0.01f;

    private static List<NodeCondition> ready(String... statuses) {
        List<NodeCondition> out = new ArrayList<>();
        for (String s : statuses) {
            out.add(s == null ? null : new NodeConditionBuilder().withType("Ready").withStatus(s).build());
        }
        return out;
    }

    static Stream<Arguments> zoneStateCases() {
        return Stream.of(
                Arguments.of("all ready", ready("True", "True", "True"), 0, ZoneState.NORMAL),
                Arguments.of("none ready", ready("False", "Unknown"), 2, ZoneState.FULL_DISRUPTION),
                Arguments.of("a missing condition counts as not ready", ready(null, "False"), 2, ZoneState.FULL_DISRUPTION),
                Arguments.of("3 of 5 not ready is 60% >= 55%", ready("True", "True", "False", "False", "Unknown"), 3, ZoneState.PARTIAL_DISRUPTION),
                Arguments.of("2 not ready never partial", ready("True", "False", "False"), 2, ZoneState.NORMAL),
                Arguments.of("3 of 6 not ready is 50% < 55%", ready("True", "True", "True", "False", "False", "False"), 3, ZoneState.NORMAL),
                Arguments.of("empty zone", ready(), 0, ZoneState.NORMAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zoneStateCases")
    void computeZoneState(String name, List<NodeCondition> conditions, int unhealthy, ZoneState state) {
        assertThat(Zones.computeZoneState(conditions, 0.55f)).isEqualTo(new Zones.Verdict(unhealthy, state));
    }

    @Test
    void zoneKeyPrefersBetaLabelsAndIsEmptyWithoutTopology() {
        assertThat(Zones.zoneKey(new NodeBuilder().withNewMetadata().withName("n").endMetadata().build())).isEmpty();
        assertThat(Zones.zoneKey(new NodeBuilder().withNewMetadata().withName("n").withLabels(Map.of(
                "topology.kubernetes.io/region", "r1", "topology.kubernetes.io/zone", "z1")).endMetadata().build()))
                .isEqualTo("r1:\0:z1");
        assertThat(Zones.zoneKey(new NodeBuilder().withNewMetadata().withName("n").withLabels(Map.of(
                "failure-domain.beta.kubernetes.io/zone", "old", "topology.kubernetes.io/zone", "new")).endMetadata().build()))
                .isEqualTo(":\0:old");
    }

    private static final class Recorder implements Zones.DisruptionActions {
        int markedReachable;
        int resets;

        @Override
        public void markAllNodesReachable() {
            markedReachable++;
        }

        @Override
        public void resetProbeTimestamps() {
            resets++;
        }
    }

    private static Zones zones(String... names) {
        Zones z = new Zones(QPS, SECONDARY, 50, 0.55f, () -> 0L);
        Arrays.stream(names).forEach(z::addIfNew);
        return z;
    }

    private static List<NodeCondition> many(int readyCount, int notReadyCount) {
        List<NodeCondition> out = new ArrayList<>();
        for (int i = 0; i < readyCount; i++) {
            out.addAll(ready("True"));
        }
        for (int i = 0; i < notReadyCount; i++) {
            out.addAll(ready("Unknown"));
        }
        return out;
    }

    @Test
    void newZonesStartInitialWithTheNormalRate() {
        Zones z = zones("a");
        assertThat(z.state("a")).isEqualTo(ZoneState.INITIAL);
        assertThat(z.tainter("a").qps()).isEqualTo(QPS);
    }

    @Test
    void partialDisruptionStopsTaintingInSmallZonesAndSlowsItInLargeOnes() {
        Zones z = zones("small", "large", "ok");
        Recorder r = new Recorder();
        Map<String, List<NodeCondition>> m = new HashMap<>();
        m.put("small", many(1, 3));
        m.put("large", many(10, 50));
        m.put("ok", many(3, 0));

        z.handleDisruption(m, r);

        assertThat(z.states()).containsEntry("small", ZoneState.PARTIAL_DISRUPTION)
                .containsEntry("large", ZoneState.PARTIAL_DISRUPTION).containsEntry("ok", ZoneState.NORMAL);
        assertThat(z.tainter("small").qps()).isEqualTo(0f);
        assertThat(z.tainter("large").qps()).isEqualTo(SECONDARY);
        assertThat(z.tainter("ok").qps()).isEqualTo(QPS);
        assertThat(r.markedReachable).isZero();

        // back to normal: the normal rate again
        m.put("small", many(4, 0));
        z.handleDisruption(m, r);
        assertThat(z.state("small")).isEqualTo(ZoneState.NORMAL);
        assertThat(z.tainter("small").qps()).isEqualTo(QPS);
    }

    @Test
    void oneFullyDisruptedZoneAmongHealthyOnesKeepsTheNormalRate() {
        Zones z = zones("down", "up");
        Recorder r = new Recorder();

        z.handleDisruption(Map.of("down", many(0, 2), "up", many(2, 0)), r);

        assertThat(z.state("down")).isEqualTo(ZoneState.FULL_DISRUPTION);
        assertThat(z.tainter("down").qps()).isEqualTo(QPS);
        assertThat(r.markedReachable).isZero();
    }

    @Test
    void allZonesFullyDisruptedStopsTaintingAndUntaintsUntilSomeNodeIsReadyAgain() {
        Zones z = zones("a", "b");
        Recorder r = new Recorder();
        z.handleDisruption(Map.of("a", many(1, 0), "b", many(1, 0)), r);

        z.handleDisruption(Map.of("a", many(0, 1), "b", many(0, 3)), r);

        assertThat(r.markedReachable).isEqualTo(1);
        assertThat(z.states()).containsOnly(Map.entry("a", ZoneState.FULL_DISRUPTION), Map.entry("b", ZoneState.FULL_DISRUPTION));
        assertThat(z.tainter("a").qps()).isEqualTo(0f);
        assertThat(z.tainter("b").qps()).isEqualTo(0f);

        // still all down: nothing more happens
        z.handleDisruption(Map.of("a", many(0, 1), "b", many(0, 3)), r);
        assertThat(r.markedReachable).isEqualTo(1);
        assertThat(r.resets).isZero();

        // one node back: probes reset (kubelets get a full grace period), rates from the new states
        z.handleDisruption(Map.of("a", many(1, 0), "b", many(0, 3)), r);
        assertThat(r.resets).isEqualTo(1);
        assertThat(z.state("a")).isEqualTo(ZoneState.NORMAL);
        assertThat(z.state("b")).isEqualTo(ZoneState.FULL_DISRUPTION);
        assertThat(z.tainter("a").qps()).isEqualTo(QPS);
        assertThat(z.tainter("b").qps()).isEqualTo(QPS);
    }

    @Test
    void reducedRateDependsOnTheLargeClusterThreshold() {
        Zones z = zones();
        assertThat(z.reducedQps(50)).isEqualTo(0f);
        assertThat(z.reducedQps(51)).isEqualTo(SECONDARY);
        assertThat(z.healthyQps(1)).isEqualTo(QPS);
    }
}
