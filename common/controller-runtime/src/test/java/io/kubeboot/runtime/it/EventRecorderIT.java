package io.kubeboot.runtime.it;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.runtime.events.EventRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Events written to the real apiserver: created, then aggregated into count 2 on the same object. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EventRecorderIT {
    private KubernetesClient client;
    private String ns;
    private EventRecorder recorder;

    @BeforeEach
    void setUp() {
        client = ItSupport.client();
        ns = ItSupport.createNamespace(client, "ev");
        recorder = EventRecorder.builder(client).component("default-scheduler").build();
    }

    @AfterEach
    void tearDown() {
        recorder.close();
        client.close();
    }

    @Test
    void anEventIsCreatedThenCountedOnRepeat() throws Exception {
        ConfigMap cm = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("subject").endMetadata().build()).create();

        recorder.eventf(cm, EventRecorder.WARNING, "FailedScheduling", "0/%d nodes are available", 3);
        assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
        List<Event> events = client.v1().events().inNamespace(ns).list().getItems();
        assertThat(events).hasSize(1);
        Event first = events.get(0);
        assertThat(first.getMetadata().getName()).matches("subject\\.[0-9a-f]+");
        assertThat(first.getCount()).isEqualTo(1);
        assertThat(first.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
        assertThat(first.getInvolvedObject().getApiVersion()).isEqualTo("v1");
        assertThat(first.getInvolvedObject().getNamespace()).isEqualTo(ns);
        assertThat(first.getInvolvedObject().getUid()).isEqualTo(cm.getMetadata().getUid());
        assertThat(first.getInvolvedObject().getResourceVersion()).isEqualTo(cm.getMetadata().getResourceVersion());
        assertThat(first.getSource().getComponent()).isEqualTo("default-scheduler");
        assertThat(first.getReportingComponent()).isEqualTo("default-scheduler");
        assertThat(first.getMessage()).isEqualTo("0/3 nodes are available");

        Thread.sleep(1100); // so lastTimestamp (whole seconds) moves
        recorder.eventf(cm, EventRecorder.WARNING, "FailedScheduling", "0/%d nodes are available", 3);
        assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
        events = client.v1().events().inNamespace(ns).list().getItems();
        assertThat(events).hasSize(1);
        Event counted = events.get(0);
        assertThat(counted.getMetadata().getName()).isEqualTo(first.getMetadata().getName());
        assertThat(counted.getCount()).isEqualTo(2);
        assertThat(counted.getFirstTimestamp()).isEqualTo(first.getFirstTimestamp());
        assertThat(Instant.parse(counted.getLastTimestamp())).isAfter(Instant.parse(first.getLastTimestamp()));

        // a different reason is a separate event
        recorder.event(cm, EventRecorder.NORMAL, "Scheduled", "assigned");
        assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).hasSize(2);
        assertThat(recorder.droppedEvents()).isZero();
    }
}
