package io.kubeboot.node.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel framing of upstream's wsstream.Conn and the statuses of the kubelet's ServeExec, per subprotocol. */
class RemoteCommandProtocolTest {
    private static final String SUCCESS = "{\"metadata\":{},\"status\":\"Success\"}";

    static Stream<Arguments> decodes() {
        return Stream.of(
                // protocol, message, expected
                Arguments.of("v5.channel.k8s.io", bytes(0, 'h', 'i'), new RemoteCommandProtocol.Data(0, "hi".getBytes())),
                Arguments.of("v5.channel.k8s.io", bytes(255, 0), new RemoteCommandProtocol.Close(0)),
                Arguments.of("v5.channel.k8s.io", bytes(255, 0, 0), new RemoteCommandProtocol.Fatal(
                        "Single channel byte should follow stream close signal. Got 2 bytes")),
                Arguments.of("v5.channel.k8s.io", bytes(255, 9), new RemoteCommandProtocol.Fatal(
                        "Close is targeted for a channel 9 that is not valid, possible protocol error")),
                // before v5, 255 is just a channel number nobody reads
                Arguments.of("v4.channel.k8s.io", bytes(255, 0), new RemoteCommandProtocol.Ignored(
                        "Frame is targeted for a reader 255 that is not valid, possible protocol error")),
                Arguments.of("v4.channel.k8s.io", bytes(4, '{', '}'), new RemoteCommandProtocol.Data(4, "{}".getBytes())),
                Arguments.of("v4.base64.channel.k8s.io", "0aGk=".getBytes(StandardCharsets.US_ASCII),
                        new RemoteCommandProtocol.Data(0, "hi".getBytes())),
                Arguments.of("", bytes(), new RemoteCommandProtocol.Ignored("empty message")));
    }

    @ParameterizedTest
    @MethodSource
    void decodes(String protocol, byte[] message, RemoteCommandProtocol.Inbound expected) {
        RemoteCommandProtocol.Inbound actual = RemoteCommandProtocol.of(protocol).decode(message, 5);
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    static Stream<Arguments> statuses() {
        List<String> cmd = List.of("sh", "-c", "exit 3");
        String exit3 = "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                + "error executing command [sh -c exit 3], exit code 3\",\"reason\":\"NonZeroExitCode\","
                + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]}}";
        return Stream.of(
                Arguments.of("v5.channel.k8s.io", cmd, 0, null, SUCCESS),
                Arguments.of("v4.channel.k8s.io", cmd, 0, null, SUCCESS),
                Arguments.of("v4.channel.k8s.io", cmd, 3, null, exit3),
                Arguments.of("v5.channel.k8s.io", cmd, null, "no such \"container\"",
                        "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"Internal error occurred: error executing "
                                + "command in container: no such \\\"container\\\"\",\"reason\":\"InternalError\","
                                + "\"details\":{\"causes\":[{\"message\":\"error executing command in container: "
                                + "no such \\\"container\\\"\"}]},\"code\":500}"),
                // v1-v3: nothing on success, the bare message on failure
                Arguments.of("channel.k8s.io", cmd, 0, null, null),
                Arguments.of("", cmd, 3, null,
                        "command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3"));
    }

    @ParameterizedTest
    @MethodSource
    void statuses(String protocol, List<String> command, Integer exitCode, String failure, String expected) {
        byte[] status = RemoteCommandProtocol.of(protocol).status(command, exitCode, failure);
        assertThat(status == null ? null : new String(status, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void encodesTheChannelFirst(String protocol, boolean base64, boolean streamClose, boolean json) {
        RemoteCommandProtocol p = RemoteCommandProtocol.of(protocol);
        assertThat(p.base64()).isEqualTo(base64);
        assertThat(p.streamClose()).isEqualTo(streamClose);
        assertThat(p.statusAsJson()).isEqualTo(json);
        byte[] data = "xhiy".getBytes(StandardCharsets.US_ASCII);
        assertThat(RemoteCommandProtocol.binary(1, data, 1, 2)).containsExactly(1, 'h', 'i');
        assertThat(RemoteCommandProtocol.text(2, data, 1, 2)).isEqualTo("2aGk=");
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("v5.channel.k8s.io", false, true, true),
                Arguments.of("v4.channel.k8s.io", false, false, true),
                Arguments.of("v4.base64.channel.k8s.io", true, false, true),
                Arguments.of("channel.k8s.io", false, false, false),
                Arguments.of("base64.channel.k8s.io", true, false, false),
                Arguments.of("", false, false, false));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
