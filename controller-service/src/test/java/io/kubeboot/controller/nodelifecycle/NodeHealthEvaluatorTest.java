package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Modelled on upstream's TestMonitorNodeHealthUpdateStatus, TestMonitorNodeHealthUpdateNodeAndPodStatusWithLease and
 * TestMonitorNodeHealthMarkPodsNotReady: when a node's conditions become Unknown and when they are left alone.
 */
class NodeHealthEvaluatorTest {
    private static final Duration GRACE = Duration.ofSeconds(40);
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private final NodeHealthEvaluator evaluator = new NodeHealthEvaluator(GRACE, STARTUP);

    private static NodeCondition cond(String type, String status, Instant heartbeat, Instant transition) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason("KubeletReady").withMessage("ok")
                .withLastHeartbeatTime(heartbeat.toString()).withLastTransitionTime(transition.toString()).build();
    }

    private static Node node(Instant created, NodeCondition... conditions) {
        return new NodeBuilder().withNewMetadata().withName("node0").withUid("uid0").withResourceVersion("5")
                .withCreationTimestamp(created.toString()).endMetadata()
                .withStatus(new NodeStatusBuilder().withConditions(List.of(conditions)).build()).build();
    }

    private static Lease lease(Instant renew) {
        return new LeaseBuilder().withNewMetadata().withName("node0").withNamespace("kube-node-lease").endMetadata()
                .withNewSpec().withHolderIdentity("node0").withRenewTime(renew.atZone(ZoneOffset.UTC)).endSpec().build();
    }

    private static NodeCondition get(Node n, String type) {
        return NodeConditionUtil.get(n.getStatus(), type);
    }

    @Test
    void nodeThatNeverPostedStatusGetsUnknownConditionsAfterTheStartupGracePeriod() {
        Node n = node(T0);
        Instant now = T0.plus(STARTUP).plusSeconds(1);

        NodeHealthEvaluator.Outcome o = evaluator.evaluate(n, null, null, now);

        assertThat(o.statusWrite()).isTrue();
        assertThat(o.gracePeriod()).isEqualTo(STARTUP);
        assertThat(o.observedReady().getStatus()).isEqualTo("Unknown");
        for (String type : List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure")) {
            NodeCondition c = get(o.node(), type);
            assertThat(c.getStatus()).as(type).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("NodeStatusNeverUpdated");
            assertThat(c.getMessage()).isEqualTo("Kubelet never posted node status.");
            assertThat(c.getLastHeartbeatTime()).isEqualTo(T0.toString());
            assertThat(c.getLastTransitionTime()).isEqualTo("2024-05-01T10:01:01Z");
        }
        assertThat(get(o.node(), "NetworkUnavailable")).as("managed by the control plane").isNull();
        assertThat(get(n, "Ready")).as("the cached node is not modified").isNull();
    }

    @Test
    void nodeThatNeverPostedStatusIsLeftAloneWithinTheStartupGracePeriod() {
        NodeHealthEvaluator.Outcome o = evaluator.evaluate(node(T0), null, null, T0.plus(STARTUP).minusSeconds(1));

        assertThat(o.statusWrite()).isFalse();
        assertThat(o.currentReady()).isNull();
    }

    @Test
    void staleHeartbeatTurnsKubeletConditionsUnknownAndLeavesUnknownOnesAndNetworkUnavailable() {
        Instant hb = T0;
        Node n = node(T0.minusSeconds(3600), cond("Ready", "True", hb, hb), cond("MemoryPressure", "False", hb, hb),
                cond("DiskPressure", "Unknown", hb, hb), cond("NetworkUnavailable", "False", hb, hb));
        // the controller saw this very status 41 s ago
        NodeHealthData saved = new NodeHealthData(T0, T0, n.getStatus(), null);
        Instant now = T0.plus(GRACE).plusSeconds(1);

        NodeHealthEvaluator.Outcome o = evaluator.evaluate(n, saved, null, now);

        assertThat(o.statusWrite()).isTrue();
        assertThat(o.observedReady().getStatus()).isEqualTo("True");
        assertThat(o.currentReady().getStatus()).isEqualTo("Unknown");
        assertThat(o.currentReady().getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(o.currentReady().getMessage()).isEqualTo("Kubelet stopped posting node status.");
        assertThat(o.currentReady().getLastTransitionTime()).isEqualTo(now.toString());
        assertThat(o.currentReady().getLastHeartbeatTime()).as("heartbeat is the kubelet's").isEqualTo(hb.toString());
        assertThat(get(o.node(), "MemoryPressure").getStatus()).isEqualTo("Unknown");
        assertThat(get(o.node(), "DiskPressure").getLastTransitionTime()).as("already Unknown: untouched").isEqualTo(hb.toString());
        assertThat(get(o.node(), "DiskPressure").getReason()).isEqualTo("KubeletReady");
        assertThat(get(o.node(), "PIDPressure").getReason()).as("absent: never updated").isEqualTo("NodeStatusNeverUpdated");
        assertThat(get(o.node(), "NetworkUnavailable").getStatus()).isEqualTo("False");
        assertThat(o.healthAfterWrite().readyTransitionTimestamp()).isEqualTo(now);
        assertThat(o.healthAfterWrite().probeTimestamp()).isEqualTo(T0);
    }

    @Test
    void withinTheGracePeriodNothingIsWritten() {
        Node n = node(T0.minusSeconds(3600), cond("Ready", "True", T0, T0));
        NodeHealthData saved = new NodeHealthData(T0, T0, n.getStatus(), null);

        assertThat(evaluator.evaluate(n, saved, null, T0.plus(GRACE)).statusWrite()).isFalse();
    }

    @Test
    void aNewHeartbeatIsASignalAndAChangedTransitionMovesTheReadyTransitionTimestamp() {
        Node before = node(T0.minusSeconds(3600), cond("Ready", "False", T0, T0));
        NodeHealthData saved = new NodeHealthData(T0, T0, before.getStatus(), null);
        Instant now = T0.plus(GRACE).plusSeconds(30);
        Node same = node(T0.minusSeconds(3600), cond("Ready", "False", now.minusSeconds(1), T0));
        Node flipped = node(T0.minusSeconds(3600), cond("Ready", "True", now.minusSeconds(1), now.minusSeconds(1)));

        NodeHealthEvaluator.Outcome o1 = evaluator.evaluate(same, saved, null, now);
        NodeHealthEvaluator.Outcome o2 = evaluator.evaluate(flipped, saved, null, now);

        assertThat(o1.statusWrite()).isFalse();
        assertThat(o1.health().probeTimestamp()).isEqualTo(now);
        assertThat(o1.health().readyTransitionTimestamp()).isEqualTo(T0);
        assertThat(o2.statusWrite()).isFalse();
        assertThat(o2.health().readyTransitionTimestamp()).isEqualTo(now);
    }

    @Test
    void aRenewedLeaseKeepsTheNodeHealthyWithoutStatusUpdates() {
        Node n = node(T0.minusSeconds(3600), cond("Ready", "True", T0, T0));
        NodeHealthData saved = new NodeHealthData(T0, T0, n.getStatus(), lease(T0));
        Instant now = T0.plus(GRACE).plusSeconds(10);

        NodeHealthEvaluator.Outcome renewed = evaluator.evaluate(n, saved, lease(now.minusSeconds(2)), now);
        NodeHealthEvaluator.Outcome notRenewed = evaluator.evaluate(n, saved, lease(T0), now);

        assertThat(renewed.statusWrite()).isFalse();
        assertThat(renewed.health().probeTimestamp()).isEqualTo(now);
        assertThat(renewed.health().lease().getSpec().getRenewTime().toInstant()).isEqualTo(now.minusSeconds(2));
        assertThat(notRenewed.statusWrite()).isTrue();
        assertThat(notRenewed.currentReady().getStatus()).isEqualTo("Unknown");
    }

    @Test
    void aLeaseSeenForTheFirstTimeCountsAsASignal() {
        Node n = node(T0.minusSeconds(3600), cond("Ready", "True", T0, T0));
        NodeHealthData saved = new NodeHealthData(T0, T0, n.getStatus(), null);
        Instant now = T0.plus(GRACE).plusSeconds(10);

        NodeHealthEvaluator.Outcome o = evaluator.evaluate(n, saved, lease(T0), now);

        assertThat(o.statusWrite()).isFalse();
        assertThat(o.health().probeTimestamp()).isEqualTo(now);
    }

    @Test
    void aNodeAlreadyUnknownIsNotWrittenAgain() {
        Node n = node(T0.minusSeconds(3600), cond("Ready", "Unknown", T0, T0), cond("MemoryPressure", "False", T0, T0));
        NodeHealthData saved = new NodeHealthData(T0, T0, n.getStatus(), null);

        NodeHealthEvaluator.Outcome o = evaluator.evaluate(n, saved, null, T0.plus(GRACE).plusSeconds(100));

        assertThat(o.statusWrite()).as("the Ready condition did not change").isFalse();
        assertThat(o.currentReady().getStatus()).isEqualTo("Unknown");
    }

    @Test
    void firstObservationStartsTheClockNow() {
        Node n = node(T0.minusSeconds(3600), cond("Ready", "True", T0.minusSeconds(3000), T0.minusSeconds(3000)));

        NodeHealthEvaluator.Outcome o = evaluator.evaluate(n, null, null, T0);

        assertThat(o.statusWrite()).isFalse();
        assertThat(o.health().probeTimestamp()).isEqualTo(T0);
    }
}
