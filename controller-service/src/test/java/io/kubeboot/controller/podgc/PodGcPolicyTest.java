package io.kubeboot.controller.podgc;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream {@code TestGCTerminated}, {@code TestGCOrphaned}, {@code TestGCUnscheduledTerminating} (gc_controller_test.go), as selections. */
class PodGcPolicyTest {

    private static Pod pod(String name, String phase, String created, String node) {
        return new PodBuilder().withNewMetadata().withNamespace("ns").withName(name).withUid("uid-" + name)
                .withCreationTimestamp(created).endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    private static List<Pod> pods(String spec) {
        // "name:phase[:evicted]" comma separated, created one second apart in the given order
        String[] parts = spec.isEmpty() ? new String[0] : spec.split(",");
        java.util.ArrayList<Pod> out = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String[] f = parts[i].split(":", -1);
            Pod p = pod(f[0], f[1], Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i).toString(), "node");
            if (f.length > 2) {
                p = new PodBuilder(p).editStatus().withReason("Evicted").endStatus().build();
            }
            out.add(p);
        }
        return out;
    }

    static Stream<Arguments> terminatedCases() {
        return Stream.of(
                Arguments.of("threshold = 0, disables terminated pod deletion", "a:Failed,b:Succeeded", 0, List.of()),
                Arguments.of("threshold = 1, delete pod a which is PodFailed and pod b which is PodSucceeded", "a:Failed,b:Succeeded,c:Failed", 1, List.of("a", "b")),
                Arguments.of("threshold = 1, delete pod b which is PodFailed", "a:Running,b:Failed,c:Succeeded", 1, List.of("b")),
                Arguments.of("threshold = 1, delete evicted pods first", "a:Failed,b:Succeeded,c:Failed:evicted", 1, List.of("c", "a")),
                Arguments.of("threshold = 5, don't delete pod", "a:Failed,b:Succeeded", 5, List.of()),
                Arguments.of("pending and unknown are not terminated, an empty phase is", "a:Pending,b:Unknown,c:,d:Failed", 1, List.of("c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terminatedCases")
    void deletesTheOldestTerminatedPodsBeyondTheThreshold(String name, String spec, int threshold, List<String> deleted) {
        List<Pod> in = pods(spec);
        assertThat(PodGcPolicy.terminatedToDelete(in, threshold)).extracting(p -> p.getMetadata().getName()).containsExactlyElementsOf(deleted);
    }

    @Test
    void sortsByEvictionThenCreationThenName() {
        Pod sameTimeB = pod("b", "Failed", "2024-01-01T00:00:00Z", "n");
        Pod sameTimeA = pod("a", "Failed", "2024-01-01T00:00:00Z", "n");
        Pod older = pod("z", "Failed", "2023-12-31T00:00:00Z", "n");
        Pod evicted = new PodBuilder(pod("y", "Failed", "2024-02-01T00:00:00Z", "n")).editStatus().withReason("Evicted").endStatus().build();
        List<Pod> sorted = new java.util.ArrayList<>(List.of(sameTimeB, sameTimeA, older, evicted));
        sorted.sort(PodGcPolicy.BY_EVICTION_AND_CREATION);
        assertThat(sorted).extracting(p -> p.getMetadata().getName()).containsExactly("y", "z", "a", "b");
    }

    @Test
    void orphansAreThePodsOnDeletedNodesAndUnscheduledTerminatingPodsAreThoseNeverBound() {
        Pod onGone = pod("a", "Running", "2024-01-01T00:00:00Z", "gone");
        Pod onLive = pod("b", "Running", "2024-01-01T00:00:00Z", "live");
        Pod unbound = pod("c", "Pending", "2024-01-01T00:00:00Z", null);
        Pod unboundDeleting = new PodBuilder(unbound).editMetadata().withName("d").withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata().build();
        List<Pod> all = List.of(onGone, onLive, unbound, unboundDeleting);
        assertThat(PodGcPolicy.missingNodes(all, Set.of("live"))).containsExactly("gone");
        assertThat(PodGcPolicy.orphaned(all, Set.of("gone"))).extracting(p -> p.getMetadata().getName()).containsExactly("a");
        assertThat(PodGcPolicy.unscheduledTerminating(all)).extracting(p -> p.getMetadata().getName()).containsExactly("d");
    }

    @ParameterizedTest(name = "ready={0}, taint={1} -> deleted={2}")
    @CsvSource({"false, true, true", "true, true, false", "false, false, false"})
    void terminatingPodsOnOutOfServiceNodes(boolean ready, boolean tainted, boolean deleted) {
        NodeBuilder nb = new NodeBuilder().withNewMetadata().withName("n").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus();
        if (tainted) {
            nb.withNewSpec().addNewTaint().withKey("node.kubernetes.io/out-of-service").withEffect("NoExecute").endTaint().endSpec();
        }
        Node node = nb.build();
        Pod terminating = new PodBuilder(pod("a", "Running", "2024-01-01T00:00:00Z", "n")).editMetadata()
                .withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata().build();
        Pod running = pod("b", "Running", "2024-01-01T00:00:00Z", "n");
        assertThat(PodGcPolicy.terminatingOutOfService(List.of(terminating, running), n -> Optional.of(node)))
                .extracting(p -> p.getMetadata().getName()).containsExactlyElementsOf(deleted ? List.of("a") : List.of());
    }

    @Test
    void quarantineHoldsMissingNodesForTheQuarantineTimeWithoutExtendingIt() {
        NodeQuarantine q = new NodeQuarantine(Duration.ofSeconds(40));
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        q.observeMissing("gone", t0);
        q.observeMissing("gone", t0.plusSeconds(30));
        assertThat(q.due(t0.plusSeconds(39))).isEmpty();
        assertThat(q.due(t0.plusSeconds(40))).containsExactly("gone");
        assertThat(q.size()).isZero();
        q.observeMissing("gone", t0.plusSeconds(41));
        assertThat(q.due(t0.plusSeconds(60))).as("a new quarantine after being handed out").isEmpty();
    }

    @Test
    void statusPatchMarksFailedAndAddsTheDisruptionTargetForOrphans() throws Exception {
        Pod p = pod("a", "Running", "2024-01-01T00:00:00Z", "gone");
        JsonNode orphan = Json.MAPPER.readTree(PodGcController.statusPatch(p, true, Instant.parse("2024-05-01T10:00:00.700Z")));
        assertThat(orphan.at("/metadata/uid").asText()).isEqualTo("uid-a");
        assertThat(orphan.at("/status/phase").asText()).isEqualTo("Failed");
        assertThat(Json.MAPPER.convertValue(orphan.at("/status/conditions/0"), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "type", "DisruptionTarget", "status", "True", "reason", "DeletionByPodGC",
                "message", "PodGC: node no longer exists", "lastTransitionTime", "2024-05-01T10:00:00Z"));
        JsonNode plain = Json.MAPPER.readTree(PodGcController.statusPatch(p, false, Instant.now()));
        assertThat(plain.at("/status").has("conditions")).isFalse();
    }
}
