package io.kubeboot.bench.scheduler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PromHistogramTest {
    private static final String NAME = "scheduler_scheduling_attempt_duration_seconds";

    /** Micrometer's exposition: labels sorted, le among them; two profiles and two results. */
    private static String text(long b1, long b2, long b4, long inf) {
        return "# HELP " + NAME + " Scheduling attempt latency\n# TYPE " + NAME + " histogram\n"
                + NAME + "_bucket{application=\"scheduler-service\",le=\"0.001\",profile=\"a\",result=\"scheduled\"} " + b1 + "\n"
                + NAME + "_bucket{application=\"scheduler-service\",le=\"0.002\",profile=\"a\",result=\"scheduled\"} " + b2 + "\n"
                + NAME + "_bucket{application=\"scheduler-service\",le=\"0.004\",profile=\"a\",result=\"scheduled\"} " + b4 + "\n"
                + NAME + "_bucket{application=\"scheduler-service\",le=\"+Inf\",profile=\"a\",result=\"scheduled\"} " + inf + "\n"
                + NAME + "_bucket{application=\"scheduler-service\",le=\"0.001\",profile=\"a\",result=\"unschedulable\"} 7\n"
                + NAME + "_bucket{application=\"scheduler-service\",le=\"+Inf\",profile=\"a\",result=\"unschedulable\"} 9\n"
                + NAME + "_count{application=\"scheduler-service\",profile=\"a\",result=\"scheduled\"} " + inf + "\n"
                + NAME + "_bucket_other{le=\"0.001\",result=\"scheduled\"} 1000\n";
    }

    @ParameterizedTest(name = "q={0}")
    @CsvSource({
            // 100 observations: 10 <= 1 ms, 50 in (1, 2] ms, 30 in (2, 4] ms, 10 above 4 ms
            "0.05, 0.0005",   // in the first bucket, from 0: 0.001 * 5/10
            "0.10, 0.001",
            "0.35, 0.0015",   // 0.001 + 0.001 * (35-10)/50
            "0.60, 0.002",
            "0.75, 0.003",    // 0.002 + 0.002 * (75-60)/30
            "0.99, 0.004",    // in +Inf: the largest finite bound
    })
    void quantileInterpolatesInsideBuckets(double q, double expected) {
        PromHistogram h = PromHistogram.parse(text(10, 60, 90, 100), NAME, Map.of("result", "scheduled"));
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.quantile(q)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void differenceOfTwoReadingsIsWhatHappenedBetween() {
        PromHistogram before = PromHistogram.parse(text(5, 5, 5, 5), NAME, Map.of("result", "scheduled"));
        PromHistogram after = PromHistogram.parse(text(5, 15, 25, 25), NAME, Map.of("result", "scheduled"));
        PromHistogram d = after.minus(before);
        assertThat(d.count()).isEqualTo(20);
        // 10 in (1, 2] ms and 10 in (2, 4] ms: the median is the 1 -> 2 ms bucket's top
        assertThat(d.quantile(0.5)).isCloseTo(0.002, within(1e-12));
    }

    @Test
    void labelFilterSelectsSeriesAndSumsTheRest() {
        PromHistogram unschedulable = PromHistogram.parse(text(1, 2, 3, 4), NAME, Map.of("result", "unschedulable"));
        assertThat(unschedulable.count()).isEqualTo(9);
        PromHistogram all = PromHistogram.parse(text(1, 2, 3, 4), NAME, Map.of());
        assertThat(all.count()).isEqualTo(13);
    }

    @Test
    void emptyHistogramHasNoQuantile() {
        assertThat(PromHistogram.parse("", NAME, Map.of()).quantile(0.99)).isNaN();
    }

    @Test
    void labelsParseEscapesAndCommas() {
        assertThat(PromHistogram.labels("a=\"x,y\",b=\"q\\\"uote\",le=\"+Inf\""))
                .containsEntry("a", "x,y").containsEntry("b", "q\"uote").containsEntry("le", "+Inf");
    }

    @Test
    void sumAddsTheMatchingSeriesOfACounterAndIgnoresOtherMetrics() {
        String text = """
                # TYPE event_recorder_dropped_events_total counter
                event_recorder_dropped_events_total{component="default-scheduler"} 12.0
                event_recorder_dropped_events_total{component="other"} 3.0
                event_recorder_dropped_events_total_created{component="default-scheduler"} 1.7E9
                plain_total 5
                """;
        assertThat(PromHistogram.sum(text, "event_recorder_dropped_events_total", Map.of())).isEqualTo(15.0);
        assertThat(PromHistogram.sum(text, "event_recorder_dropped_events_total", Map.of("component", "other"))).isEqualTo(3.0);
        assertThat(PromHistogram.sum(text, "plain_total", Map.of())).isEqualTo(5.0);
        assertThat(PromHistogram.sum(text, "missing_total", Map.of())).isZero();
    }
}
