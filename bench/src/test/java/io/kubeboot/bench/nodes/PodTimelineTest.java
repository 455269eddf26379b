package io.kubeboot.bench.nodes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodTimelineTest {
    private static final long T = Instant.parse("2026-11-27T12:00:05Z").toEpochMilli();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1970-01-02T00:00:05Z, 86405000",
            // MicroTime, as Lease renewTime serialises
            "1970-01-02T00:00:05.123456Z, 86405123",
            "'', -1",
            "not a time, -1",
    })
    void parsesRfc3339(String text, long expected) {
        assertThat(PodTimeline.parseMillis(text)).isEqualTo(expected);
    }

    @Test
    void latencyFromCreationAndFromSendAtFirstRunning() {
        PodTimeline t = new PodTimeline();
        t.sent("a", T + 400);
        t.event("ADDED", "a", "2026-11-27T12:00:05Z", "Pending", T + 450);
        t.event("MODIFIED", "a", "2026-11-27T12:00:05Z", "Running", T + 1400);
        // a later event of the running pod (Ready) is not its start
        t.event("MODIFIED", "a", "2026-11-27T12:00:05Z", "Running", T + 2400);

        PodTimeline.Startup s = t.startup(List.of("a"));

        assertThat(s.fromCreation()).containsExactly(1400L);
        assertThat(s.fromSend()).containsExactly(1000L);
        assertThat(s.notRunning()).isZero();
        assertThat(s.batchMillis()).isEqualTo(1000);
    }

    @Test
    void podsNeverRunningAreCountedNotMeasured() {
        PodTimeline t = new PodTimeline();
        t.sent("a", T);
        t.sent("b", T + 10);
        t.event("MODIFIED", "a", "2026-11-27T12:00:05Z", "Running", T + 900);
        t.event("MODIFIED", "b", "2026-11-27T12:00:05Z", "Pending", T + 900);

        PodTimeline.Startup s = t.startup(List.of("a", "b", "never-created"));

        assertThat(s.fromSend()).containsExactly(900L);
        assertThat(s.notRunning()).isEqualTo(2);
        assertThat(s.batchMillis()).isEqualTo(-1);
        assertThat(t.running(List.of("a", "b", "never-created"))).isEqualTo(1);
    }

    @Test
    void batchIsFirstSendToLastRunning() {
        PodTimeline t = new PodTimeline();
        t.sent("a", T + 100);
        t.sent("b", T);
        t.event("MODIFIED", "a", "2026-11-27T12:00:05Z", "Running", T + 1500);
        t.event("MODIFIED", "b", "2026-11-27T12:00:05Z", "Running", T + 800);

        PodTimeline.Startup s = t.startup(List.of("a", "b"));

        assertThat(s.batchMillis()).isEqualTo(1500);
        assertThat(s.fromSend()).containsExactlyInAnyOrder(1400L, 800L);
    }

    @Test
    void deletedEventsMarkPodsGone() {
        PodTimeline t = new PodTimeline();
        t.event("MODIFIED", "a", "2026-11-27T12:00:05Z", "Running", T);
        t.event("DELETED", "a", "2026-11-27T12:00:05Z", "Running", T + 3000);
        t.event("DELETED", "b", "2026-11-27T12:00:05Z", "Succeeded", T + 3500);

        assertThat(t.gone(List.of("a", "b", "c"))).isEqualTo(2);
        assertThat(t.lastGone(List.of("a", "b", "c"))).isEqualTo(T + 3500);
        assertThat(t.lastGone(List.of("c"))).isEqualTo(-1);
        // a DELETED event with phase Running is not a (late) start
        assertThat(t.startup(List.of("b")).notRunning()).isEqualTo(1);
    }
}
