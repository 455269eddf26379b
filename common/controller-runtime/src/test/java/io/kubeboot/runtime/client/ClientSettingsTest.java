package io.kubeboot.runtime.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSettingsTest {

    static Stream<Arguments> environments() {
        return Stream.of(
                Arguments.of(Map.of(), "http://127.0.0.1:6443", null),
                Arguments.of(Map.of("KUBEBOOT_APISERVER_URL", "http://api:8080"), "http://api:8080", null),
                Arguments.of(Map.of("KUBECONFIG", "/etc/kubeboot/admin.conf"), null, "/etc/kubeboot/admin.conf"),
                Arguments.of(Map.of("KUBECONFIG", "/a.conf:/b.conf"), null, "/a.conf"),
                Arguments.of(Map.of("KUBECONFIG", " ", "KUBEBOOT_APISERVER_URL", ""), "http://127.0.0.1:6443", null),
                Arguments.of(Map.of("KUBECONFIG", "/a.conf", "KUBEBOOT_APISERVER_URL", "http://api:8080"), "http://api:8080", "/a.conf"));
    }

    @ParameterizedTest
    @MethodSource("environments")
    void fromEnvironment(Map<String, String> env, String masterUrl, String kubeconfig) {
        ClientSettings s = ClientSettings.fromEnvironment(env);
        assertThat(s.masterUrl()).isEqualTo(masterUrl);
        assertThat(s.kubeconfig()).isEqualTo(kubeconfig);
        assertThat(s.qps()).isEqualTo(5f);
        assertThat(s.burst()).isEqualTo(10);
    }

    @Test
    void unboundValuesGetDefaultsAsSpringBindingLeavesThemNullOrZero() {
        ClientSettings s = new ClientSettings(null, null, 0, 0, null, null);
        assertThat(s).isEqualTo(ClientSettings.defaults());
        assertThat(s.withRateLimit(50, 100)).extracting(ClientSettings::qps, ClientSettings::burst).containsExactly(50f, 100);
        assertThat(s.withRateLimit(-1, 0).qps()).as("negative: unlimited").isEqualTo(-1f);
    }

    @Test
    void requestTimeoutMustBePositive() {
        assertThatThrownBy(() -> ClientSettings.defaults().withRequestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("requestTimeout must be positive");
    }
}
