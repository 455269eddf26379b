package io.kubeboot.node.server;

import io.kubeboot.node.runtime.ExecStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The stdin the kubelet hands the runtime, and the resize messages it decodes. */
class ChannelInputStreamTest {
    @Test
    void readsQueuedDataThenEndOfFileForEveryRead() {
        ChannelInputStream in = new ChannelInputStream();
        in.offer("ab".getBytes(StandardCharsets.UTF_8));
        in.offer(new byte[0]);
        in.offer("c".getBytes(StandardCharsets.UTF_8));
        in.end();
        in.offer("late".getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[1];
        assertThat(in.read(buf, 0, 1)).isEqualTo(1);
        assertThat(buf[0]).isEqualTo((byte) 'a');
        assertThat(in.read()).isEqualTo('b');
        assertThat(in.read()).isEqualTo('c');
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(buf, 0, 1)).isEqualTo(-1);
    }

    @Test
    void anInterruptedReaderSeesEndOfFile() {
        ChannelInputStream in = new ChannelInputStream();
        Thread.currentThread().interrupt();
        assertThat(in.read()).isEqualTo(-1);
        assertThat(Thread.interrupted()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "{\"Width\":80,\"Height\":24}|80|24",
            // Go's encoding/json matches field names case-insensitively
            "{\"width\":100,\"height\":30}|100|30",
            "{\"Width\":80}|null|null",
            "not json|null|null"})
    void decodesTerminalSizes(String json, Integer width, Integer height) {
        ExecStreams.TerminalSize size = ExecWebSocketSession.size(json.getBytes(StandardCharsets.UTF_8));
        assertThat(size).isEqualTo(width == null ? null : new ExecStreams.TerminalSize(width, height));
    }
}
