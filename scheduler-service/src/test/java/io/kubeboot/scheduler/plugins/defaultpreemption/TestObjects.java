package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pods and nodes for the preemption tests, shaped like upstream's {@code st.MakePod()} / {@code st.MakeNode()}. */
final class TestObjects {
    static final int NEG = -100;
    static final int LOW = 0;
    static final int MID = 100;
    static final int HIGH = 1000;
    static final int VERY_HIGH = 10000;

    static final Map<String, String> SMALL = Map.of("cpu", "100m", "memory", "100");
    static final Map<String, String> MEDIUM = Map.of("cpu", "200m", "memory", "200");
    static final Map<String, String> LARGE = Map.of("cpu", "300m", "memory", "300");
    static final Map<String, String> VERY_LARGE = Map.of("cpu", "500m", "memory", "500");
    static final Map<String, String> ONE_POD = Map.of("pods", "1");
    static final Map<String, String> NODE_RES = Map.of("cpu", "200m", "memory", "400");

    private TestObjects() {
    }

    /** {@code metav1.NewTime(time.Unix(0, nanos))} in the API's text form. */
    static String epoch(int nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }

    static PodMaker pod(String name) {
        return new PodMaker(name);
    }

    static NodeMaker node(String name) {
        return new NodeMaker(name);
    }

    static final class PodMaker {
        private final PodBuilder b = new PodBuilder();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<PodCondition> conditions = new ArrayList<>();
        private Map<String, String> requests = Map.of();

        private PodMaker(String name) {
            b.withNewMetadata().withName(name).withUid(name).withNamespace("default").endMetadata()
                    .withNewSpec().endSpec().withNewStatus().endStatus();
        }

        PodMaker uid(String uid) {
            b.editMetadata().withUid(uid).endMetadata();
            return this;
        }

        PodMaker priority(int p) {
            b.editSpec().withPriority(p).endSpec();
            return this;
        }

        PodMaker node(String nodeName) {
            b.editSpec().withNodeName(nodeName).endSpec();
            return this;
        }

        PodMaker req(Map<String, String> r) {
            requests = r;
            return this;
        }

        PodMaker label(String k, String v) {
            labels.put(k, v);
            return this;
        }

        PodMaker startTime(String t) {
            b.editStatus().withStartTime(t).endStatus();
            return this;
        }

        PodMaker preemptionPolicy(String policy) {
            b.editSpec().withPreemptionPolicy(policy).endSpec();
            return this;
        }

        PodMaker nominatedNodeName(String n) {
            b.editStatus().withNominatedNodeName(n).endStatus();
            return this;
        }

        PodMaker terminating() {
            b.editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata();
            return this;
        }

        PodMaker condition(String type, String status, String reason) {
            conditions.add(new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).build());
            return this;
        }

        Pod obj() {
            Map<String, Quantity> q = new HashMap<>();
            requests.forEach((k, v) -> q.put(k, new Quantity(v)));
            return b.editMetadata().withLabels(labels.isEmpty() ? null : labels).endMetadata()
                    .editSpec().withContainers(new ContainerBuilder().withName("c").withImage("pause")
                            .withNewResources().withRequests(q).endResources().build()).endSpec()
                    .editStatus().withConditions(conditions).endStatus()
                    .build();
        }
    }

    static final class NodeMaker {
        private final String name;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private Map<String, String> capacity = Map.of();

        private NodeMaker(String name) {
            this.name = name;
        }

        /** As upstream's wrapper: capacity = allocatable = {@code resources}, 32 pods unless given. */
        NodeMaker capacity(Map<String, String> resources) {
            capacity = resources;
            return this;
        }

        NodeMaker label(String k, String v) {
            labels.put(k, v);
            return this;
        }

        Node obj() {
            Map<String, Quantity> q = new HashMap<>();
            q.put("pods", new Quantity("32"));
            capacity.forEach((k, v) -> q.put(k, new Quantity(v)));
            return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                    .withNewStatus().withCapacity(q).withAllocatable(q).endStatus().build();
        }
    }
}
