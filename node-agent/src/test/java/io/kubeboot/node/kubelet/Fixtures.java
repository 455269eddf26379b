package io.kubeboot.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.SandboxStatus;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pods and runtime objects for the kubelet's tests. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    public static final String UID = "12345678";

    private Fixtures() {
    }

    public static Container container(String name) {
        return new ContainerBuilder().withName(name).withImage("busybox:1.28").build();
    }

    /** A pod with regular containers foo1..fooN (and the given init containers), restart policy as given. */
    public static Pod pod(String restartPolicy, List<String> inits, String... containers) {
        return new PodBuilder().withNewMetadata().withName("foo").withNamespace("new").withUid(UID).endMetadata()
                .withNewSpec().withNodeName("node-1").withRestartPolicy(restartPolicy)
                .withInitContainers(inits.stream().map(Fixtures::container).toList())
                .withContainers(Arrays.stream(containers).map(Fixtures::container).toList())
                .endSpec().build();
    }

    public static Pod pod(String restartPolicy, String... containers) {
        return pod(restartPolicy, List.of(), containers);
    }

    public static SandboxStatus sandbox(String id, boolean running, int attempt, int createdSecond) {
        Map<String, String> labels = new HashMap<>();
        labels.put(RuntimePod.SANDBOX_ATTEMPT, Integer.toString(attempt));
        labels.put(RuntimeLabels.POD_UID, UID);
        return new SandboxStatus(id, UID, running, "10.244.0.5", T0.plusSeconds(createdSecond), labels);
    }

    /** A runtime container of {@code spec} (its hash label matches the spec). */
    public static ContainerStatus running(String id, Container spec, int restartCount, int createdSecond) {
        return status(id, spec, ContainerStatus.State.RUNNING, 0, restartCount, createdSecond);
    }

    public static ContainerStatus exited(String id, Container spec, int exitCode, int restartCount, int createdSecond) {
        return status(id, spec, ContainerStatus.State.EXITED, exitCode, restartCount, createdSecond);
    }

    public static ContainerStatus status(String id, Container spec, ContainerStatus.State state, int exitCode,
                                         int restartCount, int createdSecond) {
        Map<String, String> labels = new HashMap<>();
        labels.put(RuntimeLabels.RESTART_COUNT, Integer.toString(restartCount));
        labels.put(RuntimeLabels.CONTAINER_HASH, ContainerHash.label(spec));
        labels.put(RuntimeLabels.POD_UID, UID);
        labels.put(RuntimeLabels.CONTAINER_NAME, spec.getName());
        Instant created = T0.plusSeconds(createdSecond);
        boolean exitedState = state == ContainerStatus.State.EXITED;
        return new ContainerStatus(id, "sb1", UID, spec.getName(), state, exitCode,
                exitedState ? (exitCode == 0 ? "Completed" : "Error") : null, null, created,
                state == ContainerStatus.State.CREATED ? null : created.plusSeconds(1),
                exitedState ? created.plusSeconds(2) : null, spec.getImage(), "sha256:abc", labels);
    }

    public static Container spec(Pod pod, String name) {
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return pod.getSpec().getInitContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }
}
