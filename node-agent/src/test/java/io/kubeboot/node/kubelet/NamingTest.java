package io.kubeboot.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Container naming, hashing, keys and Go duration strings as upstream prints them. */
class NamingTest {
    @Test
    void hashMatchesUpstreamsConsistentHashSample() {
        // container_hash_test.go TestConsistentHashContainer: only name and image count since 1.31
        Container sample = new ContainerBuilder().withName("test_container").withImage("foo/image:v1")
                .withCommand("/bin/testcmd").withArgs("/bin/sh", "-c", "echo abc").addNewEnv().withName("ENV_FOO").withValue("bar").endEnv()
                .build();
        assertThat(ContainerHash.hash(sample)).isEqualTo(0x8e45cbd0L);
        assertThat(ContainerHash.label(sample)).isEqualTo("8e45cbd0");
    }

    @Test
    void hashChangesWithTheImageOnly() {
        Container a = new ContainerBuilder().withName("c").withImage("nginx:1.14.2").build();
        Container b = new ContainerBuilder().withName("c").withImage("nginx:1.16.1").build();
        Container c = new ContainerBuilder().withName("c").withImage("nginx:1.14.2").withArgs("x").build();
        assertThat(ContainerHash.hash(a)).isNotEqualTo(ContainerHash.hash(b)).isEqualTo(ContainerHash.hash(c));
    }

    @Test
    void dockershimContainerNameAndPodFormat() {
        Pod pod = Fixtures.pod("Always", "nginx");
        assertThat(PodNames.containerName(pod, pod.getSpec().getContainers().get(0), 3))
                .isEqualTo("k8s_nginx_foo_new_12345678_3");
        assertThat(PodNames.format(pod)).isEqualTo("foo_new(12345678)");
        assertThat(PodNames.stableKey(pod, pod.getSpec().getContainers().get(0)))
                .startsWith("foo_new_12345678_nginx_").startsWith(PodNames.keyPrefix(pod));
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "10, 10s", "20, 20s", "80, 1m20s", "160, 2m40s", "300, 5m0s", "3600, 1h0m0s"})
    void goDurationStrings(long seconds, String expected) {
        assertThat(GoDurations.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void subSecondDurations() {
        assertThat(GoDurations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDurations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(List.of(GoDurations.format(Duration.ofMillis(61_100)))).containsExactly("1m1.1s");
    }
}
