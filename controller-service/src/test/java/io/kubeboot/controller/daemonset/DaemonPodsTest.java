package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.kubeboot.controller.daemonset.Fixtures.ds;
import static io.kubeboot.controller.daemonset.Fixtures.node;
import static io.kubeboot.controller.daemonset.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ported from upstream daemon_controller_test.go (TestNodeShouldRunDaemonPod, the taint/toleration cases) and
 * util/daemonset_util_test.go (TestReplaceDaemonSetPodNodeNameNodeAffinity, TestGetTargetNodeName, TestIsPodUpdated).
 */
class DaemonPodsTest {
    private static Affinity requiredAffinity(String key, String op, String... values) {
        return new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey(key).withOperator(op).withValues(values).endMatchExpression()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
    }

    private static Toleration tol(String key, String op, String value, String effect) {
        return new TolerationBuilder().withKey(key).withOperator(op).withValue(value).withEffect(effect).build();
    }

    static Stream<Arguments> nodeShouldRunDaemonPod() {
        Node plain = node("test-node", Map.of());
        return Stream.of(
                Arguments.of("simple DaemonSet with no restrictions", ds("ds").build(), plain, true, true),
                Arguments.of("resources are the scheduler's business", ds("ds").editSpec().editTemplate().editSpec().editFirstContainer()
                        .withNewResources().addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("75Gi")).endResources()
                        .endContainer().endSpec().endTemplate().endSpec().build(), plain, true, true),
                Arguments.of("node selector does not match", ds("ds").editSpec().editTemplate().editSpec()
                        .withNodeSelector(Map.of("key", "value")).endSpec().endTemplate().endSpec().build(), plain, false, false),
                Arguments.of("node selector matches", ds("ds").editSpec().editTemplate().editSpec()
                        .withNodeSelector(Map.of("key", "value")).endSpec().endTemplate().endSpec().build(),
                        node("test-node", Map.of("key", "value")), true, true),
                Arguments.of("template nodeName names another node", ds("ds").editSpec().editTemplate().editSpec()
                        .withNodeName("other-node").endSpec().endTemplate().endSpec().build(), plain, false, false),
                Arguments.of("template nodeName names this node", ds("ds").editSpec().editTemplate().editSpec()
                        .withNodeName("test-node").endSpec().endTemplate().endSpec().build(), plain, true, true),
                Arguments.of("required node affinity does not match", ds("ds").editSpec().editTemplate().editSpec()
                        .withAffinity(requiredAffinity("type", "In", "production")).endSpec().endTemplate().endSpec().build(),
                        node("test-node", Map.of("type", "test")), false, false),
                Arguments.of("required node affinity matches", ds("ds").editSpec().editTemplate().editSpec()
                        .withAffinity(requiredAffinity("type", "In", "production")).endSpec().endTemplate().endSpec().build(),
                        node("test-node", Map.of("type", "production")), true, true),
                Arguments.of("NoSchedule taint not tolerated: keeps running pods", ds("ds").build(),
                        node("test-node", Map.of(), taint("dedicated", "gpu", "NoSchedule")), false, true),
                Arguments.of("NoExecute taint not tolerated: evicts", ds("ds").build(),
                        node("test-node", Map.of(), taint("dedicated", "gpu", "NoExecute")), false, false),
                Arguments.of("PreferNoSchedule taint does not matter", ds("ds").build(),
                        node("test-node", Map.of(), taint("dedicated", "gpu", "PreferNoSchedule")), true, true),
                Arguments.of("NoSchedule taint tolerated by the DaemonSet", ds("ds").editSpec().editTemplate().editSpec()
                        .withTolerations(tol("dedicated", "Equal", "gpu", "NoSchedule")).endSpec().endTemplate().endSpec().build(),
                        node("test-node", Map.of(), taint("dedicated", "gpu", "NoSchedule")), true, true),
                Arguments.of("unschedulable node: tolerated by the controller", ds("ds").build(),
                        node("test-node", Map.of(), taint("node.kubernetes.io/unschedulable", null, "NoSchedule")), true, true),
                Arguments.of("not-ready node: tolerated by the controller", ds("ds").build(),
                        node("test-node", Map.of(), taint("node.kubernetes.io/not-ready", null, "NoExecute")), true, true),
                Arguments.of("memory pressure: tolerated by the controller", ds("ds").build(),
                        node("test-node", Map.of(), taint("node.kubernetes.io/memory-pressure", null, "NoSchedule")), true, true),
                Arguments.of("network unavailable without hostNetwork: not tolerated", ds("ds").build(),
                        node("test-node", Map.of(), taint("node.kubernetes.io/network-unavailable", null, "NoSchedule")), false, true),
                Arguments.of("network unavailable with hostNetwork: tolerated", ds("ds").editSpec().editTemplate().editSpec()
                        .withHostNetwork(true).endSpec().endTemplate().endSpec().build(),
                        node("test-node", Map.of(), taint("node.kubernetes.io/network-unavailable", null, "NoSchedule")), true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nodeShouldRunDaemonPod(String name, DaemonSet ds, Node node, boolean shouldRun, boolean shouldContinueRunning) {
        assertThat(DaemonPods.nodeShouldRunDaemonPod(node, ds)).isEqualTo(new DaemonPods.Eligibility(shouldRun, shouldContinueRunning));
    }

    @Test
    void controllerTolerationsAreAddedOnceAndReplaceMatchingOnes() {
        PodSpec spec = new PodSpecBuilder().withTolerations(
                new TolerationBuilder().withKey("node.kubernetes.io/not-ready").withOperator("Exists").withEffect("NoExecute")
                        .withTolerationSeconds(300L).build()).build();
        DaemonPods.addOrUpdateDaemonPodTolerations(spec);
        DaemonPods.addOrUpdateDaemonPodTolerations(spec);
        assertThat(spec.getTolerations()).extracting(Toleration::getKey).containsExactly(
                "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/disk-pressure",
                "node.kubernetes.io/memory-pressure", "node.kubernetes.io/pid-pressure", "node.kubernetes.io/unschedulable");
        // the DaemonSet pod must survive a not-ready node: no tolerationSeconds
        assertThat(spec.getTolerations().get(0).getTolerationSeconds()).isNull();
        assertThat(spec.getTolerations()).allSatisfy(t -> assertThat(t.getOperator()).isEqualTo("Exists"));
    }

    static Stream<Arguments> replaceNodeNameNodeAffinity() {
        Affinity preferredOnly = new AffinityBuilder().withNewNodeAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(1).withNewPreference().addNewMatchExpression().withKey("a").withOperator("Exists").endMatchExpression()
                .endPreference().endPreferredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
        Affinity otherNode = new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchField().withKey("metadata.name").withOperator("In").withValues("host_2").endMatchField()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
        return Stream.of(
                Arguments.of("nil affinity", null, 0),
                Arguments.of("preferred terms are kept", preferredOnly, 1),
                Arguments.of("required label terms are replaced", requiredAffinity("hostname", "In", "host_1"), 0),
                Arguments.of("another node's match field is replaced", otherNode, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void replaceNodeNameNodeAffinity(String name, Affinity affinity, int preferredKept) {
        Affinity out = DaemonPods.replaceNodeNameNodeAffinity(affinity, "host_1");
        var terms = out.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertThat(terms).singleElement().satisfies(t -> {
            assertThat(t.getMatchExpressions()).isNullOrEmpty();
            assertThat(t.getMatchFields()).singleElement().satisfies(r -> {
                assertThat(r.getKey()).isEqualTo("metadata.name");
                assertThat(r.getOperator()).isEqualTo("In");
                assertThat(r.getValues()).containsExactly("host_1");
            });
        });
        assertThat(out.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).hasSize(preferredKept);
        if (affinity != null) {
            // the input (possibly a cached template) is not modified
            assertThat(affinity).isNotSameAs(out);
        }
    }

    static Stream<Arguments> targetNodeName() {
        Pod base = new PodBuilder().withNewMetadata().withName("pod1").withNamespace("default").endMetadata().withNewSpec().endSpec().build();
        return Stream.of(
                Arguments.of("spec.nodeName", new PodBuilder(base).editSpec().withNodeName("node-1").endSpec().build(), Optional.of("node-1")),
                Arguments.of("affinity match field", new PodBuilder(base).editSpec().withAffinity(DaemonPods.replaceNodeNameNodeAffinity(null, "node-1")).endSpec().build(),
                        Optional.of("node-1")),
                Arguments.of("no affinity", base, Optional.empty()),
                Arguments.of("two values are not unique", new PodBuilder(base).editSpec().withNewAffinity().withNewNodeAffinity()
                        .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchField()
                        .withKey("metadata.name").withOperator("In").withValues("node-1", "node-2").endMatchField().endNodeSelectorTerm()
                        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build(), Optional.empty()),
                Arguments.of("label expressions name no node", new PodBuilder(base).editSpec().withAffinity(requiredAffinity("hostname", "In", "node-1"))
                        .endSpec().build(), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void targetNodeName(String name, Pod pod, Optional<String> expected) {
        assertThat(DaemonPods.targetNodeName(pod)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "hash {1} generation {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "nil", value = {
            // pod's generation label | pod's hash label | ds hash | ds generation | updated
            "12  | hash1 | hash1 | 12  | true",
            "11  | hash1 | hash1 | 12  | true",
            "11  | hash1 | hash2 | 12  | false",
            "12  | hash1 | hash2 | 12  | true",
            "nil | hash1 | hash2 | nil | false",
            "nil | nil   | nil   | 12  | false",
            "12  | nil   | hash1 | 12  | true",
            "12  | hash1 | ''    | nil | false",
    })
    void isPodUpdated(String podGeneration, String podHash, String hash, Long generation, boolean expected) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("p").endMetadata();
        if (podGeneration != null) {
            b.editMetadata().addToLabels(DaemonPods.TEMPLATE_GENERATION_LABEL, podGeneration).endMetadata();
        }
        if (podHash != null) {
            b.editMetadata().addToLabels(DaemonPods.REVISION_HASH_LABEL, podHash).endMetadata();
        }
        assertThat(DaemonPods.isPodUpdated(b.build(), hash, generation)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({"1, 10, 1", "'10%', 10, 1", "'10%', 15, 2", "'50%', 3, 2", "'0%', 5, 0"})
    void scaledValueRoundsUp(String value, int total, int expected) {
        IntOrString v = value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
        assertThat(DaemonPods.scaledValue(v, total, true)).isEqualTo(expected);
    }

    @Test
    void podTemplateGetsHashAndGenerationLabelsWithoutTouchingTheTemplate() {
        DaemonSet ds = Fixtures.simple();
        var t = DaemonPods.createPodTemplate(ds.getSpec().getTemplate(), 3L, "abc");
        assertThat(t.getMetadata().getLabels()).containsEntry(DaemonPods.REVISION_HASH_LABEL, "abc")
                .containsEntry(DaemonPods.TEMPLATE_GENERATION_LABEL, "3");
        assertThat(ds.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey(DaemonPods.REVISION_HASH_LABEL);
        assertThat(ds.getSpec().getTemplate().getSpec().getTolerations()).isNullOrEmpty();
        assertThat(t.getSpec().getTolerations()).hasSize(6);
        assertThat(DaemonPods.createPodTemplate(ds.getSpec().getTemplate(), null, "").getMetadata().getLabels())
                .doesNotContainKeys(DaemonPods.REVISION_HASH_LABEL, DaemonPods.TEMPLATE_GENERATION_LABEL);
    }

    @Test
    void sortsScheduledThenOldestThenByName() {
        List<Pod> pods = new java.util.ArrayList<>(List.of(
                Fixtures.pod("c", "n", "h", "2020-01-01T00:00:02Z", false),
                new PodBuilder(Fixtures.pod("a", null, "h", "2020-01-01T00:00:00Z", false)).build(),
                Fixtures.pod("d", "n", "h", "2020-01-01T00:00:01Z", false),
                Fixtures.pod("b", "n", "h", "2020-01-01T00:00:01Z", false)));
        pods.sort(DaemonPods.BY_CREATION_AND_PHASE);
        assertThat(pods).extracting(p -> p.getMetadata().getName()).containsExactly("b", "d", "c", "a");
    }
}
