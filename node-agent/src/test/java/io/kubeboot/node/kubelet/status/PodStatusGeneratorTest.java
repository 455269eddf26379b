package io.kubeboot.node.kubelet.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.doubles.ProbeManagerDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.kubeboot.node.kubelet.Fixtures.UID;
import static io.kubeboot.node.kubelet.Fixtures.exited;
import static io.kubeboot.node.kubelet.Fixtures.pod;
import static io.kubeboot.node.kubelet.Fixtures.running;
import static io.kubeboot.node.kubelet.Fixtures.sandbox;
import static io.kubeboot.node.kubelet.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** generateAPIPodStatus / convertToAPIContainerStatuses behaviour (upstream kubelet_pods_test.go cases where they exist). */
class PodStatusGeneratorTest {
    private ProbeManagerDouble probes;
    private ReasonCache reasons;
    private PodStatusGenerator generator;

    @BeforeEach
    void setUp() {
        probes = new ProbeManagerDouble();
        reasons = new ReasonCache();
        generator = new PodStatusGenerator("127.0.0.2", "docker", probes, reasons);
    }

    private static Map<String, PodCondition> conditions(PodStatus s) {
        return s.getConditions().stream().collect(Collectors.toMap(PodCondition::getType, c -> c));
    }

    @Test
    void runningPodReportsIdsIpsConditionsAndReadiness() {
        Pod p = pod("Always", "foo1");
        RuntimePod rp = new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)), List.of(running("c1", spec(p, "foo1"), 3, 1)));
        PodStatus s = generator.generate(p, rp, null, false);

        assertThat(s.getPhase()).isEqualTo("Running");
        assertThat(s.getPodIP()).isEqualTo("10.244.0.5");
        assertThat(s.getPodIPs()).extracting("ip").containsExactly("10.244.0.5");
        assertThat(s.getHostIP()).isEqualTo("127.0.0.2");
        assertThat(s.getHostIPs()).extracting("ip").containsExactly("127.0.0.2");
        assertThat(s.getQosClass()).isEqualTo("BestEffort");
        ContainerStatus c = s.getContainerStatuses().get(0);
        assertThat(c.getContainerID()).isEqualTo("docker://c1");
        assertThat(c.getImage()).isEqualTo("busybox:1.28");
        assertThat(c.getImageID()).isEqualTo("docker://sha256:abc");
        assertThat(c.getRestartCount()).isEqualTo(3);
        assertThat(c.getReady()).isTrue();
        assertThat(c.getStarted()).isTrue();
        assertThat(c.getState().getRunning().getStartedAt()).isEqualTo("2024-05-01T10:00:02Z");
        assertThat(conditions(s)).extractingByKeys("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")
                .extracting(PodCondition::getStatus).containsOnly("True");
        assertThat(s.getConditions()).extracting(PodCondition::getType)
                .containsExactly("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled");
    }

    @Test
    void nothingCreatedYetIsContainerCreating() {
        Pod p = pod("Always", "foo1");
        PodStatus s = generator.generate(p, RuntimePod.empty(UID), null, false);
        assertThat(s.getPhase()).isEqualTo("Pending");
        assertThat(s.getPodIP()).isNull();
        ContainerStatus c = s.getContainerStatuses().get(0);
        assertThat(c.getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        assertThat(c.getReady()).isFalse();
        assertThat(c.getStarted()).isFalse();
        assertThat(conditions(s).get("PodReadyToStartContainers").getStatus()).isEqualTo("False");
        assertThat(conditions(s).get("ContainersReady").getMessage()).isEqualTo("containers with unready status: [foo1]");
    }

    @Test
    void initContainersMakeEveryContainerPodInitializing() {
        Pod p = pod("Always", List.of("init1"), "foo1");
        PodStatus s = generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)), List.of()), null, false);
        assertThat(s.getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("PodInitializing");
        assertThat(s.getInitContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("PodInitializing");
        assertThat(conditions(s).get("Initialized").getMessage()).isEqualTo("containers with incomplete status: [init1]");
    }

    @Test
    void completedInitContainerIsReadyButNotStarted() {
        Pod p = pod("Always", List.of("init1"), "foo1");
        RuntimePod rp = new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)),
                List.of(exited("i1", spec(p, "init1"), 0, 0, 1), running("c1", spec(p, "foo1"), 0, 2)));
        PodStatus s = generator.generate(p, rp, null, false);
        ContainerStatus init = s.getInitContainerStatuses().get(0);
        assertThat(init.getReady()).isTrue();
        assertThat(init.getStarted()).isFalse();
        assertThat(init.getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(conditions(s).get("Initialized").getStatus()).isEqualTo("True");
        assertThat(s.getPhase()).isEqualTo("Running");
    }

    @Test
    void crashLoopShowsTheBackOffReasonAndTheLastTermination() {
        Pod p = pod("Always", "foo1");
        RuntimePod rp = new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)),
                List.of(exited("c1", spec(p, "foo1"), 1, 0, 1), exited("c2", spec(p, "foo1"), 1, 1, 5)));
        reasons.put(UID, "foo1", "CrashLoopBackOff", "back-off 10s restarting failed container=foo1 pod=foo_new(12345678)");
        PodStatus s = generator.generate(p, rp, null, false);
        ContainerStatus c = s.getContainerStatuses().get(0);
        assertThat(c.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(c.getState().getWaiting().getMessage()).isEqualTo("back-off 10s restarting failed container=foo1 pod=foo_new(12345678)");
        assertThat(c.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(c.getLastState().getTerminated().getContainerID()).isEqualTo("docker://c2");
        assertThat(c.getRestartCount()).isEqualTo(1);
        assertThat(s.getPhase()).isEqualTo("Running");
    }

    @Test
    void runningContainerShowsItsPreviousInstanceAsLastState() {
        Pod p = pod("Always", "foo1");
        RuntimePod rp = new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)),
                List.of(exited("c1", spec(p, "foo1"), 2, 0, 1), running("c2", spec(p, "foo1"), 1, 5)));
        ContainerStatus c = generator.generate(p, rp, null, false).getContainerStatuses().get(0);
        assertThat(c.getState().getRunning()).isNotNull();
        assertThat(c.getLastState().getTerminated().getExitCode()).isEqualTo(2);
        assertThat(c.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(c.getRestartCount()).isEqualTo(1);
    }

    @Test
    void imagePullFailureOfANeverCreatedContainer() {
        Pod p = pod("Always", "foo1");
        reasons.put(UID, "foo1", "ErrImagePull", "pull access denied");
        ContainerStatus c = generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)), List.of()), null, false)
                .getContainerStatuses().get(0);
        assertThat(c.getState().getWaiting().getReason()).isEqualTo("ErrImagePull");
        assertThat(c.getState().getWaiting().getMessage()).isEqualTo("pull access denied");
    }

    @Test
    void aContainerThatWillNotRestartKeepsItsTerminatedState() {
        Pod p = pod("Never", "foo1");
        reasons.put(UID, "foo1", "CrashLoopBackOff", "stale");
        PodStatus s = generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)),
                List.of(exited("c1", spec(p, "foo1"), 3, 0, 1))), null, false);
        assertThat(s.getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(s.getPhase()).isEqualTo("Failed");
        assertThat(conditions(s).get("Ready").getReason()).isEqualTo("PodFailed");
    }

    @Test
    void readinessComesFromTheProbeManager() {
        Pod p = pod("Always", "foo1", "foo2");
        probes.notReady.add("foo2");
        PodStatus s = generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)),
                List.of(running("c1", spec(p, "foo1"), 0, 1), running("c2", spec(p, "foo2"), 0, 2))), null, false);
        assertThat(s.getContainerStatuses()).extracting(ContainerStatus::getReady).containsExactly(true, false);
        assertThat(conditions(s).get("Ready").getStatus()).isEqualTo("False");
        assertThat(conditions(s).get("Ready").getMessage()).isEqualTo("containers with unready status: [foo2]");
    }

    @Test
    void terminatingPodWithStoppedContainersIsTerminal() {
        Pod p = pod("Always", "foo1", "foo2");
        RuntimePod stopped = new RuntimePod(UID, List.of(sandbox("sb1", false, 0, 0)),
                List.of(exited("c1", spec(p, "foo1"), 0, 0, 1), exited("c2", spec(p, "foo2"), 143, 0, 2)));
        assertThat(generator.generate(p, stopped, null, true).getPhase()).isEqualTo("Failed");
        assertThat(generator.generate(p, stopped, null, false).getPhase()).isEqualTo("Running");
    }

    @Test
    void aTerminalApiPhaseIsNeverLeft() {
        Pod p = new PodBuilder(pod("Always", "foo1")).withNewStatus().withPhase("Succeeded").endStatus().build();
        PodStatus s = generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)),
                List.of(running("c1", spec(p, "foo1"), 0, 1))), null, false);
        assertThat(s.getPhase()).isEqualTo("Succeeded");
    }

    @Test
    void nonKubeletConditionsAreKept() {
        Pod p = new PodBuilder(pod("Always", "foo1")).withNewStatus()
                .addNewCondition().withType("example.com/gate").withStatus("True").endCondition()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
        PodStatus s = generator.generate(p, RuntimePod.empty(UID), null, false);
        assertThat(s.getConditions()).extracting(PodCondition::getType)
                .containsExactly("example.com/gate", "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled");
        assertThat(conditions(s).get("Ready").getStatus()).isEqualTo("False");
    }

    @Test
    void hostNetworkPodsGetTheNodeAddress() {
        Pod p = new PodBuilder(pod("Always", "foo1")).editSpec().withHostNetwork(true).endSpec().build();
        PodStatus s = generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)), List.of()), null, false);
        assertThat(s.getPodIP()).isEqualTo("127.0.0.2");
    }

    @Test
    void aVanishedRunningContainerCountsAsTerminatedWithUnknownStatus() {
        Pod p = pod("Always", "foo1");
        PodStatus old = generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)),
                List.of(running("c1", spec(p, "foo1"), 0, 1))), null, false);
        PodStatus s = generator.generate(p, new RuntimePod(UID, List.of(sandbox("sb1", true, 0, 0)), List.of()), old, false);
        ContainerStatus c = s.getContainerStatuses().get(0);
        assertThat(c.getLastState().getTerminated().getReason()).isEqualTo("ContainerStatusUnknown");
        assertThat(c.getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(c.getRestartCount()).isEqualTo(1);
    }
}
