package io.kubeboot.apiserver.registry.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubeboot.apiserver.registry.pods.Expect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.registry.pods.Expect.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** After upstream's {@code TestValidateSecret}, {@code TestValidateDockerConfigSecret}, {@code TestValidateBasicAuthSecret}, ... */
class SecretStrategyTest {
    private final SecretStrategy strategy = new SecretStrategy();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private Secret secret(String type, Map<String, String> plainData) {
        Map<String, String> data = new LinkedHashMap<>();
        if (plainData != null) {
            plainData.forEach((k, v) -> data.put(k, b64(v)));
        }
        Secret s = new SecretBuilder().withNewMetadata().withName("s").withNamespace("ns").endMetadata()
                .withType(type).withData(data).build();
        strategy.applyDefaults(s);
        return s;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("opaque", null, Map.of("k", "v"), none()),
                arguments("bad key", "Opaque", Map.of("a b", "v"), of(invalid("data[a b]"))),
                arguments("dockercfg without key", "kubernetes.io/dockercfg", Map.of(), of(required("data[.dockercfg]"))),
                arguments("dockercfg not json", "kubernetes.io/dockercfg", Map.of(".dockercfg", "{bad"), of(invalid("data[.dockercfg]"))),
                arguments("dockerconfigjson valid", "kubernetes.io/dockerconfigjson", Map.of(".dockerconfigjson", "{\"auths\":{}}"), none()),
                arguments("dockerconfigjson missing", "kubernetes.io/dockerconfigjson", Map.of(), of(required("data[.dockerconfigjson]"))),
                arguments("basic auth without fields", "kubernetes.io/basic-auth", Map.of(),
                        of(required("data[username]"), required("data[password]"))),
                arguments("basic auth with password only", "kubernetes.io/basic-auth", Map.of("password", "p"), none()),
                arguments("ssh auth empty key", "kubernetes.io/ssh-auth", Map.of("ssh-privatekey", ""), of(required("data[ssh-privatekey]"))),
                arguments("tls without key", "kubernetes.io/tls", Map.of("tls.crt", "c"), of(required("data[tls.key]"))),
                arguments("service account token without annotation", "kubernetes.io/service-account-token", Map.of(),
                        of(required("metadata.annotations[kubernetes.io/service-account.name]"))),
                arguments("custom type", "example.com/custom", Map.of(), none()),
                arguments("over 1 MiB", "Opaque", Map.of("big", "x".repeat(1024 * 1024 + 1)), of(tooLong("data"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, String type, Map<String, String> data, List<Expect> expected) {
        assertErrors(strategy.validate(secret(type, data)), expected);
    }

    @Test
    void defaultsTypeAndFoldsStringData() {
        Secret s = new SecretBuilder().withNewMetadata().withName("s").endMetadata().withData(Map.of("a", b64("1")))
                .withStringData(Map.of("b", "two", "a", "one")).build();
        strategy.applyDefaults(s);
        assertThat(s.getType()).isEqualTo("Opaque");
        assertThat(s.getStringData()).isNull();
        assertThat(s.getData()).containsEntry("a", b64("one")).containsEntry("b", b64("two"));
    }

    @Test
    void invalidBase64IsRejected() {
        Secret s = new SecretBuilder().withNewMetadata().withName("s").endMetadata().withType("Opaque")
                .withData(Map.of("k", "not base64!")).build();
        assertErrors(strategy.validate(s), of(invalid("data[k]")));
    }

    @Test
    void typeIsImmutableAndImmutableSecretsAreFrozen() {
        Secret old = secret("kubernetes.io/tls", Map.of("tls.crt", "c", "tls.key", "k"));
        Secret retyped = secret("Opaque", Map.of("tls.crt", "c", "tls.key", "k"));
        assertErrors(strategy.validateUpdate(retyped, old), of(invalid("type")));
        Secret frozen = secret("Opaque", Map.of("k", "v"));
        frozen.setImmutable(true);
        Secret changed = secret("Opaque", Map.of("k", "w"));
        changed.setImmutable(true);
        assertErrors(strategy.validateUpdate(changed, frozen), of(forbidden("data")));
    }
}
