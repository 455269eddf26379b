package io.kubeboot.apiserver.registry.configmaps;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.apiserver.registry.pods.Expect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.registry.pods.Expect.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** After upstream's {@code TestValidateConfigMap} / {@code TestValidateConfigMapUpdate}. */
class ConfigMapStrategyTest {
    private final ConfigMapStrategy strategy = new ConfigMapStrategy();

    private static ConfigMap cm(Map<String, String> data, Map<String, String> binary) {
        return new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace("ns").endMetadata()
                .withData(data).withBinaryData(binary).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("valid keys", Map.of("key", "v", "key.dot", "v", "KEY_U", "v", ".dotfile", "v"), null, none()),
                arguments("key with space", Map.of("a b", "v"), null, of(invalid("data[a b]"))),
                arguments("key '..'", Map.of("..", "v"), null, of(invalid("data[..]"))),
                arguments("binary key", null, Map.of("a/b", "AA=="), of(invalid("binaryData[a/b]"))),
                arguments("key in both", Map.of("k", "v"), Map.of("k", "AA=="), of(invalid("data[k]"))),
                arguments("over 1 MiB", Map.of("big", "x".repeat(1024 * 1024 + 1)), null, of(tooLong(""))),
                arguments("exactly 1 MiB", Map.of("big", "x".repeat(1024 * 1024)), null, none()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, Map<String, String> data, Map<String, String> binary, List<Expect> expected) {
        assertErrors(strategy.validate(cm(data, binary)), expected);
    }

    @Test
    void tooLongMessage() {
        assertThat(strategy.validate(cm(Map.of("big", "x".repeat(1024 * 1024 + 1)), null)).list())
                .extracting(FieldError::toString).containsExactly(": Too long: may not be more than 1048576 bytes");
    }

    @Test
    void immutableConfigMapsKeepTheirData() {
        ConfigMap old = cm(Map.of("k", "v"), null);
        old.setImmutable(true);
        ConfigMap changed = cm(Map.of("k", "w"), null);
        changed.setImmutable(true);
        assertErrors(strategy.validateUpdate(changed, old), of(forbidden("data")));
        ConfigMap unlocked = cm(Map.of("k", "v"), null);
        assertErrors(strategy.validateUpdate(unlocked, old), of(forbidden("immutable")));
        ConfigMap mutable = cm(Map.of("k", "v"), null);
        assertErrors(strategy.validateUpdate(cm(Map.of("k", "w"), null), mutable), none());
    }
}
