package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Port of upstream's TestSortingActivePodsWithRanks (PodDeletionCost and LogarithmicScaleDown on, as in 1.32). */
class ActivePodsWithRanksTest {
    static final Instant NOW = Instant.parse("2025-06-15T12:00:00.123456789Z");
    static final Instant THEN_1_MONTH = NOW.atZone(ZoneOffset.UTC).minusMonths(1).toInstant();
    static final Instant THEN_2_HOURS = NOW.minus(Duration.ofHours(2));
    static final Instant THEN_5_HOURS = NOW.minus(Duration.ofHours(5));
    static final Instant THEN_8_HOURS = NOW.minus(Duration.ofHours(8));

    static Pod pod(String name, String node, String phase, boolean ready, int restarts, Instant readySince, Instant created,
                   Map<String, String> annotations) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name)
                .withCreationTimestamp(created == null ? null : created.toString()).withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(node.isEmpty() ? null : node).endSpec()
                .withNewStatus().withPhase(phase).endStatus();
        if (ready) {
            b.editStatus().addNewCondition().withType("Ready").withStatus("True")
                    .withLastTransitionTime(readySince == null ? null : readySince.toString()).endCondition()
                    .addNewContainerStatus().withRestartCount(restarts).endContainerStatus().endStatus();
        }
        return b.build();
    }

    static final Pod UNSCHEDULED = pod("unscheduled", "", "Pending", false, 0, null, null, null);
    static final Pod SCHEDULED_PENDING = pod("pending", "node", "Pending", false, 0, null, null, null);
    static final Pod UNKNOWN_PHASE = pod("unknown-phase", "node", "Unknown", false, 0, null, null, null);
    static final Pod RUNNING_NOT_READY = pod("not-ready", "node", "Running", false, 0, null, null, null);
    static final Pod READY_NO_LAST_TRANSITION = pod("ready-no-last-transition-time", "node", "Running", true, 0, null, null, null);
    static final Pod READY_NOW = pod("ready-now", "node", "Running", true, 0, NOW, NOW, null);
    static final Pod READY_THEN = pod("ready-then", "node", "Running", true, 0, THEN_1_MONTH, THEN_1_MONTH, null);
    static final Pod READY_NOW_HIGH_RESTARTS = pod("ready-high-restarts", "node", "Running", true, 9001, NOW, NOW, null);
    static final Pod READY_NOW_CREATED_THEN = pod("ready-now-created-then", "node", "Running", true, 0, NOW, THEN_1_MONTH, null);
    static final Pod LOW_DELETION_COST = pod("low-deletion-cost", "node", "Running", true, 0, NOW, THEN_1_MONTH,
            Map.of(ActivePodsWithRanks.POD_DELETION_COST, "10"));
    static final Pod HIGH_DELETION_COST = pod("high-deletion-cost", "node", "Running", true, 0, NOW, THEN_1_MONTH,
            Map.of(ActivePodsWithRanks.POD_DELETION_COST, "100"));
    static final Pod UNSCHEDULED_5_HOURS = pod("unscheduled-5-hours", "", "Pending", false, 0, THEN_5_HOURS, THEN_5_HOURS, null);
    static final Pod UNSCHEDULED_8_HOURS = pod("unscheduled-10-hours", "", "Pending", false, 0, THEN_8_HOURS, THEN_8_HOURS, null);
    static final Pod READY_2_HOURS = pod("ready-2-hours", "", "Running", true, 0, THEN_2_HOURS, THEN_1_MONTH, null);
    static final Pod READY_5_HOURS = pod("ready-5-hours", "", "Running", true, 0, THEN_5_HOURS, THEN_1_MONTH, null);
    static final Pod READY_10_HOURS = pod("ready-10-hours", "", "Running", true, 0, THEN_8_HOURS, THEN_1_MONTH, null);

    static Stream<Pod[]> equalPairs() {
        return Stream.of(
                new Pod[] {UNSCHEDULED, UNSCHEDULED},
                new Pod[] {SCHEDULED_PENDING, SCHEDULED_PENDING},
                new Pod[] {UNKNOWN_PHASE, UNKNOWN_PHASE},
                new Pod[] {RUNNING_NOT_READY, RUNNING_NOT_READY},
                new Pod[] {READY_NOW_CREATED_THEN, READY_NOW_CREATED_THEN},
                new Pod[] {READY_NOW, READY_NOW},
                new Pod[] {READY_THEN, READY_THEN},
                new Pod[] {READY_NOW_HIGH_RESTARTS, READY_NOW_HIGH_RESTARTS},
                // same log2 bucket of age, same (empty) uid
                new Pod[] {UNSCHEDULED_5_HOURS, UNSCHEDULED_8_HOURS},
                new Pod[] {READY_5_HOURS, READY_10_HOURS});
    }

    @ParameterizedTest
    @MethodSource("equalPairs")
    void equivalentPodsAreNotLessEitherWay(Pod p1, Pod p2) {
        var a = new ActivePodsWithRanks.Ranked(p1, 1);
        var b = new ActivePodsWithRanks.Ranked(p2, 1);
        assertThat(ActivePodsWithRanks.less(a, b, NOW)).as("%s < %s", p1.getMetadata().getName(), p2.getMetadata().getName()).isFalse();
        assertThat(ActivePodsWithRanks.less(b, a, NOW)).as("%s < %s", p2.getMetadata().getName(), p1.getMetadata().getName()).isFalse();
    }

    record Case(Pod lesser, int lesserRank, Pod greater, int greaterRank) {
        @Override
        public String toString() {
            return lesser.getMetadata().getName() + "@" + lesserRank + " < " + greater.getMetadata().getName() + "@" + greaterRank;
        }
    }

    static List<Case> inequalities() {
        return List.of(
                new Case(UNSCHEDULED, 1, SCHEDULED_PENDING, 2),
                new Case(UNSCHEDULED, 2, SCHEDULED_PENDING, 1),
                new Case(SCHEDULED_PENDING, 1, UNKNOWN_PHASE, 2),
                new Case(UNKNOWN_PHASE, 1, RUNNING_NOT_READY, 2),
                new Case(RUNNING_NOT_READY, 1, READY_NO_LAST_TRANSITION, 1),
                new Case(READY_NO_LAST_TRANSITION, 1, READY_NOW, 1),
                new Case(READY_NOW, 2, READY_NO_LAST_TRANSITION, 1),
                new Case(READY_NOW, 1, READY_THEN, 1),
                new Case(READY_NOW, 2, READY_THEN, 1),
                new Case(READY_NOW_HIGH_RESTARTS, 1, READY_NOW, 1),
                new Case(READY_NOW, 2, READY_NOW_HIGH_RESTARTS, 1),
                new Case(READY_NOW, 1, READY_NOW_CREATED_THEN, 1),
                new Case(READY_NOW_CREATED_THEN, 2, READY_NOW, 1),
                new Case(LOW_DELETION_COST, 2, HIGH_DELETION_COST, 1),
                new Case(READY_2_HOURS, 1, READY_5_HOURS, 1));
    }

    @ParameterizedTest
    @MethodSource("inequalities")
    void lesserPodIsDeletedFirst(Case c) {
        var lesser = new ActivePodsWithRanks.Ranked(c.lesser(), c.lesserRank());
        var greater = new ActivePodsWithRanks.Ranked(c.greater(), c.greaterRank());
        assertThat(ActivePodsWithRanks.less(lesser, greater, NOW)).as("lesser < greater").isTrue();
        assertThat(ActivePodsWithRanks.less(greater, lesser, NOW)).as("greater < lesser").isFalse();
    }

    @Test
    void podsToDeleteRanksByColocatedRelatedPodsAndKeepsTheRest() {
        Pod a = pod("a", "node-1", "Running", true, 0, THEN_1_MONTH, THEN_1_MONTH, null);
        Pod b = pod("b", "node-2", "Running", true, 0, THEN_1_MONTH, THEN_1_MONTH, null);
        Pod c = pod("c", "node-2", "Running", true, 0, THEN_1_MONTH, THEN_1_MONTH, null);
        Pod pending = pod("p", "", "Pending", false, 0, null, NOW, null);
        List<Pod> filtered = List.of(a, b, c, pending);
        // node-2 holds two related pods: its pods go before a's, the unassigned one before all
        assertThat(ActivePodsWithRanks.podsToDelete(filtered, filtered, 2, NOW)).extracting(p -> p.getMetadata().getName())
                .containsExactly("p", "b");
        assertThat(ActivePodsWithRanks.podsToDelete(filtered, filtered, 4, NOW)).hasSize(4);
    }
}
