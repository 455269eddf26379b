package io.kubeboot.node.nodestatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The labels of registration: upstream's initialNode labels and the TestUpdateDefaultLabels cases. */
class NodeRegistrationTest {
    static final Map<String, String> INITIAL = Map.of(
            "kubernetes.io/hostname", "new-hostname",
            "topology.kubernetes.io/zone", "new-zone-failure-domain",
            "topology.kubernetes.io/region", "new-zone-region",
            "node.kubernetes.io/instance-type", "new-instance-type",
            "kubernetes.io/os", "new-os",
            "kubernetes.io/arch", "new-arch");

    record Case(String name, Map<String, String> initial, Map<String, String> existing, Map<String, String> configured,
                Map<String, String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<Case> cases() {
        Map<String, String> old = Map.of(
                "kubernetes.io/hostname", "old-hostname",
                "topology.kubernetes.io/zone", "old-zone-failure-domain",
                "topology.kubernetes.io/region", "old-zone-region",
                "node.kubernetes.io/instance-type", "old-instance-type",
                "kubernetes.io/os", "old-os",
                "kubernetes.io/arch", "old-arch");
        return Stream.of(
                new Case("make sure default labels exist", INITIAL, Map.of(), Map.of(), INITIAL),
                new Case("make sure default labels are up to date", INITIAL, old, Map.of(), INITIAL),
                new Case("make sure existing labels do not get deleted", INITIAL, with(old, "please-persist", "foo"), Map.of(),
                        with(INITIAL, "please-persist", "foo")),
                new Case("make sure existing labels do not get deleted when initial node has no opinion", Map.of(),
                        with(old, "please-persist", "foo"), Map.of(), with(old, "please-persist", "foo")),
                new Case("no update needed", INITIAL, INITIAL, Map.of(), INITIAL),
                new Case("backfill required for new stable labels", INITIAL,
                        Map.of("failure-domain.beta.kubernetes.io/zone", "new-zone-failure-domain",
                                "beta.kubernetes.io/os", "new-os"),
                        Map.of(), with(INITIAL, "failure-domain.beta.kubernetes.io/zone", "new-zone-failure-domain",
                                "beta.kubernetes.io/os", "new-os")),
                new Case("empty initial values remove the label", with(INITIAL, "topology.kubernetes.io/zone", ""),
                        old, Map.of(), withoutZone()),
                new Case("configured labels are added and updated, others kept", INITIAL,
                        with(old, "team", "a", "other", "x"), Map.of("team", "b", "tier", "gold"),
                        with(INITIAL, "team", "b", "other", "x", "tier", "gold")));
    }

    static Map<String, String> withoutZone() {
        Map<String, String> m = new LinkedHashMap<>(INITIAL);
        m.remove("topology.kubernetes.io/zone");
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reconcilesExistingLabels(Case c) {
        assertThat(NodeRegistration.reconcileLabels(c.initial(), c.existing(), c.configured())).isEqualTo(c.expected());
    }

    @Test
    void initialLabelsAreTheKubeletDefaultsPlusConfigured() {
        NodeStatusSettings s = new NodeStatusSettings("Node-A", "127.0.0.2", 10250, Map.of("disk", "ssd"), null, null, 110,
                "/tmp/x", Duration.ofSeconds(10), Duration.ofMinutes(5));
        assertThat(NodeRegistration.initialLabels(s)).isEqualTo(Map.of(
                "kubernetes.io/hostname", "node-a",
                "kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64",
                "beta.kubernetes.io/os", "linux", "beta.kubernetes.io/arch", "amd64",
                "disk", "ssd"));
    }
}
