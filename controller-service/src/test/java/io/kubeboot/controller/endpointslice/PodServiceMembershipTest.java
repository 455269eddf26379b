package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubeboot.runtime.controller.ObjectKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream {@code TestGetServicesToUpdateOnPodChange} (controller_utils_test.go). */
class PodServiceMembershipTest {
    private static final Service WEB = svc("web", Map.of("app", "web"));
    private static final Service API = svc("api", Map.of("app", "api"));
    private static final Service NO_SELECTOR = svc("manual", Map.of());
    private final PodServiceMembership membership = new PodServiceMembership(ns -> List.of(WEB, API, NO_SELECTOR));

    private static Service svc(String name, Map<String, String> selector) {
        return new ServiceBuilder().withNewMetadata().withNamespace("ns").withName(name).endMetadata()
                .withNewSpec().withSelector(selector).endSpec().build();
    }

    private static Pod base() {
        return TestPods.ready("p", "10.0.0.1");
    }

    private static Pod next(Pod p, java.util.function.UnaryOperator<PodBuilder> change) {
        return change.apply(new PodBuilder(p).editMetadata().withResourceVersion("2").endMetadata()).build();
    }

    private static final ObjectKey K_WEB = new ObjectKey("ns", "web");
    private static final ObjectKey K_API = new ObjectKey("ns", "api");

    static Stream<Arguments> cases() {
        Pod p = base();
        return Stream.of(
                Arguments.of("no change (resync)", p, p, Set.of()),
                Arguments.of("only the resourceVersion changed", p, next(p, b -> b), Set.of()),
                Arguments.of("readiness changed", p, next(p, b -> b.editStatus().editFirstCondition().withStatus("False").endCondition().endStatus()), Set.of(K_WEB)),
                Arguments.of("IP changed", p, next(p, b -> b.editStatus().withPodIPs().addNewPodIP().withIp("10.0.0.9").endPodIP().endStatus()), Set.of(K_WEB)),
                Arguments.of("deletionTimestamp set", p, next(p, b -> b.editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata()), Set.of(K_WEB)),
                Arguments.of("labels changed only: services joined and left", p,
                        next(p, b -> b.editMetadata().withLabels(Map.of("app", "api")).endMetadata()), Set.of(K_WEB, K_API)),
                Arguments.of("labels changed to still match the same service", p,
                        next(p, b -> b.editMetadata().withLabels(Map.of("app", "web", "x", "y")).endMetadata()), Set.of()),
                Arguments.of("labels and readiness changed: union", p,
                        next(p, b -> b.editMetadata().withLabels(Map.of("app", "web", "x", "y")).endMetadata()
                                .editStatus().editFirstCondition().withStatus("False").endCondition().endStatus()), Set.of(K_WEB)),
                Arguments.of("hostname changed counts as a label change", p,
                        next(p, b -> b.editSpec().withHostname("h").endSpec()), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsTheServicesAPodChangeConcerns(String name, Pod old, Pod cur, Set<ObjectKey> expected) {
        assertThat(membership.servicesToUpdateOnPodChange(old, cur)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void membershipsIgnoreServicesWithoutSelector() {
        Pod unlabelled = new PodBuilder(base()).editMetadata().withLabels(Map.of()).endMetadata().build();
        assertThat(membership.memberships(base())).containsExactly(K_WEB);
        assertThat(membership.memberships(unlabelled)).isEmpty();
    }
}
