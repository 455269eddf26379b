package io.kubeboot.api.protobuf;

import com.google.protobuf.ByteString;
import io.kubeboot.api.errors.StatusException;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static io.kubeboot.api.protobuf.Envelopes.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Bodies that cannot be decoded fail with the Status kube-apiserver answers (messages of
 * apimachinery's protobuf serializer and scheme), never with an unchecked parser exception.
 */
class ProtobufDecoderErrorsTest {

    private static final byte[] CONFIG_MAP = wrap("v1", "ConfigMap",
            V1.ConfigMap.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("c")).putData("k", "v").build());

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("null body", null, 400, "BadRequest", "empty data"),
                Arguments.of("empty body", new byte[0], 400, "BadRequest", "empty data"),
                Arguments.of("JSON instead of protobuf", "{\"kind\":\"Pod\"}".getBytes(), 400, "BadRequest",
                        "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"),
                Arguments.of("shorter than the magic", new byte[] {'k', '8'}, 400, "BadRequest",
                        "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"),
                Arguments.of("magic only", Envelopes.MAGIC.clone(), 400, "BadRequest", "empty body"),
                Arguments.of("truncated envelope", Arrays.copyOf(CONFIG_MAP, CONFIG_MAP.length - 3), 400,
                        "BadRequest", "unexpected EOF"),
                Arguments.of("garbage after the magic", Envelopes.concat(Envelopes.MAGIC, new byte[] {(byte) 0xff}),
                        400, "BadRequest", null),
                Arguments.of("truncated object", wrap("v1", "ConfigMap",
                        ByteString.copyFrom(new byte[] {0x0a, 0x10, 0x0a})), 400, "BadRequest", "unexpected EOF"),
                Arguments.of("kind missing", wrap("v1", "", ByteString.EMPTY), 400, "BadRequest",
                        "Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"v1\", Kind:\"\"}'"),
                Arguments.of("apiVersion missing", wrap("", "Pod", ByteString.EMPTY), 400, "BadRequest",
                        "Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:\"\", Kind:\"Pod\"}'"),
                Arguments.of("unknown kind of a served group version", wrap("apps/v1", "Widget", ByteString.EMPTY),
                        400, "BadRequest",
                        "no kind \"Widget\" is registered for version \"apps/v1\" in scheme "
                                + "\"pkg/api/legacyscheme/scheme.go:30\""),
                Arguments.of("group version without protobuf (a custom resource)",
                        wrap("example.com/v1", "Widget", ByteString.EMPTY), 415, "UnsupportedMediaType",
                        "the body of the request was in an unknown format - accepted media types include: "
                                + "application/json, application/yaml"),
                Arguments.of("RawExtension that is not JSON", wrap("apps/v1", "ControllerRevision",
                        V1Apps.ControllerRevision.newBuilder().setData(
                                RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{nope"))).build()),
                        400, "BadRequest", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithAStatus(String name, byte[] body, int code, String reason, String message) {
        StatusException e = catchThrowableOfType(StatusException.class, () -> ProtobufDecoder.decode(body));

        assertThat(e).as(name).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.reason()).isEqualTo(reason);
        if (message != null) {
            assertThat(e.getMessage()).isEqualTo(message);
        } else {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
