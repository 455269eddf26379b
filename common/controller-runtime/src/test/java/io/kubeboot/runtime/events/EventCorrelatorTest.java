package io.kubeboot.runtime.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Ports client-go's tools/record/events_cache_test.go. */
class EventCorrelatorTest {

    private static ObjectReference ref(String kind, String name, String namespace) {
        return new ObjectReferenceBuilder().withKind(kind).withName(name).withNamespace(namespace).withUid("C934D34AFB20242")
                .withApiVersion("version").withFieldPath("spec.containers{mycontainer}").build();
    }

    private static Event event(String reason, String message, ObjectReference involved) {
        return new EventBuilder().withNewMetadata().withName(involved.getName() + ".1").withNamespace(involved.getNamespace()).endMetadata()
                .withReason(reason).withMessage(message).withInvolvedObject(involved)
                .withNewSource().withComponent("kubelet").withHost("kublet.node1").endSource()
                .withCount(1).withType("Normal").build();
    }

    private static Event withFieldPath(Event e, String fieldPath) {
        Event copy = new EventBuilder(e).build();
        copy.getInvolvedObject().setFieldPath(fieldPath);
        return copy;
    }

    private static List<Event> copies(int n, Event template) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new EventBuilder(template).build());
        }
        return out;
    }

    private static List<Event> unique(int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(event("reason-" + i, "message-" + i, ref("Pod", "pod-" + i, "ns-" + i)));
        }
        return out;
    }

    private static List<Event> similar(int n, Event template, String prefix) {
        List<Event> out = copies(n, template);
        for (int i = 0; i < out.size(); i++) {
            out.get(i).setMessage(prefix + "-" + i + "-" + out.get(i).getMessage());
        }
        return out;
    }

    record Scenario(List<Event> previous, Event newEvent, int expectedCount, String expectedMessage, long intervalSeconds, boolean expectedSkip) {
    }

    static Stream<Arguments> scenarios() {
        Event first = event("first", "i am first", ref("Pod", "my-pod", "my-ns"));
        Event duplicate = event("duplicate", "me again", ref("Pod", "my-pod", "my-ns"));
        Event uniqueEvent = event("unique", "snowflake", ref("Pod", "my-pod", "my-ns"));
        Event similarEvent = withFieldPath(event("similar", "similar message", ref("Pod", "my-pod", "my-ns")), "spec.containers{container1}");
        String aggregateMessage = "(combined from similar events): similar message";
        Event similarOtherContainer = withFieldPath(similarEvent, "spec.containers{container2}");
        int max = EventCorrelator.DEFAULT_AGGREGATE_MAX_EVENTS;
        return Stream.of(
                Arguments.of("create-a-single-event", new Scenario(List.of(), first, 1, "i am first", 5, false)),
                Arguments.of("the-same-event-should-just-count", new Scenario(copies(1, duplicate), duplicate, 2, "me again", 5, false)),
                Arguments.of("the-same-event-should-just-count-even-if-more-than-aggregate",
                        new Scenario(copies(max, duplicate), duplicate, max + 1, "me again", 30, false)),
                Arguments.of("the-same-event-is-spam-if-happens-too-frequently",
                        new Scenario(copies(EventCorrelator.DEFAULT_SPAM_BURST + 1, duplicate), duplicate, 0, null, 1, true)),
                Arguments.of("create-many-unique-events", new Scenario(unique(30), uniqueEvent, 1, "snowflake", 5, false)),
                Arguments.of("similar-events-should-aggregate-event",
                        new Scenario(similar(max - 1, similarEvent, similarEvent.getMessage()), similarEvent, 1, aggregateMessage, 5, false)),
                Arguments.of("similar-events-many-times-should-count-the-aggregate",
                        new Scenario(similar(max, similarEvent, similarEvent.getMessage()), similarEvent, 2, aggregateMessage, 5, false)),
                Arguments.of("events-from-different-containers-do-not-aggregate",
                        new Scenario(copies(1, similarOtherContainer), similarEvent, 1, "similar message", 5, false)),
                Arguments.of("similar-events-whose-interval-is-greater-than-aggregate-interval-do-not-aggregate",
                        new Scenario(similar(max - 1, similarEvent, similarEvent.getMessage()), similarEvent, 1, "similar message",
                                EventCorrelator.DEFAULT_AGGREGATE_INTERVAL.toSeconds(), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eventCorrelator(String name, Scenario s) {
        IntervalClock clock = new IntervalClock(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(s.intervalSeconds()));
        EventCorrelator correlator = new EventCorrelator(clock);
        for (Event prev : s.previous()) {
            String now = Timestamps.format(clock.instant());
            prev.setFirstTimestamp(now);
            prev.setLastTimestamp(now);
            EventCorrelator.Result r = correlator.correlate(prev);
            if (!r.skip()) {
                correlator.updateState(r.event());
            }
        }
        String now = Timestamps.format(clock.instant());
        Event newEvent = new EventBuilder(s.newEvent()).withFirstTimestamp(now).withLastTimestamp(now).build();
        EventCorrelator.Result result = correlator.correlate(newEvent);

        assertThat(result.skip()).isEqualTo(s.expectedSkip());
        if (s.expectedSkip()) {
            return;
        }
        Event e = result.event();
        assertThat(e.getCount()).isEqualTo(s.expectedCount());
        assertThat(e.getMessage()).isEqualTo(s.expectedMessage());
        assertThat(e.getReason()).isEqualTo(s.newEvent().getReason());
        assertThat(e.getInvolvedObject()).isEqualTo(s.newEvent().getInvolvedObject());
        assertThat(e.getSource()).isEqualTo(s.newEvent().getSource());
        // compression shows as first != last timestamp; a single occurrence has them equal
        if (s.expectedCount() > 1) {
            assertThat(e.getFirstTimestamp()).isNotEqualTo(e.getLastTimestamp());
            assertThat(result.patch()).isNotNull().contains("\"count\":" + s.expectedCount());
        } else {
            assertThat(e.getFirstTimestamp()).isEqualTo(e.getLastTimestamp());
            assertThat(result.patch()).isNull();
        }
    }

    @Test
    void aggregateKeyIgnoresTheMessageOnly() {
        Event e1 = event("end-of-world", "it was fun", ref("Pod", "pod1", "other"));
        Event e2 = event("end-of-world", "it was awful", ref("Pod", "pod1", "other"));
        Event e3 = event("nevermind", "it was a bug", ref("Pod", "pod1", "other"));
        assertThat(EventKeys.aggregateKey(e1)).isEqualTo(EventKeys.aggregateKey(e2));
        assertThat(EventKeys.eventKey(e1)).isNotEqualTo(EventKeys.eventKey(e2));
        assertThat(EventKeys.aggregateKey(e1)).isNotEqualTo(EventKeys.aggregateKey(e3));
        assertThat(EventKeys.aggregateMessage(e1)).isEqualTo("(combined from similar events): it was fun");
    }

    @Test
    void eventKeyCoversSourceObjectTypeReasonAndMessage() {
        Event base = event("Scheduled", "assigned", ref("Pod", "p", "ns"));
        List<Event> variants = List.of(
                new EventBuilder(base).editSource().withComponent("other").endSource().build(),
                new EventBuilder(base).editSource().withHost("other").endSource().build(),
                new EventBuilder(base).editInvolvedObject().withKind("Node").endInvolvedObject().build(),
                new EventBuilder(base).editInvolvedObject().withNamespace("ns2").endInvolvedObject().build(),
                new EventBuilder(base).editInvolvedObject().withName("q").endInvolvedObject().build(),
                new EventBuilder(base).editInvolvedObject().withUid("other").endInvolvedObject().build(),
                new EventBuilder(base).editInvolvedObject().withApiVersion("v2").endInvolvedObject().build(),
                new EventBuilder(base).withType("Warning").build(),
                new EventBuilder(base).withReason("Other").build(),
                new EventBuilder(base).withMessage("other").build());
        for (Event v : variants) {
            assertThat(EventKeys.eventKey(v)).isNotEqualTo(EventKeys.eventKey(base));
        }
        // count, timestamps and the event's own name are not part of the identity
        Event later = new EventBuilder(base).withCount(7).withLastTimestamp("2030-01-01T00:00:00Z").editMetadata().withName("x").endMetadata().build();
        assertThat(EventKeys.eventKey(later)).isEqualTo(EventKeys.eventKey(base));
    }

    @Test
    void spamFilterIsPerSourceAndObjectNotPerReason() {
        IntervalClock clock = new IntervalClock(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(1));
        EventCorrelator correlator = new EventCorrelator(clock, 1);
        EventCorrelator.Result original = correlator.correlate(event("original", "i am first", ref("Pod", "my-pod", "my-ns")));
        assertThat(original.skip()).isFalse();
        correlator.updateState(original.event());
        assertThat(correlator.correlate(event("duplicate", "me again", ref("Pod", "my-pod", "my-ns"))).skip()).isTrue();
        assertThat(correlator.correlate(event("duplicate", "me again", ref("Pod", "other-pod", "my-ns"))).skip()).isFalse();
    }

    @Test
    void theIncrementPatchesTheFirstOccurrencesObject() {
        IntervalClock clock = new IntervalClock(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(5));
        EventCorrelator correlator = new EventCorrelator(clock);
        Event first = event("Failed", "boom", ref("Pod", "p", "ns"));
        first.setFirstTimestamp("2025-01-01T00:00:00Z");
        first.setLastTimestamp("2025-01-01T00:00:00Z");
        EventCorrelator.Result r1 = correlator.correlate(first);
        Event stored = new EventBuilder(r1.event()).editMetadata().withResourceVersion("42").endMetadata().build();
        correlator.updateState(stored);

        Event second = event("Failed", "boom", ref("Pod", "p", "ns"));
        second.getMetadata().setName("p.2");
        second.setFirstTimestamp("2025-01-01T00:01:00Z");
        second.setLastTimestamp("2025-01-01T00:01:00Z");
        EventCorrelator.Result r2 = correlator.correlate(second);
        assertThat(r2.event().getMetadata().getName()).isEqualTo("p.1");
        assertThat(r2.event().getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(r2.event().getFirstTimestamp()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(r2.patch()).isEqualTo("{\"count\":2,\"lastTimestamp\":\"2025-01-01T00:01:00Z\",\"message\":\"boom\"}");
    }
}
