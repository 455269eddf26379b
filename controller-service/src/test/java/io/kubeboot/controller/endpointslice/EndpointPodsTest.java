package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream {@code TestFindPort} and {@code TestShouldPodBeInEndpoints}. */
class EndpointPodsTest {

    private static Pod podWithPorts(List<io.fabric8.kubernetes.api.model.Container> containers,
                                    List<io.fabric8.kubernetes.api.model.Container> init) {
        return new PodBuilder().withNewMetadata().withName("p").withUid("uid").endMetadata()
                .withNewSpec().withContainers(containers).withInitContainers(init).endSpec().build();
    }

    private static io.fabric8.kubernetes.api.model.Container ctr(String restartPolicy, Object... namePortProto) {
        ContainerBuilder b = new ContainerBuilder().withName("c").withRestartPolicy(restartPolicy);
        for (int i = 0; i < namePortProto.length; i += 3) {
            b.addToPorts(new ContainerPortBuilder().withName((String) namePortProto[i]).withContainerPort((Integer) namePortProto[i + 1])
                    .withProtocol((String) namePortProto[i + 2]).build());
        }
        return b.build();
    }

    static Stream<Arguments> findPortCases() {
        return Stream.of(
                Arguments.of("valid int, no ports", List.of(ctr(null)), List.of(), new IntOrString(93), "TCP", 93),
                Arguments.of("valid int, with ports", List.of(ctr(null, "", 11, "TCP")), List.of(), new IntOrString(93), "TCP", 93),
                Arguments.of("valid str, no ports", List.of(ctr(null)), List.of(), new IntOrString("p"), "TCP", -1),
                Arguments.of("valid str, one ctr with ports", List.of(ctr(null, "", 11, "UDP", "p", 22, "TCP", "q", 33, "TCP")),
                        List.of(), new IntOrString("q"), "TCP", 33),
                Arguments.of("valid str, two ctr with ports",
                        List.of(ctr(null), ctr(null, "", 11, "UDP", "p", 22, "TCP", "q", 33, "TCP")), List.of(), new IntOrString("q"), "TCP", 33),
                Arguments.of("valid str, two ctr with same port",
                        List.of(ctr(null), ctr(null, "", 11, "UDP", "p", 22, "TCP", "q", 22, "TCP")), List.of(), new IntOrString("q"), "TCP", 22),
                Arguments.of("valid str, invalid protocol", List.of(ctr(null, "a", 11, "SCTP")), List.of(), new IntOrString("a"), "TCP", -1),
                Arguments.of("valid str, sidecar init container", List.of(ctr(null)), List.of(ctr("Always", "s", 44, "TCP")),
                        new IntOrString("s"), "TCP", 44),
                Arguments.of("valid str, plain init container is not looked at", List.of(ctr(null)), List.of(ctr(null, "s", 44, "TCP")),
                        new IntOrString("s"), "TCP", -1),
                Arguments.of("valid str, unset protocols default to TCP", List.of(ctr(null, "web", 8080, null)), List.of(),
                        new IntOrString("web"), null, 8080));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findPortCases")
    void findsTheTargetPort(String name, List<io.fabric8.kubernetes.api.model.Container> containers,
                            List<io.fabric8.kubernetes.api.model.Container> init, IntOrString target, String protocol, int expected) {
        OptionalInt got = EndpointPods.findPort(podWithPorts(containers, init),
                new ServicePortBuilder().withPort(80).withTargetPort(target).withProtocol(protocol).build());
        if (expected < 0) {
            assertThat(got).isEmpty();
        } else {
            assertThat(got).hasValue(expected);
        }
    }

    static Stream<Arguments> shouldBeInEndpointsCases() {
        return Stream.of(
                Arguments.of("Failed pod", TestPods.pod("p", "1.2.3.4", true).editStatus().withPhase("Failed").endStatus().build(), false, false),
                Arguments.of("Succeeded pod", TestPods.pod("p", "1.2.3.4", true).editStatus().withPhase("Succeeded").endStatus().build(), true, false),
                Arguments.of("Running pod", TestPods.pod("p", "1.2.3.4", true).build(), false, true),
                Arguments.of("Pending pod with IP", TestPods.pod("p", "1.2.3.4", false).editStatus().withPhase("Pending").endStatus().build(), false, true),
                Arguments.of("Pod without IP", TestPods.pod("p", null, true).build(), false, false),
                Arguments.of("Terminating pod, includeTerminating=false",
                        TestPods.pod("p", "1.2.3.4", true).editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata().build(), false, false),
                Arguments.of("Terminating pod, includeTerminating=true",
                        TestPods.pod("p", "1.2.3.4", true).editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata().build(), true, true),
                Arguments.of("Pod with podIP only (no podIPs)",
                        TestPods.pod("p", null, true).editStatus().withPodIP("1.2.3.4").endStatus().build(), false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shouldBeInEndpointsCases")
    void decidesWhichPodsArePublished(String name, Pod pod, boolean includeTerminating, boolean expected) {
        assertThat(EndpointPods.shouldPodBeInEndpoints(pod, includeTerminating)).isEqualTo(expected);
    }
}
