package io.kubeboot.node.runtime.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Collects output up to a limit and silently drops the rest (the kubelet reads at most 10 KiB of probe output). */
final class BoundedOutput {
    static final int EXEC_OUTPUT_LIMIT = 10 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;

    BoundedOutput(int limit) {
        this.limit = limit;
    }

    synchronized void write(byte[] data) {
        if (data == null) {
            return;
        }
        int room = limit - bytes.size();
        if (room > 0) {
            bytes.write(data, 0, Math.min(room, data.length));
        }
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
