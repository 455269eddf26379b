package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream {@code TestNewServiceNoPods}, {@code TestPodsAdded}, {@code TestPodsUpdated}... (trigger_time_tracker_test.go). */
class TriggerTimeTrackerTest {
    private final TriggerTimeTracker tracker = new TriggerTimeTracker();
    private final Service svc = TestPods.service();

    private static Pod readyAt(String name, String time) {
        return TestPods.pod(name, "10.0.0.1", true).editStatus().editFirstCondition().withLastTransitionTime(time).endCondition().endStatus().build();
    }

    @Test
    void aNewServiceReportsItsCreationTime() {
        assertThat(tracker.compute("ns", svc, List.of())).contains(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(tracker.compute("ns", svc, List.of())).as("nothing changed since").isEmpty();
    }

    @Test
    void reportsTheEarliestTriggerThatMovedSinceTheLastSync() {
        tracker.compute("ns", svc, List.of(readyAt("a", "2024-01-01T00:00:10Z")));
        assertThat(tracker.compute("ns", svc, List.of(readyAt("a", "2024-01-01T00:00:10Z"), readyAt("b", "2024-01-01T00:00:30Z"),
                readyAt("c", "2024-01-01T00:00:20Z")))).contains(Instant.parse("2024-01-01T00:00:20Z"));
        assertThat(tracker.compute("ns", svc, List.of(readyAt("a", "2024-01-01T00:00:40Z"), readyAt("b", "2024-01-01T00:00:30Z"))))
                .contains(Instant.parse("2024-01-01T00:00:40Z"));
        assertThat(tracker.compute("ns", svc, List.of(readyAt("a", "2024-01-01T00:00:40Z")))).as("a pod removed is no trigger").isEmpty();
    }

    @Test
    void aDeletedServiceStartsOver() {
        tracker.compute("ns", svc, List.of());
        tracker.deleteService("ns", "web");
        assertThat(tracker.compute("ns", svc, List.of())).contains(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({"2024-01-01T00:00:00Z, 2024-01-01T00:00:00Z", "2024-01-01T00:00:00.500Z, 2024-01-01T00:00:00.5Z",
            "2024-01-01T00:00:00.123456Z, 2024-01-01T00:00:00.123456Z"})
    void formatsAsGoRfc3339Nano(String in, String out) {
        assertThat(TriggerTimeTracker.format(Instant.parse(in))).isEqualTo(out);
    }
}
