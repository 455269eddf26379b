package io.kubeboot.node.kubelet.volumes;

import java.util.Arrays;

/** One file of a projected volume: its bytes and mode (permission bits, e.g. 0644). */
public record FileProjection(byte[] data, int mode) {
    public FileProjection {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileProjection other && mode == other.mode && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + mode;
    }

    @Override
    public String toString() {
        return "FileProjection[" + data.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
    }
}
