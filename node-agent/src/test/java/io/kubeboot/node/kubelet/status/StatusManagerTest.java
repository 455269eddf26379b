package io.kubeboot.node.kubelet.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeboot.api.json.Json;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.testkit.ManualClock;
import io.kubeboot.node.kubelet.doubles.ProbeManagerDouble;
import io.kubeboot.node.kubelet.doubles.StatusWriterDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.kubeboot.node.kubelet.Fixtures.T0;
import static io.kubeboot.node.kubelet.Fixtures.UID;
import static io.kubeboot.node.kubelet.Fixtures.exited;
import static io.kubeboot.node.kubelet.Fixtures.pod;
import static io.kubeboot.node.kubelet.Fixtures.running;
import static io.kubeboot.node.kubelet.Fixtures.sandbox;
import static io.kubeboot.node.kubelet.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

class StatusManagerTest {
    private ManualClock clock;
    private StatusWriterDouble writer;
    private StatusManager manager;
    private PodStatusGenerator generator;
    private ProbeManagerDouble probes;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(T0);
        writer = new StatusWriterDouble();
        manager = new StatusManager(writer, clock);
        probes = new ProbeManagerDouble();
        generator = new PodStatusGenerator("127.0.0.1", "docker", probes, new ReasonCache());
    }

    private PodStatus runningStatus(Pod p) {
        return generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)),
                List.of(running("c1", spec(p, "foo1"), 0, 1))), manager.cached(UID).orElse(null), false);
    }

    private static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void writesAMergePatchWithUidOnlyWhenTheStatusChanged() {
        Pod p = pod("Always", "foo1");
        manager.setPodStatus(p, runningStatus(p));
        manager.setPodStatus(p, runningStatus(p));
        assertThat(writer.patches).hasSize(1);
        JsonNode patch = json(writer.patches.get(0));
        assertThat(patch.path("metadata").path("uid").asText()).isEqualTo(UID);
        assertThat(patch.path("status").path("phase").asText()).isEqualTo("Running");
        assertThat(patch.path("status").path("startTime").asText()).isEqualTo("2024-05-01T10:00:00Z");

        probes.notReady.add("foo1");
        clock.step(Duration.ofSeconds(30));
        manager.setPodStatus(p, runningStatus(p));
        assertThat(writer.patches).hasSize(2);
        JsonNode second = json(writer.patches.get(1)).path("status");
        assertThat(second.has("phase")).as("unchanged fields stay out of the patch").isFalse();
        assertThat(second.has("startTime")).isFalse();
        assertThat(second.path("conditions").toString()).contains("\"lastTransitionTime\":\"2024-05-01T10:00:30Z\"");
    }

    @Test
    void conditionTransitionTimesStayWhileTheConditionHolds() {
        Pod p = pod("Always", "foo1");
        manager.setPodStatus(p, runningStatus(p));
        clock.step(Duration.ofMinutes(5));
        probes.notStarted.add("other");
        manager.setPodStatus(p, runningStatus(p));
        PodStatus s = manager.cached(UID).orElseThrow();
        assertThat(s.getConditions()).allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2024-05-01T10:00:00Z"));
    }

    @Test
    void refusesToTakeATerminatedContainerBackToRunning() {
        Pod p = pod("Never", "foo1");
        PodStatus done = generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)),
                List.of(exited("c1", spec(p, "foo1"), 0, 0, 1))), null, false);
        manager.setPodStatus(p, done);
        manager.setPodStatus(p, generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)),
                List.of(running("c2", spec(p, "foo1"), 1, 3))), null, false));
        assertThat(manager.cached(UID).orElseThrow().getPhase()).isEqualTo("Succeeded");
        assertThat(writer.patches).hasSize(1);
    }

    @Test
    void terminatePodMarksLeftoverContainersFailedAndDeletesAMarkedPod() {
        Pod p = new PodBuilder(pod("Always", "foo1")).editMetadata().withDeletionTimestamp("2024-05-01T10:01:00Z").endMetadata().build();
        manager.setPodStatus(p, runningStatus(p));
        manager.terminatePod(p);
        PodStatus s = manager.cached(UID).orElseThrow();
        assertThat(s.getPhase()).isEqualTo("Failed");
        assertThat(s.getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("ContainerStatusUnknown");
        assertThat(s.getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(writer.deleted).containsExactly(UID);
    }

    @Test
    void terminatePodOfAnUnmarkedPodDoesNotDeleteIt() {
        Pod p = pod("Never", "foo1");
        manager.setPodStatus(p, generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", false, 0, 0)),
                List.of(exited("c1", spec(p, "foo1"), 0, 0, 1))), null, true));
        manager.terminatePod(p);
        assertThat(manager.cached(UID).orElseThrow().getPhase()).isEqualTo("Succeeded");
        assertThat(writer.deleted).isEmpty();
    }

    @Test
    void mergePatchDiff() {
        assertThat(JsonMergePatch.diff(json("{\"a\":1,\"b\":{\"c\":2,\"d\":3},\"e\":[1]}"), json("{\"a\":1,\"b\":{\"c\":4},\"e\":[1,2],\"f\":\"x\"}")))
                .isEqualTo(json("{\"b\":{\"c\":4,\"d\":null},\"e\":[1,2],\"f\":\"x\"}"));
        assertThat(JsonMergePatch.diff(json("{\"a\":{\"b\":1}}"), json("{\"a\":{\"b\":1}}"))).isEmpty();
        assertThat(JsonMergePatch.diff(json("{\"podIP\":\"10.0.0.1\"}"), json("{}"))).isEqualTo(json("{\"podIP\":null}"));
        // applying the diff (with the apiserver's RFC 7386 implementation) gives the target back
        JsonNode from = json("{\"a\":{\"b\":1,\"c\":[1,2]},\"d\":\"x\"}");
        JsonNode to = json("{\"a\":{\"c\":[3]},\"e\":{\"f\":true}}");
        assertThat(io.kubeboot.api.patch.JsonMergePatch.apply(from, JsonMergePatch.diff(from, to))).isEqualTo(to);
    }
}
