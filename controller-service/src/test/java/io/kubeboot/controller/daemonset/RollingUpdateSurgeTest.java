package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.controller.daemonset.Fixtures.node;
import static io.kubeboot.controller.daemonset.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The surge branch of upstream {@code rollingUpdate} and {@code podsShouldBeOnNode}, modelled on update_test.go's
 * TestDaemonSetUpdatesPodsWithMaxSurge / ...NoReady... cases: with maxSurge the new pod comes first.
 */
class RollingUpdateSurgeTest {
    private static final Instant NOW = Instant.parse("2020-01-01T01:00:00Z");
    private static final String T = "2020-01-01T00:00:00Z";
    private static final String LATER = "2020-01-01T00:30:00Z";
    private static final List<Node> NODES = List.of(node("n1", Map.of()), node("n2", Map.of()), node("n3", Map.of()));

    static DaemonSet surge(String maxSurge) {
        IntOrString s = maxSurge.endsWith("%") ? new IntOrString(maxSurge) : new IntOrString(Integer.parseInt(maxSurge));
        return new DaemonSetBuilder(Fixtures.simple()).editSpec().editUpdateStrategy().editRollingUpdate()
                .withMaxSurge(s).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endUpdateStrategy().endSpec().build();
    }

    private static Map<String, List<Pod>> onNodes(Pod... pods) {
        Map<String, List<Pod>> m = new LinkedHashMap<>();
        for (Pod p : pods) {
            m.computeIfAbsent(p.getSpec().getNodeName(), k -> new ArrayList<>()).add(p);
        }
        return m;
    }

    static Stream<Arguments> plan() {
        return Stream.of(
                arguments("all old and available: one new pod next to an old one", "1",
                        onNodes(pod("o1", "n1", "old", T, true), pod("o2", "n2", "old", T, true), pod("o3", "n3", "old", T, true)),
                        List.of(), List.of("n1")),
                arguments("maxSurge 2 surges on two nodes", "2",
                        onNodes(pod("o1", "n1", "old", T, true), pod("o2", "n2", "old", T, true), pod("o3", "n3", "old", T, true)),
                        List.of(), List.of("n1", "n2")),
                arguments("percent rounds up", "34%",
                        onNodes(pod("o1", "n1", "old", T, true), pod("o2", "n2", "old", T, true), pod("o3", "n3", "old", T, true)),
                        List.of(), List.of("n1", "n2")),
                arguments("new pod not yet available: wait, nothing deleted, budget used", "1",
                        onNodes(pod("o1", "n1", "old", T, true), pod("x1", "n1", "new", LATER, false),
                                pod("o2", "n2", "old", T, true), pod("o3", "n3", "old", T, true)),
                        List.of(), List.of()),
                arguments("new pod available: old one deleted, next node surges", "1",
                        onNodes(pod("o1", "n1", "old", T, true), pod("x1", "n1", "new", LATER, true),
                                pod("o2", "n2", "old", T, true), pod("o3", "n3", "old", T, true)),
                        List.of("o1"), List.of("n2")),
                // replacements of unavailable pods do not use up the surge budget
                arguments("unavailable old pods are replaced at once, beyond maxSurge", "1",
                        onNodes(pod("o1", "n1", "old", T, false), pod("o2", "n2", "old", T, false), pod("o3", "n3", "old", T, true)),
                        List.of(), List.of("n1", "n2", "n3")),
                arguments("a node with too many pods counts as surging", "1",
                        onNodes(pod("o1", "n1", "old", T, true), pod("o1b", "n1", "old", LATER, true),
                                pod("o2", "n2", "old", T, true), pod("o3", "n3", "old", T, true)),
                        List.of(), List.of()),
                arguments("all updated: nothing to do", "1",
                        onNodes(pod("x1", "n1", "new", T, true), pod("x2", "n2", "new", T, true), pod("x3", "n3", "new", T, true)),
                        List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void plan(String name, String maxSurge, Map<String, List<Pod>> byNode, List<String> deletes, List<String> creates) {
        RollingUpdate.Plan plan = RollingUpdate.plan(surge(maxSurge), NODES, byNode, "new", NOW);
        assertThat(plan.podsToDelete()).containsExactlyElementsOf(deletes);
        assertThat(plan.nodesToCreate()).containsExactlyElementsOf(creates);
    }

    @ParameterizedTest
    @CsvSource({"1, true", "0, false", "10%, true", "0%, false"})
    void allowsSurge(String maxSurge, boolean expected) {
        assertThat(RollingUpdate.allowsSurge(surge(maxSurge))).isEqualTo(expected);
    }

    static Stream<Arguments> surgeExcessPods() {
        return Stream.of(
                arguments("old ready, new not available: both stay",
                        List.of(pod("o", "n1", "old", T, true), pod("x", "n1", "new", LATER, false)), List.of()),
                arguments("new available: the old one goes",
                        List.of(pod("o", "n1", "old", T, true), pod("x", "n1", "new", LATER, true)), List.of("o")),
                arguments("old not ready: it goes even before the new one is available",
                        List.of(pod("o", "n1", "old", T, false), pod("x", "n1", "new", LATER, false)), List.of("o")),
                arguments("beyond the oldest old and new: the rest go",
                        List.of(pod("o", "n1", "old", T, true), pod("o2", "n1", "old", LATER, true),
                                pod("x", "n1", "new", T, false), pod("x2", "n1", "new", LATER, false)), List.of("o2", "x2")),
                arguments("two old pods: the younger goes",
                        List.of(pod("o2", "n1", "old", LATER, true), pod("o", "n1", "old", T, true)), List.of("o2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void surgeExcessPods(String name, List<Pod> running, List<String> expected) {
        assertThat(RollingUpdate.surgeExcessPods(running, "new", 0, NOW)).containsExactlyInAnyOrderElementsOf(expected);
    }
}
