package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.kubeboot.scheduler.framework.PodInfo;

import java.util.Map;

/** Pods for the queue tests, after upstream's st.MakePod() wrappers. */
final class TestPods {
    private final PodBuilder b;

    private TestPods(String name, String namespace, String uid) {
        this.b = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withUid(uid).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("pause").endContainer().endSpec()
                .withNewStatus().endStatus();
    }

    static TestPods pod(String name, String namespace, String uid) {
        return new TestPods(name, namespace, uid);
    }

    TestPods priority(int p) {
        b.editSpec().withPriority(p).endSpec();
        return this;
    }

    TestPods nominatedNodeName(String node) {
        b.editStatus().withNominatedNodeName(node).endStatus();
        return this;
    }

    TestPods node(String node) {
        b.editSpec().withNodeName(node).endSpec();
        return this;
    }

    TestPods label(String k, String v) {
        b.editMetadata().addToLabels(k, v).endMetadata();
        return this;
    }

    TestPods annotation(String k, String v) {
        b.editMetadata().addToAnnotations(k, v).endMetadata();
        return this;
    }

    TestPods cpu(String request) {
        b.editSpec().editFirstContainer().withNewResources().addToRequests("cpu", new Quantity(request)).endResources()
                .endContainer().endSpec();
        return this;
    }

    /** A required pod affinity to pods that have label {@code key}, over {@code topologyKey} (st.PodAffinityExists). */
    TestPods podAffinityExists(String key, String topologyKey) {
        b.editSpec().withNewAffinity().withNewPodAffinity().addToRequiredDuringSchedulingIgnoredDuringExecution(
                new PodAffinityTermBuilder().withNewLabelSelector().withMatchExpressions(
                                new LabelSelectorRequirementBuilder().withKey(key).withOperator("Exists").build())
                        .endLabelSelector().withTopologyKey(topologyKey).build())
                .endPodAffinity().endAffinity().endSpec();
        return this;
    }

    TestPods spreadConstraint(int maxSkew, String topologyKey) {
        b.editSpec().addToTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(maxSkew)
                .withTopologyKey(topologyKey).withWhenUnsatisfiable("DoNotSchedule").build()).endSpec();
        return this;
    }

    Pod obj() {
        return b.build();
    }

    PodInfo info() {
        return PodInfo.of(obj());
    }

    static PodInfo info(Pod pod) {
        return PodInfo.of(pod);
    }

    static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }
}
