package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kubeboot.controller.daemonset.Fixtures.node;
import static io.kubeboot.controller.daemonset.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

/** Modelled on upstream update_test.go (TestDaemonSetUpdatesPods, ...Unavailable...) and TestUpdateDaemonSetStatus. */
class RollingUpdateTest {
    private static final Instant NOW = Instant.parse("2020-01-01T01:00:00Z");
    private static final String T = "2020-01-01T00:00:00Z";
    private static final List<Node> NODES = List.of(node("n1", Map.of()), node("n2", Map.of()), node("n3", Map.of()), node("n4", Map.of()));

    private static Map<String, List<Pod>> onNodes(Pod... pods) {
        Map<String, List<Pod>> m = new LinkedHashMap<>();
        for (Pod p : pods) {
            m.computeIfAbsent(p.getSpec().getNodeName(), k -> new java.util.ArrayList<>()).add(p);
        }
        return m;
    }

    @Test
    void deletesOneAvailableOldPodAtATimeWithMaxUnavailableOne() {
        DaemonSet ds = Fixtures.simple();
        var byNode = onNodes(pod("p1", "n1", "old", T, true), pod("p2", "n2", "old", T, true),
                pod("p3", "n3", "old", T, true), pod("p4", "n4", "old", T, true));
        assertThat(RollingUpdate.oldPodsToDelete(ds, NODES, byNode, "new", NOW)).hasSize(1);
    }

    @Test
    void anUnavailableNewPodUsesUpTheBudget() {
        DaemonSet ds = Fixtures.simple();
        var byNode = onNodes(pod("p1", "n1", "new", T, false), pod("p2", "n2", "old", T, true),
                pod("p3", "n3", "old", T, true), pod("p4", "n4", "old", T, true));
        assertThat(RollingUpdate.oldPodsToDelete(ds, NODES, byNode, "new", NOW)).isEmpty();
    }

    @Test
    void unavailableOldPodsAreAlwaysReplaced() {
        DaemonSet ds = Fixtures.simple();
        var byNode = onNodes(pod("p1", "n1", "old", T, false), pod("p2", "n2", "old", T, false),
                pod("p3", "n3", "old", T, true), pod("p4", "n4", "old", T, true));
        assertThat(RollingUpdate.oldPodsToDelete(ds, NODES, byNode, "new", NOW)).containsExactlyInAnyOrder("p1", "p2");
    }

    @Test
    void aNodeWithoutPodCountsAsUnavailable() {
        DaemonSet ds = Fixtures.simple();
        var byNode = onNodes(pod("p2", "n2", "old", T, true), pod("p3", "n3", "old", T, true), pod("p4", "n4", "old", T, true));
        assertThat(RollingUpdate.oldPodsToDelete(ds, NODES, byNode, "new", NOW)).isEmpty();
    }

    @Test
    void percentMaxUnavailableIsScaledUp() {
        DaemonSet ds = Fixtures.ds("foo").editSpec().editUpdateStrategy().editRollingUpdate()
                .withMaxUnavailable(new IntOrString("50%")).endRollingUpdate().endUpdateStrategy().endSpec().build();
        var byNode = onNodes(pod("p1", "n1", "old", T, true), pod("p2", "n2", "old", T, true),
                pod("p3", "n3", "old", T, true), pod("p4", "n4", "old", T, true));
        assertThat(RollingUpdate.oldPodsToDelete(ds, NODES, byNode, "new", NOW)).hasSize(2);
    }

    @Test
    void minReadySecondsDelaysAvailability() {
        DaemonSet ds = Fixtures.ds("foo").editSpec().withMinReadySeconds(7200).endSpec().build();
        // ready an hour, not yet available: replaced regardless of the budget
        var byNode = onNodes(pod("p1", "n1", "old", T, true), pod("p2", "n2", "old", T, true));
        assertThat(RollingUpdate.oldPodsToDelete(ds, NODES.subList(0, 2), byNode, "new", NOW)).containsExactlyInAnyOrder("p1", "p2");
    }

    @Test
    void statusCountsDesiredCurrentReadyAvailableUpdatedAndMisscheduled() {
        DaemonSet ds = Fixtures.ds("foo").editSpec().editTemplate().editSpec().withNodeSelector(Map.of("run", "yes"))
                .endSpec().endTemplate().endSpec().build();
        List<Node> nodes = List.of(node("n1", Map.of("run", "yes")), node("n2", Map.of("run", "yes")),
                node("n3", Map.of("run", "yes")), node("n4", Map.of()));
        var byNode = onNodes(pod("p1", "n1", "new", T, true), pod("p2", "n2", "old", T, false), pod("p4", "n4", "new", T, true));
        var c = DaemonSetStatusCalculator.calculate(ds, nodes, byNode, "new", NOW);
        assertThat(c).isEqualTo(new DaemonSetStatusCalculator.Counts(3, 2, 1, 1, 1, 1, 2));
    }
}
