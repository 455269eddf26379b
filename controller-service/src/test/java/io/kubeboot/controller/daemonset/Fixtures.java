package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;

import java.util.Map;

/** Builders for the DaemonSet tests (upstream's newDaemonSet/newNode/newPod helpers). */
final class Fixtures {
    static final Map<String, String> LABELS = Map.of("name", "simple-daemon", "type", "production");

    private Fixtures() {
    }

    static DaemonSetBuilder ds(String name) {
        return new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("ds-uid")
                .withGeneration(1L).withAnnotations(Map.of(DaemonPods.TEMPLATE_GENERATION_ANNOTATION, "1")).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(LABELS).endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(1)).withMaxSurge(new IntOrString(0)).endRollingUpdate().endUpdateStrategy()
                .withNewTemplate().withNewMetadata().withLabels(LABELS).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("foo/bar").endContainer().endSpec()
                .endTemplate().endSpec();
    }

    static Node node(String name, Map<String, String> labels, Taint... taints) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withTaints(taints).endSpec().build();
    }

    static Taint taint(String key, String value, String effect) {
        return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
    }

    /** A pod of {@code ds} on {@code node} with the given hash label, created at {@code created}, optionally ready. */
    static Pod pod(String name, String node, String hash, String created, boolean ready) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(Map.of("name", "simple-daemon",
                DaemonPods.REVISION_HASH_LABEL, hash)).withCreationTimestamp(created).endMetadata()
                .withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase("Running").endStatus();
        if (ready) {
            b.editStatus().addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(created).endCondition().endStatus();
        }
        return b.build();
    }

    static DaemonSet simple() {
        return ds("foo").build();
    }
}
