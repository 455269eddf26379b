package io.kubeboot.node.runtime.docker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Splits the Docker Engine's multiplexed attach stream (no TTY) into stdout and stderr: each frame is an 8-byte
 * header {@code [stream, 0, 0, 0, size (4 bytes, big endian)]} and {@code size} payload bytes, stream 1 being
 * stdout and 2 stderr (0, stdin, is written to stdout as the engine's own client does). A write that fails (the
 * reader went away) drops that stream's later output but keeps reading, so the command is never blocked on a full
 * pipe. Not thread safe: one reader.
 */
final class StdStreamDemux {
    private final OutputStream stdout;
    private final OutputStream stderr;
    private boolean stdoutBroken;
    private boolean stderrBroken;

    /** Either stream may be null: its frames are read and dropped. */
    StdStreamDemux(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Copies frames until the stream ends; a stream cut inside a frame is an {@link EOFException}. */
    void copy(InputStream in) throws IOException {
        byte[] header = new byte[8];
        byte[] buf = new byte[8192];
        while (true) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            header[0] = (byte) first;
            readFully(in, header, 1, 7);
            long size = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            boolean toStderr = header[0] == 2;
            while (size > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, size));
                if (n < 0) {
                    throw new EOFException("attach stream ended inside a frame");
                }
                write(toStderr, buf, n);
                size -= n;
            }
        }
    }

    private void write(boolean toStderr, byte[] buf, int n) {
        OutputStream out = toStderr ? stderr : stdout;
        if (out == null || (toStderr ? stderrBroken : stdoutBroken)) {
            return;
        }
        try {
            out.write(buf, 0, n);
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (toStderr) {
                stderrBroken = true;
            } else {
                stdoutBroken = true;
            }
        }
    }

    private static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new EOFException("attach stream ended inside a frame header");
            }
            off += n;
            len -= n;
        }
    }
}
