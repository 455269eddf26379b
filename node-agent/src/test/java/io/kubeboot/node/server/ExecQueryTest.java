package io.kubeboot.node.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream's remotecommand.NewOptions (kubelet streaming server) cases. */
class ExecQueryTest {
    static Stream<Arguments> parses() {
        List<String> ls = List.of("ls");
        return Stream.of(
                Arguments.of(Map.of("command", ls, "output", List.of("1")), new ExecQuery(ls, false, true, false, false), 1),
                Arguments.of(Map.of("command", ls, "input", List.of("1"), "output", List.of("1"), "error", List.of("1")),
                        new ExecQuery(ls, true, true, true, false), 1),
                // a terminal has one output: stderr is dropped
                Arguments.of(Map.of("command", ls, "input", List.of("1"), "error", List.of("1"), "tty", List.of("1")),
                        new ExecQuery(ls, true, false, false, true), 3),
                Arguments.of(Map.of("command", ls, "error", List.of("1")), new ExecQuery(ls, false, false, true, false), 2),
                Arguments.of(Map.of("command", ls, "input", List.of("1")), new ExecQuery(ls, true, false, false, false), 3));
    }

    @ParameterizedTest
    @MethodSource
    void parses(Map<String, List<String>> query, ExecQuery expected, int firstWritable) {
        ExecQuery q = ExecQuery.parse(query);
        assertThat(q).isEqualTo(expected);
        assertThat(q.firstWritableChannel()).isEqualTo(firstWritable);
    }

    static Stream<Arguments> refuses() {
        return Stream.of(
                // only "1" turns a stream on, as Go's FormValue(...) == "1"
                Arguments.of(Map.of("command", List.of("ls"), "output", List.of("true")),
                        "you must specify at least 1 of stdin, stdout, stderr"),
                Arguments.of(Map.of("command", List.of("ls"), "error", List.of("1"), "tty", List.of("1")),
                        "you must specify at least 1 of stdin, stdout, stderr"),
                Arguments.of(Map.of("output", List.of("1")), "you must specify at least 1 command"));
    }

    @ParameterizedTest
    @MethodSource
    void refuses(Map<String, List<String>> query, String message) {
        assertThatThrownBy(() -> ExecQuery.parse(query)).isInstanceOfSatisfying(KubeletHttpException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
