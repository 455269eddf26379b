package io.kubeboot.runtime.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorder end to end against a fake sink: event shape, create-then-patch, retries, drops. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventRecorderTest {
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123456789Z");

    /** Records calls; behaviour per call can be replaced. Stores like an apiserver would (rv, name). */
    static final class FakeSink implements EventSink {
        final List<String> calls = new ArrayList<>();
        final List<Event> created = new ArrayList<>();
        final List<String> patches = new ArrayList<>();
        volatile UnaryOperator<Event> onCreate = e -> e;
        volatile UnaryOperator<Event> onPatch = e -> e;
        private int rv;

        @Override
        public synchronized Event create(Event event) {
            calls.add("create " + event.getMetadata().getName());
            Event e = onCreate.apply(event);
            created.add(e);
            return new EventBuilder(e).editMetadata().withResourceVersion(Integer.toString(++rv)).endMetadata().build();
        }

        @Override
        public synchronized Event patch(Event event, String patch) {
            calls.add("patch " + event.getMetadata().getName());
            patches.add(patch);
            Event e = onPatch.apply(event);
            return new EventBuilder(e).editMetadata().withResourceVersion(Integer.toString(++rv)).endMetadata().build();
        }
    }

    private final FakeSink sink = new FakeSink();
    private EventRecorder recorder;

    @AfterEach
    void close() {
        if (recorder != null) {
            recorder.close();
        }
    }

    private EventRecorder recorder(EventRecorder.Builder b) {
        recorder = b.build();
        return recorder;
    }

    private EventRecorder recorder() {
        return recorder(EventRecorder.builder(sink).component("default-scheduler").clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .retrySleep(Duration.ofMillis(1)));
    }

    private static Pod pod() {
        return new PodBuilder().withNewMetadata().withNamespace("ns").withName("web-0").withUid("uid-1").withResourceVersion("17")
                .endMetadata().build();
    }

    @Test
    void anEventHasUpstreamsShape() throws Exception {
        recorder().eventf(pod(), EventRecorder.NORMAL, "Scheduled", "Successfully assigned %s/%s to %s", "ns", "web-0", "node-1");
        assertThat(recorder.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(sink.created).hasSize(1);
        Event e = sink.created.get(0);
        assertThat(e.getMetadata().getName()).isEqualTo("web-0." + Long.toHexString(1741064767123456789L));
        assertThat(e.getMetadata().getNamespace()).isEqualTo("ns");
        assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
        assertThat(e.getInvolvedObject().getApiVersion()).isEqualTo("v1");
        assertThat(e.getInvolvedObject().getNamespace()).isEqualTo("ns");
        assertThat(e.getInvolvedObject().getName()).isEqualTo("web-0");
        assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-1");
        assertThat(e.getInvolvedObject().getResourceVersion()).isEqualTo("17");
        assertThat(e.getType()).isEqualTo("Normal");
        assertThat(e.getReason()).isEqualTo("Scheduled");
        assertThat(e.getMessage()).isEqualTo("Successfully assigned ns/web-0 to node-1");
        assertThat(e.getCount()).isEqualTo(1);
        assertThat(e.getFirstTimestamp()).isEqualTo("2025-03-04T05:06:07Z").isEqualTo(e.getLastTimestamp());
        assertThat(e.getSource().getComponent()).isEqualTo("default-scheduler");
        assertThat(e.getReportingComponent()).isEqualTo("default-scheduler");
        assertThat(e.getReportingInstance()).isEmpty();
    }

    @Test
    void clusterScopedObjectsGetTheirEventsInDefault() throws Exception {
        recorder().event(new NodeBuilder().withNewMetadata().withName("node-1").withUid("node-1").endMetadata().build(),
                EventRecorder.NORMAL, "Starting", "Starting kubelet.");
        recorder.flush(Duration.ofSeconds(5));
        assertThat(sink.created.get(0).getMetadata().getNamespace()).isEqualTo("default");
        assertThat(sink.created.get(0).getInvolvedObject().getNamespace()).isNull();
    }

    @Test
    void theSameEventTwiceIsACreateThenAPatchOfTheCount() throws Exception {
        recorder();
        recorder.event(pod(), EventRecorder.WARNING, "FailedScheduling", "0/3 nodes are available");
        recorder.event(pod(), EventRecorder.WARNING, "FailedScheduling", "0/3 nodes are available");
        recorder.flush(Duration.ofSeconds(5));
        String name = sink.created.get(0).getMetadata().getName();
        assertThat(sink.calls).containsExactly("create " + name, "patch " + name);
        assertThat(sink.patches.get(0)).isEqualTo("{\"count\":2,\"lastTimestamp\":\"2025-03-04T05:06:07Z\",\"message\":\"0/3 nodes are available\"}");
    }

    @Test
    void aPatchOfAVanishedEventCreatesItAgain() throws Exception {
        recorder();
        sink.onPatch = e -> {
            throw new KubernetesClientException(new StatusBuilder().withCode(404).withReason("NotFound").build());
        };
        recorder.event(pod(), EventRecorder.NORMAL, "Pulled", "image pulled");
        recorder.event(pod(), EventRecorder.NORMAL, "Pulled", "image pulled");
        recorder.flush(Duration.ofSeconds(5));
        assertThat(sink.calls).hasSize(3);
        assertThat(sink.calls.get(2)).startsWith("create ");
        assertThat(sink.created.get(1).getCount()).isEqualTo(2);
        assertThat(sink.created.get(1).getMetadata().getResourceVersion()).isNull();
    }

    @Test
    void transportErrorsAreRetriedRejectionsAreNot() throws Exception {
        recorder();
        AtomicInteger attempts = new AtomicInteger();
        sink.onCreate = e -> {
            if (e.getReason().equals("Flaky") && attempts.incrementAndGet() < 3) {
                throw new KubernetesClientException("connection refused");
            }
            if (e.getReason().equals("Invalid")) {
                throw new KubernetesClientException(new StatusBuilder().withCode(422).withReason("Invalid").build());
            }
            return e;
        };
        recorder.event(pod(), EventRecorder.NORMAL, "Flaky", "m");
        recorder.event(pod(), EventRecorder.NORMAL, "Invalid", "m");
        recorder.flush(Duration.ofSeconds(5));
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(sink.calls.stream().filter(c -> c.startsWith("create")).count()).isEqualTo(4);
    }

    @Test
    void unsupportedTypesAreNotRecorded() throws Exception {
        recorder().event(pod(), "Critical", "Reason", "m");
        recorder.flush(Duration.ofSeconds(5));
        assertThat(sink.calls).isEmpty();
        assertThat(recorder.droppedEvents()).isZero();
    }

    @Test
    void aFullQueueDropsWithoutBlockingTheCaller() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sink.onCreate = e -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return e;
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        recorder(EventRecorder.builder(sink).component("c").queueCapacity(2).meterRegistry(registry).retrySleep(Duration.ofMillis(1)));
        recorder.event(pod(), EventRecorder.NORMAL, "R0", "in flight");
        entered.await();
        long start = System.nanoTime();
        for (int i = 1; i <= 4; i++) {
            recorder.event(pod(), EventRecorder.NORMAL, "R" + i, "m");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(recorder.droppedEvents()).isEqualTo(2);
        assertThat(registry.get("event_recorder_dropped_events").counter().count()).isEqualTo(2);
        assertThat(recorder.flush(Duration.ofMillis(50))).as("the sink is still blocked").isFalse();
        release.countDown();
        assertThat(recorder.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(sink.created).extracting(Event::getReason).containsExactly("R0", "R1", "R2");
    }

    @Test
    void afterCloseEventsAreDropped() {
        recorder().close();
        recorder.event(pod(), EventRecorder.NORMAL, "Late", "m");
        assertThat(recorder.droppedEvents()).isEqualTo(1);
    }
}
