package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.node.kubelet.ContainerHash;
import io.kubeboot.node.kubelet.Fixtures;
import io.kubeboot.node.kubelet.KubeletException;
import io.kubeboot.node.kubelet.doubles.SeamDoubles;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.RuntimeLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Container resources (helpers_linux_test.go), $(VAR) expansion (expand_test.go) and the container's runtime spec. */
class ContainerConfigTest {
    @ParameterizedTest
    @CsvSource({"0, 2", "1, 2", "2, 2", "3, 3", "100, 102", "250, 256", "1000, 1024", "500000, 262144"})
    void milliCpuToShares(long milli, long shares) {
        assertThat(ContainerResources.milliCpuToShares(milli)).isEqualTo(shares);
    }

    @ParameterizedTest
    @CsvSource({"0, 100000, 0", "5, 100000, 1000", "9, 100000, 1000", "10, 100000, 1000", "200, 100000, 20000", "500, 100000, 50000", "1000, 100000, 100000", "1500, 100000, 150000"})
    void milliCpuToQuota(long milli, long period, long quota) {
        assertThat(ContainerResources.milliCpuToQuota(milli, period)).isEqualTo(quota);
    }

    @ParameterizedTest
    @CsvSource(value = {
            "cpu=250m;memory=64Mi | '' | 256 | 0 | 0 | 0",
            "cpu=250m | cpu=500m;memory=128Mi | 256 | 50000 | 100000 | 134217728",
            "'' | cpu=1 | 1024 | 100000 | 100000 | 0",
            "'' | '' | 2 | 0 | 0 | 0",
    }, delimiter = '|')
    void linuxResources(String requests, String limits, long shares, long quota, long period, long memory) {
        Container c = new ContainerBuilder().withName("c").withNewResources().withRequests(q(requests)).withLimits(q(limits)).endResources().build();
        assertThat(ContainerResources.of(c)).isEqualTo(new ContainerResources.Linux(shares, quota, period, memory));
    }

    private static Map<String, Quantity> q(String spec) {
        if (spec == null || spec.isBlank()) {
            return Map.of();
        }
        java.util.Map<String, Quantity> m = new java.util.HashMap<>();
        for (String kv : spec.trim().split(";")) {
            String[] p = kv.split("=");
            m.put(p[0], new Quantity(p[1]));
        }
        return m;
    }

    @Test
    void containerSpecCarriesNameLabelsResourcesAndExpandedArgs() {
        Pod pod = new PodBuilder(Fixtures.pod("Always")).editSpec().withTerminationGracePeriodSeconds(45L)
                .withContainers(new ContainerBuilder().withName("app").withImage("busybox:1.28")
                        .withCommand("sh", "-c").withArgs("echo $(GREETING)").withWorkingDir("/tmp").withTty(true)
                        .addNewEnv().withName("GREETING").withValue("hello").endEnv()
                        .withNewResources().withLimits(Map.of("memory", new Quantity("64Mi"))).endResources().build())
                .endSpec().build();
        Container c = pod.getSpec().getContainers().get(0);
        ContainerSpec spec = new ContainerConfigFactory("node-1", new SeamDoubles.EnvironmentDouble(), new SeamDoubles.VolumeManagerDouble())
                .build(pod, c, false, 2, "10.244.0.5", "127.0.0.1");
        assertThat(spec.name()).isEqualTo("k8s_app_foo_new_12345678_2");
        assertThat(spec.entrypoint()).containsExactly("sh", "-c");
        assertThat(spec.cmd()).containsExactly("echo hello");
        assertThat(spec.env()).containsExactly("GREETING=hello");
        assertThat(spec.workingDir()).isEqualTo("/tmp");
        assertThat(spec.tty()).isTrue();
        assertThat(spec.memoryLimitBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(spec.cpuShares()).isEqualTo(2);
        assertThat(spec.labels()).containsEntry(RuntimeLabels.RESTART_COUNT, "2")
                .containsEntry(RuntimeLabels.CONTAINER_HASH, ContainerHash.label(c))
                .containsEntry(RuntimeLabels.CONTAINER_KIND, "regular")
                .containsEntry(RuntimeLabels.TERMINATION_GRACE_PERIOD, "45")
                .containsEntry(RuntimeLabels.NODE, "node-1")
                .containsEntry(RuntimeLabels.POD_UID, Fixtures.UID)
                .containsEntry(RuntimeLabels.CONTAINER_NAME, "app");
    }

    @Test
    void unresolvableEnvironmentIsACreateContainerConfigError() {
        Pod pod = new PodBuilder(Fixtures.pod("Always")).editSpec().withContainers(new ContainerBuilder().withName("app")
                .withImage("busybox:1.28").addNewEnv().withName("FAIL").endEnv().build()).endSpec().build();
        assertThatThrownBy(() -> new ContainerConfigFactory("n", new SeamDoubles.EnvironmentDouble(), new SeamDoubles.VolumeManagerDouble())
                .build(pod, pod.getSpec().getContainers().get(0), false, 0, null, null))
                .isInstanceOf(KubeletException.class).hasMessage("configmap \"special-config\" not found");
    }
}
