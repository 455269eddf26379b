package io.kubeboot.node.runtime.docker;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Docker Engine's multiplexed attach stream split into stdout and stderr. */
class StdStreamDemuxTest {
    private static byte[] frame(int stream, String data) {
        byte[] d = data.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + d.length];
        f[0] = (byte) stream;
        f[4] = (byte) (d.length >>> 24);
        f[5] = (byte) (d.length >>> 16);
        f[6] = (byte) (d.length >>> 8);
        f[7] = (byte) d.length;
        System.arraycopy(d, 0, f, 8, d.length);
        return f;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void splitsFramesByStream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new StdStreamDemux(out, err).copy(new ByteArrayInputStream(concat(frame(1, "a"), frame(2, "b"), frame(1, "c"),
                frame(2, ""), frame(1, "x".repeat(20_000)))));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ac" + "x".repeat(20_000));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("b");
    }

    @Test
    void aFailingReaderDoesNotStopTheOtherStream() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("gone");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new StdStreamDemux(broken, err).copy(new ByteArrayInputStream(concat(frame(1, "a"), frame(2, "b"), frame(1, "c"))));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("b");
    }

    @Test
    void aStreamCutInsideAFrameIsAnError() {
        byte[] cut = java.util.Arrays.copyOf(frame(1, "hello"), 10);
        assertThatThrownBy(() -> new StdStreamDemux(null, null).copy(new ByteArrayInputStream(cut)))
                .isInstanceOf(EOFException.class);
    }
}
