package io.kubeboot.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real kubectl 1.32 protobuf bodies decode to exactly the JSON kubectl itself prints for the same
 * object: Go's JSON of the struct, so unset non-pointer fields (written as zero values on the wire)
 * must not appear and explicit pointers must.
 */
class KubectlCapturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"create-namespace", "create-configmap", "create-secret", "create-deployment",
            "create-service", "create-job", "create-cronjob", "create-serviceaccount", "create-priorityclass",
            "auth-can-i"})
    void decodesToTheJsonKubectlPrints(String capture) throws IOException {
        JsonNode decoded = ProtobufDecoder.decode(resource(capture + ".pb"));

        JsonNode expected = Json.parse(resource(capture + ".json"));
        assertThat(decoded).isEqualTo(expected);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KubectlCapturesTest.class.getResourceAsStream("kubectl/" + name)) {
            assertThat(in).as("test resource kubectl/%s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
