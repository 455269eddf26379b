package io.kubeboot.apiserver.podexec;

import io.kubeboot.api.errors.StatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PodExecOptions from URL values and upstream's streamParams encoding of the kubelet query. */
class PodExecOptionsTest {
    static Stream<Arguments> parsesAndEncodes() {
        return Stream.of(
                Arguments.of(Map.of("command", List.of("ls", "-l"), "stdout", List.of("true")),
                        new PodExecOptions("", false, true, false, false, List.of("ls", "-l")),
                        "command=ls&command=-l&output=1"),
                // kubectl's query: every flag spelled out, false ones included
                Arguments.of(Map.of("command", List.of("sh", "-c", "exit 3"), "container", List.of("app"),
                                "stdin", List.of("false"), "stdout", List.of("true"), "stderr", List.of("true"),
                                "tty", List.of("0")),
                        new PodExecOptions("app", false, true, true, false, List.of("sh", "-c", "exit 3")),
                        "command=sh&command=-c&command=exit+3&error=1&output=1"),
                // booleans as the apimachinery converter: anything but absent, "0" and "false" is true
                Arguments.of(Map.of("command", List.of("cat"), "stdin", List.of(""), "stdout", List.of("1"),
                                "tty", List.of("TRUE")),
                        new PodExecOptions("", true, true, false, true, List.of("cat")),
                        "command=cat&input=1&output=1&tty=1"));
    }

    @ParameterizedTest
    @MethodSource
    void parsesAndEncodes(Map<String, List<String>> query, PodExecOptions expected, String kubeletQuery) {
        PodExecOptions opts = PodExecOptions.parse(query);
        assertThat(opts).isEqualTo(expected);
        assertThat(opts.kubeletQuery()).isEqualTo(kubeletQuery);
        opts.validate();
    }

    @Test
    void aCommandIsRequired() {
        PodExecOptions opts = PodExecOptions.parse(Map.of("stdout", List.of("true")));
        assertThatThrownBy(opts::validate).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("you must specify at least 1 command");
        });
    }

    @Test
    void anUnreachableKubeletIsA500NamingTheDial() {
        StatusException e = PodExecProxy.dialFailure("127.0.0.1:1/exec/ns/p/c?command=ls",
                new RuntimeException(new java.net.ConnectException("Connection refused")));
        assertThat(e.code()).isEqualTo(500);
        assertThat(e.getMessage()).isEqualTo("error dialing backend: dial tcp 127.0.0.1:1: connect: connection refused");
    }
}
