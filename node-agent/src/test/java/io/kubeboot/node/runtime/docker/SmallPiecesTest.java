package io.kubeboot.node.runtime.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SmallPiecesTest {
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "busybox, busybox, latest",
            "busybox:1.28, busybox, 1.28",
            "registry.k8s.io/pause:3.10, registry.k8s.io/pause, 3.10",
            "127.0.0.1:1/nope:1, 127.0.0.1:1/nope, 1",
            "127.0.0.1:5000/library/nginx, 127.0.0.1:5000/library/nginx, latest",
            "nginx@sha256:0123, nginx@sha256:0123, null"})
    void imageReferences(String image, String repository, String tag) {
        assertThat(ImageReference.parse(image)).isEqualTo(new ImageReference(repository, tag));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Status 404: {\"message\":\"No such image: x:1\"}\\n|No such image: x:1",
            "Status 500: not json|not json",
            "{\"message\":\"plain body\"}|plain body",
            "Status 409: {\"other\":1}|{\"other\":1}"})
    void daemonMessages(String raw, String expected) {
        assertThat(DockerMessages.daemonMessage(raw.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    void messageOfADockerException() {
        assertThat(DockerMessages.of(new NotFoundException("{\"message\":\"No such container: abc\"}\n")))
                .isEqualTo("No such container: abc");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", delimiter = '|', value = {
            // since, timestamps, frame, expected output
            "null|false|hello\\n|hello\\n",
            "null|true|2025-01-02T03:04:05.100000000Z hello\\n|2025-01-02T03:04:05.100000000Z hello\\n",
            "2025-01-02T03:04:05.200Z|false|2025-01-02T03:04:05.100000000Z early\\n|null",
            "2025-01-02T03:04:05.200Z|false|2025-01-02T03:04:05.200000000Z exact\\n|exact\\n",
            "2025-01-02T03:04:05.200Z|true|2025-01-02T03:04:06.000000000Z late\\n|2025-01-02T03:04:06.000000000Z late\\n",
            "2025-01-02T03:04:05.200Z|false|2025-01-02T03:04:06.000000000Z a b c\\n|a b c\\n"})
    void logLines(String since, boolean timestamps, String frame, String expected) {
        LogLineFilter filter = new LogLineFilter(since == null ? null : Instant.parse(since), timestamps);
        // "\\n" in the table stands for a newline (a raw one would end the CSV record)
        byte[] out = filter.apply(frame.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(out == null ? null : new String(out, StandardCharsets.UTF_8))
                .isEqualTo(expected == null ? null : expected.replace("\\n", "\n"));
    }

    @Test
    void boundedOutputKeepsTheFirstBytes() {
        BoundedOutput output = new BoundedOutput(5);
        output.write("abc".getBytes(StandardCharsets.UTF_8));
        output.write("defgh".getBytes(StandardCharsets.UTF_8));
        output.write("ij".getBytes(StandardCharsets.UTF_8));
        assertThat(output.text()).isEqualTo("abcde");
    }
}
