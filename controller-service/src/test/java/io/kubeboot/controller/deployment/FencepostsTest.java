package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream TestResolveFenceposts, TestMaxUnavailable and intstr's TestGetIntFromIntOrPercent. */
class FencepostsTest {
    static IntOrString ios(String s) {
        if (s == null || s.equals("nil")) {
            return null;
        }
        return s.matches("-?\\d+") ? new IntOrString(Integer.parseInt(s)) : new IntOrString(s);
    }

    @ParameterizedTest(name = "surge {0}, unavailable {1}, desired {2}")
    @CsvSource({
            "0%, 0%, 0, 0, 1, false",
            "39%, 39%, 10, 4, 3, false",
            "oops, 1%, 10, 0, 0, true",
            "55%, urg, 10, 0, 0, true",
            "nil, 39%, 10, 0, 3, false",
            "39%, nil, 10, 4, 0, false",
            "nil, nil, 10, 0, 1, false",
            "25%, 25%, 3, 1, 0, false",
            "25%, 25%, 10, 3, 2, false",
    })
    void resolveFenceposts(String surge, String unavailable, int desired, int expSurge, int expUnavailable, boolean error) {
        if (error) {
            assertThatThrownBy(() -> Fenceposts.resolve(ios(surge), ios(unavailable), desired))
                    .hasMessageStartingWith("invalid value for IntOrString");
            return;
        }
        assertThat(Fenceposts.resolve(ios(surge), ios(unavailable), desired))
                .isEqualTo(new Fenceposts.Resolved(expSurge, expUnavailable));
    }

    @ParameterizedTest(name = "{0} of {1} (round up {2}) = {3}")
    @CsvSource({
            "123, 0, false, 123",
            "90%, 100, true, 90",
            "90%, 95, true, 86",
            "90%, 95, false, 85",
    })
    void scaledValueFromIntOrPercent(String in, int total, boolean roundUp, int expected) {
        assertThat(IntOrPercent.scaledValue(ios(in), total, roundUp)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"%", "90#", "#%", "90"})
    void scaledValueRejectsNonPercentages(String in) {
        assertThatThrownBy(() -> IntOrPercent.scaledValue(new IntOrString(in), 10, false)).isInstanceOf(IllegalArgumentException.class);
    }

    static Deployment rolling(int replicas, String maxSurge, String maxUnavailable) {
        return new DeploymentBuilder().withNewMetadata().withName("d").endMetadata().withNewSpec().withReplicas(replicas)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(ios(maxSurge))
                .withMaxUnavailable(ios(maxUnavailable)).endRollingUpdate().endStrategy().endSpec().build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "maxUnavailable less than replicas, 10, 5, 5",
            "maxUnavailable equal replicas, 10, 10, 10",
            "maxUnavailable greater than replicas, 5, 10, 5",
            "maxUnavailable with replicas is 0, 0, 10, 0",
            "maxUnavailable less than replicas with percents, 10, 50%, 5",
            "maxUnavailable equal replicas with percents, 10, 100%, 10",
            "maxUnavailable greater than replicas with percents, 5, 100%, 5",
    })
    void maxUnavailable(String name, int replicas, String maxUnavailable, int expected) {
        assertThat(Fenceposts.maxUnavailable(rolling(replicas, "1", maxUnavailable))).isEqualTo(expected);
    }

    @Test
    void recreateHasNoFenceposts() {
        Deployment d = new DeploymentBuilder(rolling(10, "3", "2")).editSpec().editStrategy().withType("Recreate").endStrategy().endSpec().build();
        assertThat(Fenceposts.maxUnavailable(d)).isZero();
        assertThat(Fenceposts.maxSurge(d)).isZero();
        assertThat(Fenceposts.minAvailable(d)).isZero();
    }

    @Test
    void defaultBoundsOfTheNginxExample() {
        Deployment d = rolling(3, "25%", "25%");
        assertThat(Fenceposts.maxSurge(d)).isEqualTo(1);
        assertThat(Fenceposts.maxUnavailable(d)).isZero();
        assertThat(Fenceposts.minAvailable(d)).isEqualTo(3);
    }
}
