package io.kubeboot.api.helpers.resource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cases of component-helpers {@code resource/helpers_test.go} (TestPodRequestsAndLimits,
 * TestPodResourceRequests: overhead, init containers, restartable init containers) and of the
 * scheduler's non-zero request defaults ({@code NonMissingContainerRequests}: only missing requests
 * get the default, an explicit zero stays zero).
 */
class PodRequestsTest {
    private static final long MI = 1024L * 1024;

    static Stream<Arguments> requests() {
        return Stream.of(
                // TestPodRequestsAndLimits
                Arguments.of("just-limit-no-overhead",
                        pod(List.of(), List.of(limitsOnly("cpu", "9")), null), Map.of()),
                Arguments.of("just-overhead",
                        pod(List.of(), List.of(new ContainerBuilder().withName("foo").build()), rl("cpu", "5", "memory", "5")),
                        Map.of("cpu", 5000L, "memory", 5L)),
                Arguments.of("req-and-overhead",
                        pod(List.of(), List.of(c(null, "cpu", "1", "memory", "10")), rl("cpu", "5", "memory", "5")),
                        Map.of("cpu", 6000L, "memory", 15L)),
                // TestPodResourceRequests
                Arguments.of("nil options, larger init container",
                        pod(List.of(c(null, "cpu", "4")), List.of(c(null, "cpu", "1")), null), Map.of("cpu", 4000L)),
                Arguments.of("nil options, larger containers",
                        pod(List.of(c(null, "cpu", "2")), List.of(c(null, "cpu", "2"), c(null, "cpu", "3")), null),
                        Map.of("cpu", 5000L)),
                Arguments.of("pod overhead included",
                        pod(List.of(c(null, "cpu", "2")), List.of(c(null, "cpu", "2"), c(null, "cpu", "3")),
                                rl("cpu", "1", "memory", "1Gi")),
                        Map.of("cpu", 6000L, "memory", 1024 * MI)),
                Arguments.of("restartable init container",
                        pod(List.of(c("Always", "cpu", "1")), List.of(c(null, "cpu", "1")), null), Map.of("cpu", 2000L)),
                Arguments.of("multiple restartable init containers",
                        // max(5, restartable init containers(3+2+1) + regular(1)) = 7
                        pod(List.of(c(null, "cpu", "5"), c("Always", "cpu", "1"), c("Always", "cpu", "2"), c("Always", "cpu", "3")),
                                List.of(c(null, "cpu", "1")), null),
                        Map.of("cpu", 7000L)),
                Arguments.of("multiple restartable and regular init containers",
                        // init-2 needs 5 + the sidecars started before it (1+2) = 8; the later sidecar does not count
                        pod(List.of(c(null, "cpu", "5"), c("Always", "cpu", "1"), c("Always", "cpu", "2"), c(null, "cpu", "5"),
                                c("Always", "cpu", "3")), List.of(c(null, "cpu", "1")), null),
                        Map.of("cpu", 8000L)),
                Arguments.of("restartable-init, init and regular",
                        pod(List.of(c("Always", "cpu", "10"), c(null, "cpu", "200")), List.of(c(null, "cpu", "100")), null),
                        Map.of("cpu", 210000L)),
                // exact sums: upstream adds Quantities and rounds once
                Arguments.of("fractions are added before rounding up",
                        pod(List.of(), List.of(c(null, "memory", "500m"), c(null, "memory", "500m"), c(null, "cpu", "0.0005"),
                                c(null, "cpu", "0.0005")), null),
                        Map.of("cpu", 1L, "memory", 1L)),
                Arguments.of("a fraction of a unit rounds up",
                        pod(List.of(), List.of(c(null, "memory", "1500m", "cpu", "100u")), null), Map.of("cpu", 1L, "memory", 2L)),
                Arguments.of("extended resources take the larger of init and app containers",
                        pod(List.of(c(null, "example.com/gpu", "3")), List.of(c(null, "example.com/gpu", "1"), c(null, "example.com/gpu", "1")), null),
                        Map.of("example.com/gpu", 3L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void requests(String name, Pod pod, Map<String, Long> want) {
        assertThat(PodRequests.of(pod, false)).isEqualTo(want);
    }

    static Stream<Arguments> nonZeroRequests() {
        return Stream.of(
                Arguments.of("cpu and memory not found", pod(List.of(), List.of(c(null)), null),
                        Map.of("cpu", 100L, "memory", 200 * MI)),
                Arguments.of("only cpu exists", pod(List.of(), List.of(c(null, "cpu", "200m")), null),
                        Map.of("cpu", 200L, "memory", 200 * MI)),
                Arguments.of("only memory exists", pod(List.of(), List.of(c(null, "memory", "400Mi")), null),
                        Map.of("cpu", 100L, "memory", 400 * MI)),
                Arguments.of("cpu and memory exist", pod(List.of(), List.of(c(null, "cpu", "200m", "memory", "400Mi")), null),
                        Map.of("cpu", 200L, "memory", 400 * MI)),
                Arguments.of("explicit zero stays zero", pod(List.of(), List.of(c(null, "cpu", "0", "memory", "0")), null),
                        Map.of("cpu", 0L, "memory", 0L)),
                Arguments.of("defaults per container", pod(List.of(), List.of(c(null), c(null, "cpu", "1")), null),
                        Map.of("cpu", 1100L, "memory", 400 * MI)),
                Arguments.of("no containers, no defaults", pod(List.of(), List.of(), null), Map.of()),
                Arguments.of("init containers get the defaults too",
                        pod(List.of(c(null, "memory", "1Gi")), List.of(c(null)), null),
                        Map.of("cpu", 100L, "memory", 1024 * MI)),
                Arguments.of("overhead is added after the defaults",
                        pod(List.of(), List.of(c(null)), rl("cpu", "10m")), Map.of("cpu", 110L, "memory", 200 * MI)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nonZeroRequests(String name, Pod pod, Map<String, Long> want) {
        assertThat(PodRequests.of(pod, true)).isEqualTo(want);
    }

    private static Pod pod(List<Container> init, List<Container> containers, Map<String, Quantity> overhead) {
        return new PodBuilder().withNewMetadata().withName("foo").endMetadata()
                .withNewSpec().withInitContainers(init).withContainers(containers).withOverhead(overhead).endSpec().build();
    }

    /** A container with requests given as name, quantity pairs; {@code restartPolicy} "Always" makes a sidecar. */
    private static Container c(String restartPolicy, String... requests) {
        return new ContainerBuilder().withName("c").withRestartPolicy(restartPolicy)
                .withNewResources().withRequests(rl(requests)).endResources().build();
    }

    private static Container limitsOnly(String... limits) {
        return new ContainerBuilder().withName("c").withNewResources().withLimits(rl(limits)).endResources().build();
    }

    private static Map<String, Quantity> rl(String... pairs) {
        Map<String, Quantity> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], new Quantity(pairs[i + 1]));
        }
        return m;
    }
}
